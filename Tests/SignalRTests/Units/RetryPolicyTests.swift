import SignalR
import Testing
import TestGate

@Suite("Retry policies", .gated)
struct RetryPolicyTests {
    func context(_ count: Int) -> RetryContext {
        RetryContext(previousRetryCount: count, elapsed: .seconds(count), retryReason: .serverTimeout)
    }

    @Test("default: 0, 2, 10, 30 s, then nil")
    func standard() {
        let policy = DefaultRetryPolicy()
        #expect((0..<5).map { policy.nextRetryDelay(context($0)) } == [.zero, .seconds(2), .seconds(10), .seconds(30), nil])
        let custom = DefaultRetryPolicy(delays: [.seconds(1)])
        #expect(custom.nextRetryDelay(context(0)) == .seconds(1))
        #expect(custom.nextRetryDelay(context(1)) == nil)
    }

    @Test("exponential: immediate, then doubling from the initial delay up to the cap, forever")
    func exponential() {
        let policy = ExponentialBackoffRetryPolicy(initialDelay: .seconds(1), maximumDelay: .seconds(30), jitter: 0)
        let delays = (0..<9).map { policy.nextRetryDelay(context($0)) }
        #expect(delays == [.zero, .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30), .seconds(30)])
        #expect(policy.nextRetryDelay(context(10_000)) == .seconds(30))
    }

    @Test("jitter spreads a delay by at most the fraction either way")
    func jitter() {
        let low = ExponentialBackoffRetryPolicy(initialDelay: .seconds(10), jitter: 0.2, random: { 0 })
        let high = ExponentialBackoffRetryPolicy(initialDelay: .seconds(10), jitter: 0.2, random: { 0.999_999 })
        #expect(low.nextRetryDelay(context(1)) == .seconds(8))
        let upper = high.nextRetryDelay(context(1)) ?? .zero
        #expect(upper > .milliseconds(11_999) && upper <= .seconds(12))
        let random = ExponentialBackoffRetryPolicy(initialDelay: .seconds(10), jitter: 0.5)
        for _ in 0..<100 {
            let delay = random.nextRetryDelay(context(1)) ?? .zero
            #expect(delay >= .seconds(5) && delay <= .seconds(15))
        }
    }

    @Test("a maximum number of attempts ends the retries")
    func limited() {
        let policy = ExponentialBackoffRetryPolicy(jitter: 0, maximumAttempts: 2)
        #expect(policy.nextRetryDelay(context(1)) == .seconds(1))
        #expect(policy.nextRetryDelay(context(2)) == nil)
    }
}
