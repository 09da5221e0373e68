/// The supervision of a gateway hub as one pure state machine: which connection is current, the
/// wanted subscriptions and what each connection has of them, the status, gaps, reconnects with
/// one ``ReconnectPolicy``, retries of refused subscriptions, and the stale-feed watchdog.
///
/// Events go in (the program starts, stops, subscribes; a connect attempt succeeds or fails; the
/// connection is lost; a subscribe is answered, refused or times out; a timer fires; the
/// watchdog ticks; the gateway logs the session out) and each returns the actions the caller
/// performs (connect, close a connection, apply or remove a subscription, schedule a timer,
/// report a status, a gap or live, arm or disarm the watchdog, complete `start()`). Time comes in
/// as `now:`; nothing sleeps, nothing does I/O. ``SupervisedHub`` drives it under one lock.
///
/// Every connection is a new ``SignalR/HubConnection`` with its own id; the connection's own retry
/// policy is off, so this machine is the only one that decides when to reconnect. Events about a
/// connection that is no longer current are ignored, and a connect that succeeds after the hub
/// moved on (a `stop()` during connect) is answered with ``Action/closeConnection(id:)``.
///
/// A subscribe whose answer does not come in time, during a restore or later, leaves the
/// subscription in an unknown state on the server: the connection is dropped and replaced like a
/// lost one, and the new connection applies every wanted subscription.
struct HubSupervisor<Subscription: Hashable & Sendable & CustomStringConvertible>: Sendable {
    typealias Instant = ContinuousClock.Instant

    struct Configuration: Sendable {
        var reconnect: ReconnectPolicy
        /// The first wait before a refused subscription is tried again on the same connection;
        /// it doubles after each refusal up to ``refusedRetryMaximumDelay``.
        var refusedRetryDelay: Duration
        var refusedRetryMaximumDelay: Duration
        /// The stale-feed window; `nil` for no watchdog (the user hub).
        var staleFeedWindow: Duration?
        /// A number in `0..<1` for the reconnect policy's jitter.
        var random: @Sendable () -> Double

        init(
            reconnect: ReconnectPolicy = ReconnectPolicy(),
            refusedRetryDelay: Duration = .seconds(1),
            refusedRetryMaximumDelay: Duration = .seconds(60),
            staleFeedWindow: Duration? = nil,
            random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
        ) {
            self.reconnect = reconnect
            self.refusedRetryDelay = max(refusedRetryDelay, .milliseconds(1))
            self.refusedRetryMaximumDelay = max(refusedRetryMaximumDelay, self.refusedRetryDelay)
            self.staleFeedWindow = staleFeedWindow
            self.random = random
        }
    }

    /// A server connection that completed its handshake.
    struct Connection: Sendable, Hashable {
        var id: UInt64
        var connectionId: String?
        /// Why the hub was reconnecting when this connection was made; `nil` on the first start.
        var recovering: HubError?
        /// When every wanted subscription was applied (or refused); `nil` while restoring.
        var liveSince: Instant?
    }

    enum Phase: Sendable, Hashable {
        /// Not started, stopped by `stop()`, or the first connection failed with `error`.
        case stopped(error: HubError?)
        /// The first connect attempt of a `start()`.
        case starting(attempt: UInt64)
        /// A reconnect attempt is running.
        case reconnecting(attempt: UInt64, reason: HubError)
        /// Waiting for the reconnect timer; `refreshToken`: report the token refused first.
        case waiting(timer: UInt64, reason: HubError, refreshToken: Bool)
        /// Connected; applying every wanted subscription.
        case restoring(Connection)
        /// Connected with every wanted subscription applied or refused.
        case live(Connection)
    }

    /// How a subscribe or unsubscribe invocation ended.
    enum Outcome: Sendable, Hashable {
        case done
        /// The server answered with an error (``HubError/Code/refused``, its message).
        case refused(HubError)
        /// No answer in time, or the connection failed under it: the outcome is unknown.
        case failed(HubError)
    }

