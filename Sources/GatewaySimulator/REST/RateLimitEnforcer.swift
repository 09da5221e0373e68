import Foundation
import NIOConcurrencyHelpers

/// Sliding-window (request log) rate limiter keyed by token (or by peer for logins). A refused
/// request is not logged, so a client that backs off for `Retry-After` gets through.
public final class RateLimitEnforcer: Sendable {
    /// The outcome of ``acquire(bucket:key:now:)``.
    public enum Decision: Sendable, Equatable {
        case allowed
        /// Refused; retry after this many whole seconds (at least 1).
        case limited(retryAfter: Int)
    }

    private let configuration: NIOLockedValueBox<RateLimitConfiguration>
    private let log = NIOLockedValueBox<[String: [Date]]>([:])

    /// Creates a limiter.
    public init(configuration: RateLimitConfiguration) {
        self.configuration = NIOLockedValueBox(configuration)
    }

    /// The limits in force.
    public var currentConfiguration: RateLimitConfiguration { configuration.withLockedValue { $0 } }

    /// Replaces the limits (the request log is kept).
    public func reconfigure(_ new: RateLimitConfiguration) {
        configuration.withLockedValue { $0 = new }
    }

    /// Counts a request of `key` in `bucket` at `now`, or refuses it.
    public func acquire(bucket: RateLimitBucket, key: String, now: Date) -> Decision {
        let config = currentConfiguration
        guard config.enabled else { return .allowed }
        let rule = bucket == .bars ? config.bars : config.general
        let logKey = bucket.rawValue + "|" + key
        return log.withLockedValue { log in
            var entries = log[logKey] ?? []
            let horizon = now.addingTimeInterval(-rule.window)
            if let firstKept = entries.firstIndex(where: { $0 > horizon }) {
                entries.removeFirst(firstKept)
            } else {
                entries.removeAll()
            }
            guard entries.count < rule.limit else {
                log[logKey] = entries
                let freeAt = entries[entries.count - rule.limit].addingTimeInterval(rule.window)
                return .limited(retryAfter: Int(freeAt.timeIntervalSince(now).rounded(.up)))
            }
            entries.append(now)
            log[logKey] = entries
            return .allowed
        }
    }

    /// Forgets every request (tests, fault reset).
    public func reset() {
        log.withLockedValue { $0.removeAll() }
    }
}
