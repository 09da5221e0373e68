import Foundation
import Logging
import SignalR
import NIOConcurrencyHelpers

/// What a gateway hub does that does not depend on its data: the connection and its token, the
/// wanted subscriptions restored on every new connection, the status, gaps, forced reconnects,
/// and the retry of subscriptions the server refused. ``MarketHub`` and ``UserHub`` each own one
/// and add their events.
///
/// The status changes before the gap is reported, so a consumer that sees a gap and then a
/// live (or degraded) status knows the connection it reads about is the restored one.
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
    private let refusalRetryDelay: Duration
    private let refusalRetryMaximumDelay: Duration

    private struct Control {
        var status: HubStatus = .connecting
        var observer: Task<Void, Never>?
        var stopped = false
        var restarting = false
        var restarts = 0
        var lastRestart: ContinuousClock.Instant?
        var quickRestarts = 0
        /// The current connection's id while connected and restored.
        var connectionId: String??
        /// Retries the refused subscriptions while some are refused and the hub is connected.
        var refusalRetry: Task<Void, Never>?
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
        self.refusalRetryDelay = options.refusedSubscriptionRetryDelay
        self.refusalRetryMaximumDelay = max(options.refusedSubscriptionRetryDelay, options.refusedSubscriptionRetryMaximumDelay)
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
        let (observer, retry) = control.withLockedValue { control -> (Task<Void, Never>?, Task<Void, Never>?) in
            control.stopped = true
            control.connectionId = nil
            defer {
                control.observer = nil
                control.refusalRetry = nil
            }
            return (control.observer, control.refusalRetry)
        }
        retry?.cancel()
        await connection.stop()
        observer?.cancel()
        await coordinator.disconnected()
        setStatus(.stopped(error: nil))
    }

    /// Adds a wanted subscription (see ``SubscriptionCoordinator/subscribe(_:)``). A refusal is
    /// thrown, and also reported in the status (degraded) and retried with backoff.
    func subscribe(_ subscription: Subscription) async throws {
        do {
            try await coordinator.subscribe(subscription)
        } catch let error as SignalRError {
            if case .invocationFailed = error { await refusalsChanged() }
            throw error
        }
    }

    /// Removes a wanted subscription; when it was the last refused one, the hub is live again.
    func unsubscribe(_ subscription: Subscription) async throws {
        let wasRefused = await coordinator.refusedSubscriptions[subscription] != nil
        try await coordinator.unsubscribe(subscription)
        if wasRefused { await refusalsChanged() }
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
        lostConnection()
        setStatus(.reconnecting(reason: reason))
        onGap(reason)
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
            control.withLockedValue { $0.connectionId = .some(connectionId) }
            if result.failures.isEmpty {
                setStatus(.live(connectionId: connectionId, subscriptions: wanted))
            } else {
                let list = result.failures.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
                logger.error("Subscriptions refused on the new connection; retrying them: \(list)")
                await refusalsChanged()
            }
            logger.info("Hub live.", metadata: ["subscriptions": "\(wanted)", "restored": "\(result.applied)"])
            onLive(connectionId)
        case .reconnecting(let reason):
            await coordinator.disconnected()
            lostConnection()
            logger.warning("Connection lost; reconnecting.", metadata: ["reason": "\(reason)"])
            setStatus(.reconnecting(reason: "\(reason)"))
            onGap("connection lost: \(reason)")
        case .disconnected(let error):
            await coordinator.disconnected()
            lostConnection()
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

    // MARK: Refused subscriptions

    /// The connection is gone: no id, and no retry of refused subscriptions until the next
    /// connection's restore (which tries them all again).
    private func lostConnection() {
        let retry = control.withLockedValue { control -> Task<Void, Never>? in
            control.connectionId = nil
            defer { control.refusalRetry = nil }
            return control.refusalRetry
        }
        retry?.cancel()
    }

    /// The refused set changed: report it in the status (degraded while any is refused, live
    /// again when none is) and keep one retry loop running while any is refused.
    private func refusalsChanged() async {
        let refused = await coordinator.refusedSubscriptions
        let wanted = await coordinator.wantedSubscriptions.count
        guard let connectionId = control.withLockedValue({ $0.connectionId }) else { return }
        if refused.isEmpty {
            setStatus(.live(connectionId: connectionId, subscriptions: wanted))
            return
        }
        setStatus(.degraded(reason: Self.refusalReason(refused)))
        startRefusalRetry()
    }

    /// `refused: orders 12: <the server's message>; …; retrying`.
    private static func refusalReason(_ refused: [Subscription: String]) -> String {
        let list = refused.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ")
        return "refused: \(list); retrying"
    }

    /// Retries the refused subscriptions with backoff while connected. Ends when none is refused
    /// or the connection goes (the next connection's restore tries them all again).
    private func startRefusalRetry() {
        let (initial, maximum) = (refusalRetryDelay, refusalRetryMaximumDelay)
        control.withLockedValue { control in
            guard !control.stopped, control.refusalRetry == nil else { return }
            control.refusalRetry = Task { [weak self] in
                var delay = initial
                while !Task.isCancelled {
                    try? await Task.sleep(for: delay)
                    guard let self, !Task.isCancelled else { return }
                    let result = await self.coordinator.retryRefused()
                    let refused = await self.coordinator.refusedSubscriptions
                    if !result.applied.isEmpty {
                        self.logger.info("Refused subscriptions accepted on retry.", metadata: ["accepted": "\(result.applied.map(\.description))"])
                    }
                    // Not connected: whoever saw the disconnection cancelled this loop, and the
                    // next connection's restore tries every refused subscription again.
                    if result.interrupted { return }
                    if refused.isEmpty {
                        self.control.withLockedValue { $0.refusalRetry = nil }
                        if !result.applied.isEmpty { await self.announceRetried() }
                        // A refusal that came in while this loop was ending gets a new loop.
                        if await !self.coordinator.refusedSubscriptions.isEmpty { self.startRefusalRetry() }
                        return
                    }
                    if !result.applied.isEmpty { await self.announceRetried() }
                    delay = min(delay * 2, maximum)
                }
            }
        }
    }

    /// A retry applied subscriptions on the current connection: report the status and tell the
    /// consumers (a live event), whose data for them starts only now.
    private func announceRetried() async {
        let refused = await coordinator.refusedSubscriptions
        let wanted = await coordinator.wantedSubscriptions.count
        guard let connectionId = control.withLockedValue({ $0.connectionId }) else { return }
        setStatus(refused.isEmpty ? .live(connectionId: connectionId, subscriptions: wanted) : .degraded(reason: Self.refusalReason(refused)))
        onLive(connectionId)
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
