import Foundation
import Logging
import NIOConcurrencyHelpers
import SignalR
import SignalRProtocol

/// A gateway hub's connection, driven by a ``HubSupervisor`` under one lock: what ``MarketHub``
/// and ``UserHub`` share. It performs the machine's actions (connections, invocations, timers,
/// the watchdog's ticks, reports) and feeds their results back as events.
///
/// Each connect makes a new ``SignalR/HubConnection`` (without a retry policy of its own) whose
/// handlers carry the connection's id, so that anything a replaced connection still delivers is
/// dropped, and a late success after `stop()` is closed at once.
final class SupervisedHub<Subscription: Hashable & Sendable & CustomStringConvertible>: Sendable {
    typealias Machine = HubSupervisor<Subscription>
    typealias Action = Machine.Action
    typealias Invocation = @Sendable (HubConnection, Subscription) async throws -> Void

    /// What the hub does with the machine's reports and how it sends its subscriptions.
    struct Hooks: Sendable {
        /// Invokes the subscribe method.
        var apply: Invocation
        /// Invokes the unsubscribe method.
        var remove: Invocation
        /// Data may have been missed (the reason, the wanted subscriptions).
        var gap: @Sendable (String, [Subscription]) -> Void
        /// Data flows again (the connection's id).
        var live: @Sendable (String?) -> Void
    }

    /// Which answer a subscribe or unsubscribe caller waits for.
    private struct Pending: Hashable {
        var subscription: Subscription
        var connection: UInt64
    }

    /// Everything that changes, under one lock.
    private struct Core {
        var machine: Machine
        var connections: [UInt64: HubConnection] = [:]
        var timers: [UInt64: Task<Void, Never>] = [:]
        var watchdog: Task<Void, Never>?
        var startWaiters: [CheckedContinuation<Void, any Error>] = []
        var applyWaiters: [Pending: [OneShot<Machine.Outcome>]] = [:]
        var removeWaiters: [Pending: [OneShot<Machine.Outcome>]] = [:]
        var handlers: [(event: String, handler: @Sendable ([RawJSON]) -> Void)] = []
        var events = 0
        var malformed = 0
    }

    private let core: NIOLockedValueBox<Core>
    private let url: URL
    private let connectionOptions: HubConnectionOptions
    private let tlsContexts = TLSContextCache(configuration: nil)
    private let tokenBridge: HubTokenBridge
    private let statusBroadcaster = EventBroadcaster<HubStatus>(bufferSize: 256)
    private let hooks: Hooks
    private let logger: Logger
    private let metrics: HubMetrics

    init(
        url: URL,
        tokens: TokenManager,
        options: HubOptions,
        staleFeedWindow: Duration?,
        logger: Logger,
        metrics: HubMetrics,
        hooks: Hooks,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        let bridge = HubTokenBridge(tokens: tokens, hubURL: url)
        var connectionOptions = HubConnectionOptions(
            accessTokenProvider: { request in try await bridge.token(for: request) },
            accessTokenInQuery: options.accessTokenInQuery,
            skipNegotiation: options.skipNegotiation,
            // The supervisor alone decides when to reconnect.
            retryPolicy: nil
        )
        connectionOptions.keepAliveInterval = options.keepAliveInterval
        connectionOptions.serverTimeout = options.serverTimeout
        connectionOptions.handshakeTimeout = options.handshakeTimeout
        connectionOptions.invocationTimeout = options.invocationTimeout
        connectionOptions.authenticationFailureRetryLimit = options.authenticationFailureRetryLimit
        connectionOptions.logger = logger
        connectionOptions.metricsFactory = options.metricsFactory
        self.metrics = metrics
        self.url = url
        self.connectionOptions = connectionOptions
        self.tokenBridge = bridge
        self.hooks = hooks
        self.logger = logger
        let configuration = Machine.Configuration(
            reconnect: options.reconnectPolicy,
            refusedRetryDelay: options.refusedSubscriptionRetryDelay,
            refusedRetryMaximumDelay: options.refusedSubscriptionRetryMaximumDelay,
            staleFeedWindow: staleFeedWindow,
            random: random
        )
        self.core = NIOLockedValueBox(Core(machine: Machine(configuration: configuration)))
    }

