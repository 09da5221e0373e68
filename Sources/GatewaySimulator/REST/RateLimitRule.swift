import Foundation

/// One rate limit: at most `limit` requests in any `window` seconds.
public struct RateLimitRule: Sendable, Equatable {
    public var limit: Int
    public var window: TimeInterval

    /// Creates a rule.
    public init(limit: Int, window: TimeInterval) {
        self.limit = max(1, limit)
        self.window = max(0.001, window)
    }
}
