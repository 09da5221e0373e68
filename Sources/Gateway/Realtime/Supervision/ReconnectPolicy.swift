/// How a gateway hub paces its reconnects: the one policy behind every reconnect of
/// ``MarketHub`` and ``UserHub`` (a lost connection, a failed attempt, a restore that failed, a
/// silent feed, a `GatewayLogout`). It never gives up: a trading program must not lose its data for
/// good.
///
/// After a connection that was live for at least ``healthyConnectionDuration`` is lost, the hub
/// reconnects at once (within `initialDelay × jitter`, so that many clients do not reconnect in
/// step). Every failure in a row doubles the wait from ``initialDelay`` up to ``maximumDelay``, each
/// wait shortened at random by up to ``jitter``. A failure is a connect attempt that fails, a
/// restore of the subscriptions that fails, and a connection that did not stay live for
/// ``healthyConnectionDuration``: so a server that accepts and then drops at once is backed off
/// like one that refuses.
///
/// With the defaults a server that drops every connection at once sees attempts after about
/// 0, 0.5, 1.5, 3.5, 7.5, 15.5, 30.5 s, then one every 15 s.
///
/// ```swift
/// var options = HubOptions()
/// options.reconnectPolicy = ReconnectPolicy(initialDelay: .seconds(1), maximumDelay: .seconds(30))
/// ```
public struct ReconnectPolicy: Sendable, Hashable {
    /// The wait after the first failure; it doubles with each further failure in a row. Default 500 ms.
    public var initialDelay: Duration
    /// The longest wait. Default 15 s.
    public var maximumDelay: Duration
    /// The fraction (0...1) by which each wait is shortened at random. Default 0.2.
    public var jitter: Double
    /// A connection that was live for less than this counts as a failure. Default 5 s.
    public var healthyConnectionDuration: Duration

    public init(
        initialDelay: Duration = .milliseconds(500),
        maximumDelay: Duration = .seconds(15),
        jitter: Double = 0.2,
        healthyConnectionDuration: Duration = .seconds(5)
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
        self.healthyConnectionDuration = healthyConnectionDuration
    }

    /// The wait before the next attempt after `failures` failures in a row (0: the connection
    /// was healthy). `random` is a number in `0..<1`.
    ///
    /// Never negative and never above ``maximumDelay`` (nor above ``initialDelay`` for 0 failures),
    /// whatever the settings: negative durations count as zero, a jitter outside 0...1 is clamped.
    public func delay(afterFailures failures: Int, random: Double) -> Duration {
        let initial = max(initialDelay, .zero)
        let maximum = max(maximumDelay, initial)
        let spread = jitter.isFinite ? min(max(jitter, 0), 1) : 0
        let draw = random.isFinite ? min(max(random, 0), 1) : 0
        // Scaling goes through a Double, whose rounding may land just above a huge base: clamped.
        guard failures > 0 else { return min(initial * (spread * draw), initial) }
        // Doubled step by step and capped at each step, so no setting can overflow.
        var base = min(initial, maximum)
        for _ in 1..<min(failures, 64) where base < maximum {
            base = min(base * 2, maximum)
        }
        return min(base * (1 - spread * draw), base)
    }
}
