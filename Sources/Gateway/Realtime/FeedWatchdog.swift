import Foundation

/// Notices a silent market feed: a connection that reports itself healthy while no events arrive
/// for the subscribed contracts (the gateway has been seen to freeze for minutes this way).
///
/// A pure state machine: the hub records events and asks at each tick whether to act. Only the
/// market hub has one; the user hub is legitimately silent while the account is flat.
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
    }

    /// Whether the feed is stale at `now`. A stale verdict disarms the watchdog until the next
    /// ``arm(at:)``, so one silence causes one reconnect.
    mutating func check(at now: Date) -> Verdict {
        guard armed, let lastActivity else { return .healthy }
        let silence = now.timeIntervalSince(lastActivity)
        guard silence >= window else { return .healthy }
        disarm()
        return .stale(silence: silence)
    }
}
