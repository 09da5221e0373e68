/// Keeps this client under the gateway's documented request limits, so that a burst of calls waits
/// a little instead of collecting HTTP 429s.
///
/// A sliding window per bucket: `History/retrieveBars` has its own, every other endpoint shares
/// one. The window is per client instance, matching the gateway's per-session accounting as far as
/// it is documented.
actor RateLimiter {
    enum Bucket: Sendable, Hashable {
        case general
        case history
    }

    /// A limit of `requests` per `window`.
    struct Limit: Sendable, Hashable {
        var requests: Int
        var window: Duration
    }

    private let limits: [Bucket: Limit]
    private var sent: [Bucket: [ContinuousClock.Instant]] = [:]
    private let clock = ContinuousClock()

    init(general: Limit, history: Limit) {
        limits = [.general: general, .history: history]
    }

    /// Waits until a request in `bucket` may be sent, then counts it.
    func acquire(_ bucket: Bucket) async throws {
        guard let limit = limits[bucket], limit.requests > 0 else { return }
        while true {
            let now = clock.now
            var times = sent[bucket, default: []]
            times.removeAll { now - $0 >= limit.window }
            if times.count < limit.requests {
                times.append(now)
                sent[bucket] = times
                return
            }
            sent[bucket] = times
            // The oldest request leaves the window first.
            let wait = limit.window - (now - times[0])
            try await Task.sleep(for: wait)
        }
    }
}
