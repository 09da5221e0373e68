import Foundation

/// A session token with what is known of its lifetime.
struct TokenRecord: Sendable, Equatable {
    let value: String
    /// From the JWT `exp`; `nil` when it could not be read.
    let expiresAt: Date?
    /// When this client received it.
    let obtainedAt: Date
    /// When to refresh it proactively.
    let refreshAt: Date
    /// Set when a server refused it: the next ask refreshes whatever the clock says.
    var rejected = false

    /// - Parameters:
    ///   - refreshMargin: refresh this long before `exp`; capped at a quarter of the remaining
    ///     lifetime so that short-lived tokens (a simulator's, for example) are not refreshed at once.
    ///   - fallbackLifetime: the lifetime assumed when `exp` cannot be read; conservative on purpose.
    init(value: String, obtainedAt: Date, refreshMargin: TimeInterval, fallbackLifetime: TimeInterval) {
        self.value = value
        self.obtainedAt = obtainedAt
        let claims = JWTClaims(token: value)
        expiresAt = claims?.expiresAt
        if let expiresAt = claims?.expiresAt {
            let lifetime = max(0, expiresAt.timeIntervalSince(obtainedAt))
            refreshAt = expiresAt.addingTimeInterval(-min(refreshMargin, lifetime / 4))
        } else {
            refreshAt = obtainedAt.addingTimeInterval(fallbackLifetime)
        }
    }

    func needsRefresh(at now: Date) -> Bool {
        rejected || now >= refreshAt
    }
}

/// The token value is never printed, not even by `dump` or a debugger's summary.
extension TokenRecord: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    var description: String {
        "TokenRecord(value: <redacted, \(value.utf8.count) chars>, expiresAt: \(expiresAt.map { "\($0)" } ?? "unknown"), "
            + "refreshAt: \(refreshAt), rejected: \(rejected))"
    }
    var debugDescription: String { description }
    var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
