import Foundation
import Logging
import SignalR
import NIOConcurrencyHelpers

/// What a gateway hub does that does not depend on its data: the connection and its token, the
/// wanted subscriptions restored on every new connection, the status, gaps, forced reconnects.
/// ``MarketHub`` and ``UserHub`` each own one and add their events.
final class HubSession<Subscription: Hashable & Sendable & CustomStringConvertible>: Sendable {
    let connection: HubConnection
    let coordinator: SubscriptionCoordinator<Subscription>
    private let tokenBridge: HubTokenBridge
    private let statusBroadcaster = EventBroadcaster<HubStatus>(bufferSize: 256)
    private let control = NIOLockedValueBox(Control())
    private let logger: Logger
    private let onGap: @Sendable (String) -> Void
    private let onLive: @Sendable (String?) -> Void
    private let onConnected: @Sendable () -> Void

    private struct Control {
        var status: HubStatus = .connecting
        var observer: Task<Void, Never>?
        var stopped = false
        var restarting = false
        var restarts = 0
        var lastRestart: ContinuousClock.Instant?
        var quickRestarts = 0
    }

    init(
        url: URL,
        tokens: TokenManager,
        options: HubOptions,
        logger: Logger,
        apply: @escaping @Sendable (HubConnection, Subscription) async throws -> Void,
        remove: @escaping @Sendable (HubConnection, Subscription) async throws -> Void,
        onGap: @escaping @Sendable (String) -> Void,
        onLive: @escaping @Sendable (String?) -> Void,
        onConnected: @escaping @Sendable () -> Void = {}
    ) {
        let bridge = HubTokenBridge(tokens: tokens, hubURL: url)
        var connectionOptions = HubConnectionOptions(
            accessTokenProvider: { request in try await bridge.token(for: request) },
            accessTokenInQuery: options.accessTokenInQuery,
            skipNegotiation: options.skipNegotiation,
            retryPolicy: options.retryPolicy
        )
        connectionOptions.keepAliveInterval = options.keepAliveInterval
        connectionOptions.serverTimeout = options.serverTimeout
        connectionOptions.handshakeTimeout = options.handshakeTimeout
        connectionOptions.authenticationFailureRetryLimit = options.authenticationFailureRetryLimit
        connectionOptions.logger = logger
        let connection = HubConnection(url: url, options: connectionOptions)
        self.connection = connection
        self.tokenBridge = bridge
        self.logger = logger
        self.onGap = onGap
        self.onLive = onLive
        self.onConnected = onConnected
        self.coordinator = SubscriptionCoordinator(
            apply: { subscription in try await apply(connection, subscription) },
            remove: { subscription in try await remove(connection, subscription) }
        )
        connection.onRaw("GatewayLogout") { [weak self] arguments in
            guard let self else { return }
            self.logger.warning("The gateway ended the session (GatewayLogout); refreshing the token and reconnecting.",
                                metadata: ["arguments": "\(arguments.count)"])
            Task { await self.restart(reason: "the gateway sent GatewayLogout", tokenRefused: true) }
        }
    }

    var status: HubStatus { control.withLockedValue { $0.status } }

    /// The status now, then every change.
    func statusUpdates() -> AsyncStream<HubStatus> {
        let stream = statusBroadcaster.stream()
        statusBroadcaster.yield(status)
        return stream
    }

    /// How many times the session forced a reconnect (stale feed, logout).
    var forcedReconnects: Int { control.withLockedValue { $0.restarts } }

    func start() async throws {
        let observer = Task { [weak self] in
            guard let self else { return }
            for await state in self.connection.states {
                if Task.isCancelled { break }
                await self.handle(state)
            }
        }
        let previous = control.withLockedValue { control -> Task<Void, Never>? in
            control.stopped = false
            defer { control.observer = observer }
            return control.observer
        }
        previous?.cancel()
        do {
            try await connection.start()
        } catch {
            setStatus(.stopped(error: "\(error)"))
            throw error
        }
    }