    enum Action: Sendable, Hashable {
        /// Make a new connection with this id and start it; `refreshToken`: first report the
        /// last token as refused, so that the connect asks for a fresh one.
        case connect(id: UInt64, refreshToken: Bool)
        /// Stop that connection if it still runs, and forget it.
        case closeConnection(id: UInt64)
        case scheduleReconnect(timer: UInt64, delay: Duration)
        case scheduleRefusedRetry(timer: UInt64, delay: Duration)
        case cancelTimer(UInt64)
        /// Invoke the subscribe method on that connection; answer with ``HubSupervisor/applyFinished(_:connection:outcome:now:)``.
        case apply(Subscription, connection: UInt64)
        /// Invoke the unsubscribe method on that connection; answer with ``HubSupervisor/removeFinished(_:connection:outcome:now:)``.
        case remove(Subscription, connection: UInt64)
        case reportStatus(HubStatus)
        /// Data may have been missed for these subscriptions.
        case reportGap(reason: String, subscriptions: [Subscription])
        /// Data flows: every wanted subscription was applied on a new connection, or a refused
        /// one was accepted on retry.
        case reportLive(connectionId: String?)
        /// Tick ``HubSupervisor/watchdogTick(now:)`` every `tick` until disarmed.
        case armWatchdog(tick: Duration)
        case disarmWatchdog
        /// Resume the callers of `start()`: `nil` for success.
        case completeStart(HubError?)
    }

    let configuration: Configuration
    // The state below is changed only by the transitions (this file and its extensions, which
    // is why it is not private); the driver reads it.
    var phase: Phase = .stopped(error: nil)
    var wanted = SubscriptionSet<Subscription>()
    /// Acknowledged by the current connection.
    var applied: Set<Subscription> = []
    /// Subscribe sent on the current connection, answer awaited.
    var applying: Set<Subscription> = []
    /// Unsubscribe sent on the current connection, answer awaited.
    var removing: Set<Subscription> = []
    /// Wanted subscriptions the server refused, with its message; retried until accepted or
    /// unsubscribed, and applied again on every new connection.
    var refused: [Subscription: String] = [:]
    /// Failures in a row, for the reconnect policy.
    var failures = 0
    /// Reconnects the hub forced (a silent feed, a logout, a failed subscribe, a request).
    var forcedRestarts = 0
    /// Reconnects forced by the watchdog.
    var staleRestarts = 0
    var watchdog: FeedWatchdog?
    var watchdogTicking = false
    var refusedRetry: UInt64?
    var nextRefusedRetryDelay: Duration
    var reportedStatus: HubStatus = .stopped(error: nil)
    var nextID: UInt64 = 1

    init(configuration: Configuration) {
        self.configuration = configuration
        self.watchdog = configuration.staleFeedWindow.map { FeedWatchdog(window: $0) }
        self.nextRefusedRetryDelay = configuration.refusedRetryDelay
    }

    /// The status as last reported.
    var status: HubStatus { reportedStatus }

    /// The connection subscriptions are applied on, while restoring or live.
    var currentConnection: Connection? {
        switch phase {
        case .restoring(let connection), .live(let connection): connection
        default: nil
        }
    }

    mutating func makeID() -> UInt64 {
        defer { nextID += 1 }
        return nextID
    }

    // MARK: Status and watchdog, after every event

    /// The status the state implies.
    var derivedStatus: HubStatus {
        switch phase {
        case .stopped(let error): .stopped(error: error)
        case .starting: .connecting
        case .reconnecting(_, let reason), .waiting(_, let reason, _): .reconnecting(reason: reason)
        case .restoring(let connection): connection.recovering.map { .reconnecting(reason: $0) } ?? .connecting
        case .live(let connection):
            refused.isEmpty
                ? .live(connectionId: connection.connectionId, subscriptions: applied.count)
                : .degraded(reason: refusalError)
        }
    }

    /// `refused: quotes CON.F.US.X: <the server's message>; …; retrying`.
    var refusalError: HubError {
        let list = refused.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ")
        return HubError(code: .refused, message: "refused: \(list); retrying")
    }

    /// A status report when the status changed.
    mutating func statusChange() -> [Action] {
        let status = derivedStatus
        guard status != reportedStatus else { return [] }
        reportedStatus = status
        return [.reportStatus(status)]
    }

    /// Arms or disarms the watchdog's ticks when whether it watches changed.
    mutating func watchdogChange() -> [Action] {
        guard let watchdog else { return [] }
        let wanted: Bool
        if case .live = phase { wanted = watchdog.isArmed } else { wanted = false }
        guard wanted != watchdogTicking else { return [] }
        watchdogTicking = wanted
        return wanted ? [.armWatchdog(tick: max(watchdog.window / 4, .milliseconds(100)))] : [.disarmWatchdog]
    }

    /// The status and watchdog changes an event led to.
    mutating func settle() -> [Action] {
        statusChange() + watchdogChange()
    }
}
