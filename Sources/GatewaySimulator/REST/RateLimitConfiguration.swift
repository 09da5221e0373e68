/// The documented limits: `History/retrieveBars` 50 per 30 s, everything else 200 per 60 s.
public struct RateLimitConfiguration: Sendable, Equatable {
    public var enabled: Bool
    public var bars: RateLimitRule
    public var general: RateLimitRule

    /// Creates a configuration.
    public init(enabled: Bool = true, bars: RateLimitRule = RateLimitRule(limit: 50, window: 30),
                general: RateLimitRule = RateLimitRule(limit: 200, window: 60)) {
        self.enabled = enabled
        self.bars = bars
        self.general = general
    }

    /// The current documented limits.
    public static let documented = RateLimitConfiguration()
}
