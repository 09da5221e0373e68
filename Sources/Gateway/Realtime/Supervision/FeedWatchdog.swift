/// Notices a silent market feed: a connection that reports itself healthy while no events arrive
/// for the subscribed contracts (the gateway has been seen to freeze for minutes this way).
///
/// A pure value inside ``HubSupervisor``: the supervisor arms it when the hub is live with at
/// least one subscription, records events, and asks at each tick whether to act. Only the market
/// hub has one; the user hub is legitimately silent while the account is flat.
///
/// A reconnect that does not bring data back (the feed is frozen upstream, not on our connection)
/// doubles the silence allowed before the next one, up to 32 windows, until an event arrives. The
/// backoff lives here rather than in a pause between disconnecting and connecting, so the hub
/// stays connected and subscribed while it waits, and data flows the moment the feed resumes.
struct FeedWatchdog: Sendable, Hashable {
    typealias Instant = ContinuousClock.Instant

    enum Verdict: Sendable, Equatable {
        case healthy
        /// Nothing arrived for `silence` while connected and subscribed: force a reconnect.
        case stale(silence: Duration)
    }

    /// How long a subscribed, connected feed may stay silent.
    let window: Duration
    private var lastActivity: Instant?
    /// Stale verdicts since the last event; each doubles the allowed silence.
    private(set) var consecutiveStale = 0

    /// The most the allowed silence grows to, in windows.
    static let maximumBackoff = 32

    /// Whether silence is being watched.
    var isArmed: Bool { lastActivity != nil }

    /// The silence allowed now: the window, doubled for each reconnect that brought nothing.
    var allowedSilence: Duration {
        window * min(1 << min(consecutiveStale, 30), Self.maximumBackoff)
    }

    init(window: Duration) {
        self.window = max(window, .milliseconds(1))
    }

    /// The hub is live with at least one subscription: start counting from `now`.
    mutating func arm(at now: Instant) {
        lastActivity = now
    }

    /// Disconnected or no subscriptions: silence means nothing.
    mutating func disarm() {
        lastActivity = nil
    }

    /// An event arrived.
    mutating func recordEvent(at now: Instant) {
        if lastActivity != nil { lastActivity = now }
        consecutiveStale = 0
    }

    /// Whether the feed is stale at `now`. A stale verdict disarms the watchdog until the next
    /// ``arm(at:)``, so one silence causes one reconnect.
    mutating func check(at now: Instant) -> Verdict {
        guard let lastActivity else { return .healthy }
        let silence = lastActivity.duration(to: now)
        guard silence >= allowedSilence else { return .healthy }
        disarm()
        consecutiveStale += 1
        return .stale(silence: silence)
    }
}