    // MARK: State

    var status: HubStatus { core.withLockedValue { $0.machine.status } }

    /// The status now, then every change.
    func statusUpdates() -> AsyncStream<HubStatus> {
        core.withLockedValue { core in
            let stream = statusBroadcaster.stream()
            statusBroadcaster.yield(core.machine.status)
            return stream
        }
    }

    var wantedSubscriptions: [Subscription] { core.withLockedValue { $0.machine.wanted.wanted } }

    var refusedSubscriptions: [Subscription: String] { core.withLockedValue { $0.machine.refused } }

    /// Events delivered, events that could not be read, reconnects forced by the watchdog.
    var statistics: (events: Int, malformed: Int, staleRestarts: Int) {
        core.withLockedValue { ($0.events, $0.malformed, $0.machine.staleRestarts) }
    }

    /// Registers a handler for a server event on every connection to come. Call before `start()`.
    func on(_ event: String, _ handler: @escaping @Sendable ([RawJSON]) -> Void) {
        core.withLockedValue { $0.handlers.append((event, handler)) }
    }

    /// Counts events that could not be read.
    func countMalformed(_ count: Int = 1) {
        core.withLockedValue { $0.malformed += count }
        metrics.eventsMalformed.increment(by: count)
    }

    // MARK: The program's calls