    func stop() async {
        let observer = control.withLockedValue { control -> Task<Void, Never>? in
            control.stopped = true
            defer { control.observer = nil }
            return control.observer
        }
        await connection.stop()
        observer?.cancel()
        await coordinator.disconnected()
        setStatus(.stopped(error: nil))
    }

    /// Drops the current connection and connects anew (a silent feed, a logout). Retries with
    /// backoff until connected or stopped; the hub reports a gap meanwhile.
    func restart(reason: String, tokenRefused: Bool = false) async {
        let now = ContinuousClock.now
        let pause = control.withLockedValue { control -> Duration? in
            guard !control.stopped, !control.restarting else { return nil }
            control.restarting = true
            control.restarts += 1
            // A server that closes every new connection at once must not get a storm of
            // reconnects: restarts in quick succession wait longer and longer.
            if let last = control.lastRestart, now - last < .seconds(5) {
                control.quickRestarts += 1
            } else {
                control.quickRestarts = 0
            }
            control.lastRestart = now
            // The first few are free: separate faults can legitimately come close together.
            return min(.milliseconds(250) * max(0, control.quickRestarts - 2), .seconds(15))
        }
        guard let pause else { return }
        defer { control.withLockedValue { $0.restarting = false } }
        logger.warning("Forcing a reconnect: \(reason).")
        if tokenRefused { await tokenBridge.reportRefusal() }
        await coordinator.disconnected()
        onGap(reason)
        setStatus(.reconnecting(reason: reason))
        await connection.stop()
        if pause > .zero { try? await Task.sleep(for: pause) }
        var delay = Duration.milliseconds(250)
        while !control.withLockedValue({ $0.stopped }) {
            do {
                try await connection.start()
                return
            } catch {
                logger.error("Reconnect after \(reason) failed: \(error)")
                setStatus(.reconnecting(reason: "\(reason); last attempt failed: \(error)"))
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(15))
            }
        }
    }

    private func handle(_ state: HubConnectionState) async {
        switch state {
        case .connecting:
            if case .stopped = status { setStatus(.connecting) }
        case .connected(let connectionId):
            onConnected()
            let result = await coordinator.restore()
            guard !result.interrupted else { return }
            let wanted = await coordinator.wantedSubscriptions.count
            if result.failures.isEmpty {
                setStatus(.live(connectionId: connectionId, subscriptions: wanted))
            } else {
                let list = result.failures.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
                logger.error("Subscriptions refused on the new connection: \(list)")
                setStatus(.degraded(reason: "refused: \(list)"))
            }
            logger.info("Hub live.", metadata: ["subscriptions": "\(wanted)", "restored": "\(result.applied)"])
            onLive(connectionId)
        case .reconnecting(let reason):
            await coordinator.disconnected()
            logger.warning("Connection lost; reconnecting.", metadata: ["reason": "\(reason)"])
            onGap("connection lost: \(reason)")
            setStatus(.reconnecting(reason: "\(reason)"))
        case .disconnected(let error):
            await coordinator.disconnected()
            let (stopped, restarting) = control.withLockedValue { ($0.stopped, $0.restarting) }
            if restarting { return }
            if stopped {
                setStatus(.stopped(error: nil))
            } else if let error {
                // The server closed without allowing a reconnect, or the retry policy gave up.
                // A trading program must not lose its data for good over that: supervise the
                // connection back up, with backoff (a revoked key cannot cause a storm).
                logger.error("Hub disconnected: \(error); reconnecting under supervision.")
                Task { await self.restart(reason: "disconnected: \(error)") }
            }
        }
    }

    private func setStatus(_ status: HubStatus) {
        let changed = control.withLockedValue { control -> Bool in
            guard control.status != status else { return false }
            control.status = status
            return true
        }
        if changed { statusBroadcaster.yield(status) }
    }
}
