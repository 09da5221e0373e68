import Foundation

/// Notices a silent market feed: a connection that reports itself healthy while no events arrive
/// for the subscribed contracts (the gateway has been seen to freeze for minutes this way).
///
/// A pure state machine: the hub records events and asks at each tick whether to act. Only the
/// market hub has one; the user hub is legitimately silent while the account is flat.
///
/// A reconnect that does not bring data back (the feed is frozen upstream, not on our connection)
/// doubles the silence allowed before the next one, up to 32 windows, until an event arrives. The
/// backoff lives here rather than in a pause between disconnecting and connecting, so the hub
/// stays connected and subscribed while it waits, and data flows the moment the feed resumes.
struct FeedWatchdog: Sendable {
    enum Verdict: Sendable, Equatable {
        case healthy
        /// Nothing arrived for `silence` while connected and subscribed: force a reconnect.
        case stale(silence: TimeInterval)
    }

    /// How long a subscribed, connected feed may stay silent.
    let window: TimeInterval
    private var lastActivity: Date?
    private var armed = false
    /// Stale verdicts since the last event; each doubles the allowed silence.
    private(set) var consecutiveStale = 0

    /// The most the allowed silence grows to, in windows.
    static let maximumBackoff = 32

    /// The silence allowed now: the window, doubled for each reconnect that brought nothing.
    var allowedSilence: TimeInterval {
        window * Double(min(1 << min(consecutiveStale, 30), Self.maximumBackoff))
    }

    init(window: TimeInterval) {
        self.window = window
    }

    /// The hub is live with at least one subscription: start counting from `now`.
    mutating func arm(at now: Date) {
        armed = true
        lastActivity = now
    }

    /// Disconnected or no subscriptions: silence means nothing.
    mutating func disarm() {
        armed = false
        lastActivity = nil
    }

    /// An event arrived.
    mutating func recordEvent(at now: Date) {
        if armed { lastActivity = now }
        consecutiveStale = 0
    }

    /// Whether the feed is stale at `now`. A stale verdict disarms the watchdog until the next
    /// ``arm(at:)``, so one silence causes one reconnect.
    mutating func check(at now: Date) -> Verdict {
        guard armed, let lastActivity else { return .healthy }
        let silence = now.timeIntervalSince(lastActivity)
        guard silence >= allowedSilence else { return .healthy }
        disarm()
        consecutiveStale += 1
        return .stale(silence: silence)
    }
}
