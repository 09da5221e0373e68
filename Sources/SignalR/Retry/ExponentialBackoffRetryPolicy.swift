/// Reconnects forever (or up to a limit): immediately first, then after `initialDelay`, doubling
/// up to `maximumDelay`, each delay spread by ±`jitter` so that many clients do not reconnect in
/// step.
///
/// ```swift
/// options.retryPolicy = ExponentialBackoffRetryPolicy()   // 0, ~1, ~2, ~4 ... ~30, ~30 ... s
/// options.retryPolicy = ExponentialBackoffRetryPolicy(initialDelay: .milliseconds(100),
///                                                     maximumDelay: .seconds(5), jitter: 0)
/// ```
public struct ExponentialBackoffRetryPolicy: RetryPolicy {
    /// The delay before the second attempt (the first is immediate).
    public var initialDelay: Duration
    /// The cap on any delay, before jitter.
    public var maximumDelay: Duration
    /// The fraction (0...1) by which a delay is randomly lengthened or shortened.
    public var jitter: Double
    /// The number of attempts after which the policy gives up; `nil` for never.
    public var maximumAttempts: Int?
    /// Returns a number in `0..<1`; replaceable for deterministic tests.
    public var random: @Sendable () -> Double

    public init(
        initialDelay: Duration = .seconds(1),
        maximumDelay: Duration = .seconds(30),
        jitter: Double = 0.2,
        maximumAttempts: Int? = nil,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.jitter = min(max(jitter, 0), 1)
        self.maximumAttempts = maximumAttempts
        self.random = random
    }

    public func nextRetryDelay(_ context: RetryContext) -> Duration? {
        if let maximumAttempts, context.previousRetryCount >= maximumAttempts { return nil }
        guard context.previousRetryCount > 0 else { return .zero }
        let exponent = min(context.previousRetryCount - 1, 30)
        let base = min(initialDelay * (1 << exponent), maximumDelay)
        guard jitter > 0 else { return base }
        let factor = 1 + jitter * (2 * random() - 1)
        return max(.zero, base * factor)
    }
}