    /// Connects; throws the first connection's failure (after which the hub is stopped).
    func start() async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                fire({ machine, _ in machine.start() }, prepare: { core, _ in core.startWaiters.append(continuation) })
            }
        } onCancel: {
            Task { await self.stop() }
        }
    }

    /// Closes the connection and every timer; returns when the connection is closed.
    func stop() async {
        let closing = process { machine, _ in machine.stop() }
        for connection in closing { await connection.stop() }
    }

    /// Adds a wanted subscription. When it is sent at once, waits for the server's answer: a
    /// refusal or no answer in time is thrown (the subscription stays wanted either way).
    func subscribe(_ subscription: Subscription) async throws {
        let answer = OneShot<Machine.Outcome>()
        let actions = fire({ machine, now in machine.subscribe(subscription, now: now) }, prepare: { core, actions in
            for case .apply(let sent, let connection) in actions where sent == subscription {
                core.applyWaiters[Pending(subscription: sent, connection: connection), default: []].append(answer)
            }
        })
        guard actions.contains(where: { if case .apply(subscription, _) = $0 { true } else { false } }) else { return }
        try Self.check(try await answer.value())
    }

    /// Removes a wanted subscription; waits for the server's answer when it had it.
    func unsubscribe(_ subscription: Subscription) async throws {
        let answer = OneShot<Machine.Outcome>()
        let actions = fire({ machine, now in machine.unsubscribe(subscription, now: now) }, prepare: { core, actions in
            for case .remove(let sent, let connection) in actions where sent == subscription {
                core.removeWaiters[Pending(subscription: sent, connection: connection), default: []].append(answer)
            }
        })
        guard actions.contains(where: { if case .remove(subscription, _) = $0 { true } else { false } }) else { return }
        try Self.check(try await answer.value())
    }

    /// Drops the current connection and connects anew.
    func reconnect(reason: HubError) {
        fire { machine, now in machine.restart(reason: reason, now: now) }
    }

    /// Whether an event of connection `id` is to be delivered (it is current); counts it.
    private func accept(_ id: UInt64) -> Bool {
        let now = ContinuousClock.now
        let accepted = core.withLockedValue { core in
            guard core.machine.eventReceived(connection: id, now: now) else { return false }
            core.events += 1
            return true
        }
        // A counter made once: no lookup, lock or allocation per event (see HubMetrics).
        if accepted { metrics.eventsReceived.increment() }
        return accepted
    }

    /// What a subscribe or unsubscribe caller learns: a lost connection is no failure (the next
    /// connection applies what is wanted).
    private static func check(_ outcome: Machine.Outcome) throws(HubError) {
        switch outcome {
        case .done: return
        case .refused(let error): throw error
        case .failed(let error) where error.code == .connectionLost: return
        case .failed(let error): throw error
        }
    }

    // MARK: Driving the machine

    /// Feeds one event and performs its actions; connections to close are closed in the
    /// background. Returns the actions.
    @discardableResult
    private func fire(
        _ event: (inout Machine, ContinuousClock.Instant) -> [Action],
        prepare: (inout Core, [Action]) -> Void = { _, _ in }
    ) -> [Action] {
        var actions: [Action] = []
        let closing = process({ machine, now in
            actions = event(&machine, now)
            return actions
        }, prepare: prepare)
        for connection in closing { Task { await connection.stop() } }
        return actions
    }

    /// Feeds one event under the lock, performs its actions, runs what must not run under the
    /// lock, and returns the connections to close. `prepare` runs under the lock after the event
    /// and before its actions (to register a waiter for an answer the actions ask for).
    private func process(
        _ event: (inout Machine, ContinuousClock.Instant) -> [Action],
        prepare: (inout Core, [Action]) -> Void = { _, _ in }
    ) -> [HubConnection] {
        let now = ContinuousClock.now
        let (effects, closing) = core.withLockedValue { core -> ([@Sendable () -> Void], [HubConnection]) in
            let actions = event(&core.machine, now)
            prepare(&core, actions)
            var effects: [@Sendable () -> Void] = []
            var closing: [HubConnection] = []
            for action in actions { perform(action, core: &core, effects: &effects, closing: &closing) }
            return (effects, closing)
        }
        for effect in effects { effect() }
        return closing
    }

    /// Performs one action under the lock. Reports are delivered here, so that every consumer
    /// sees them in the machine's order; work that must not run under the lock goes to `effects`.
    private func perform(_ action: Action, core: inout Core, effects: inout [@Sendable () -> Void], closing: inout [HubConnection]) {
        switch action {
        case .connect(let id, let refreshToken):
            if case .reconnecting(let reason) = core.machine.status { metrics.reconnect(cause: reason.code) }
            let connection = makeConnection(id: id, handlers: core.handlers)
            core.connections[id] = connection
            effects.append { Task { await self.run(connection, id: id, refreshToken: refreshToken) } }
        case .closeConnection(let id):
            if let connection = core.connections.removeValue(forKey: id) { closing.append(connection) }
        case .scheduleReconnect(let timer, let delay), .scheduleRefusedRetry(let timer, let delay):
            if case .scheduleReconnect = action { logger.info("Reconnecting in \(delay.formattedSeconds).") }
            core.timers[timer] = Task { [weak self] in
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    return
                }
                self?.fire({ machine, now in machine.timerFired(timer, now: now) }, prepare: { core, _ in core.timers[timer] = nil })
            }
        case .cancelTimer(let timer):
            if let task = core.timers.removeValue(forKey: timer) { effects.append { task.cancel() } }
        case .apply(let subscription, let id):
            guard let connection = core.connections[id] else { return }
            effects.append {
                Task {
                    let outcome = await Self.invoke(self.hooks.apply, connection, subscription)
                    if case .refused(let error) = outcome {
                        self.logger.error("The server refused \(subscription); retrying it: \(error.message)")
                    }
                    let key = Pending(subscription: subscription, connection: id)
                    self.fire({ machine, now in machine.applyFinished(subscription, connection: id, outcome: outcome, now: now) }, prepare: { core, _ in
                        for waiter in core.applyWaiters.removeValue(forKey: key) ?? [] { waiter.deliver(outcome) }
                    })
                }
            }
        case .remove(let subscription, let id):
            guard let connection = core.connections[id] else { return }
            effects.append {
                Task {
                    let outcome = await Self.invoke(self.hooks.remove, connection, subscription)
                    let key = Pending(subscription: subscription, connection: id)
                    self.fire({ machine, now in machine.removeFinished(subscription, connection: id, outcome: outcome, now: now) }, prepare: { core, _ in
                        for waiter in core.removeWaiters.removeValue(forKey: key) ?? [] { waiter.deliver(outcome) }
                    })
                }
            }
        case .reportStatus(let status):
            log(status)
            switch status {
            case .live, .degraded: metrics.connected.record(1)
            case .connecting, .reconnecting, .stopped: metrics.connected.record(0)
            }
            statusBroadcaster.yield(status)
        case .reportGap(let reason, let subscriptions):
            logger.warning("Data may have been missed: \(reason)", metadata: ["subscriptions": "\(subscriptions.count)"])
            metrics.gaps.increment()
            hooks.gap(reason, subscriptions)
        case .reportLive(let connectionId):
            logger.info("Hub live.", metadata: ["subscriptions": "\(core.machine.applied.count)", "connection": "\(connectionId ?? "-")"])
            hooks.live(connectionId)
        case .armWatchdog(let tick):
            core.watchdog?.cancel()
            core.watchdog = Task { [weak self] in
                while !Task.isCancelled {
                    do {
                        try await Task.sleep(for: tick)
                    } catch {
                        return
                    }
                    self?.fire { machine, now in machine.watchdogTick(now: now) }
                }
            }
        case .disarmWatchdog:
            if let task = core.watchdog {
                core.watchdog = nil
                effects.append { task.cancel() }
            }
        case .completeStart(let error):
            let waiters = core.startWaiters
            core.startWaiters = []
            effects.append {
                for waiter in waiters {
                    if let error { waiter.resume(throwing: error) } else { waiter.resume() }
                }
            }
        }
    }

    // MARK: Connections

    /// A new connection whose handlers deliver only while it is the current one.
    private func makeConnection(id: UInt64, handlers: [(event: String, handler: @Sendable ([RawJSON]) -> Void)]) -> HubConnection {
        let connection = HubConnection(url: url, options: connectionOptions, tlsContexts: tlsContexts)
        for (event, handler) in handlers {
            connection.onRaw(event) { [weak self] arguments in
                guard let self, self.accept(id) else { return }
                handler(arguments)
            }
        }
        connection.onRaw("GatewayLogout") { [weak self] arguments in
            guard let self else { return }
            self.logger.warning("The gateway ended the session (GatewayLogout); refreshing the token and reconnecting.",
                                metadata: ["arguments": "\(arguments.count)"])
            let reason = HubError(code: .loggedOut, message: "the gateway sent GatewayLogout")
            self.fire { machine, now in machine.restart(connection: id, reason: reason, refreshToken: true, now: now) }
        }
        return connection
    }

    /// Connects `connection` and reports how it went, then waits for its end and reports that.
    private func run(_ connection: HubConnection, id: UInt64, refreshToken: Bool) async {
        if refreshToken { await tokenBridge.reportRefusal() }
        do {
            try await connection.start()
        } catch {
            let failure = HubError(any: error)
            logger.warning("Connect attempt failed: \(failure)")
            fire { machine, now in machine.connectFailed(id: id, error: failure, now: now) }
            return
        }
        let connectionId = connection.connectionId
        metrics.connects.increment()
        fire { machine, now in machine.connectSucceeded(id: id, connectionId: connectionId, now: now) }
        // The state now, then every change: a connection that already ended says so at once.
        for await state in connection.states {
            guard case .disconnected(let error) = state else { continue }
            let lost = error.map { HubError($0) } ?? HubError(code: .connectionLost, message: "The connection was closed.")
            fire { machine, now in machine.connectionLost(id: id, error: lost, now: now) }
            return
        }
    }

    private static func invoke(_ body: Invocation, _ connection: HubConnection, _ subscription: Subscription) async -> Machine.Outcome {
        do {
            try await body(connection, subscription)
            return .done
        } catch let error as SignalRError {
            if case .invocationFailed = error { return .refused(HubError(error)) }
            return .failed(HubError(error))
        } catch {
            return .failed(HubError(any: error))
        }
    }

    private func log(_ status: HubStatus) {
        switch status {
        case .connecting: logger.info("Connecting.")
        case .live: logger.info("\(status)")
        case .degraded: logger.error("Hub degraded: \(status)")
        case .reconnecting(let reason): logger.warning("Reconnecting: \(reason)")
        case .stopped(let error?): logger.error("Stopped: \(error)")
        case .stopped(nil): logger.info("Stopped.")
        }
    }
}
