import Gateway
import Testing
import TestGate

@Suite("Reconnect policy", .gated)
struct ReconnectPolicyTests {
    @Test("defaults: at once after a healthy connection, then 0.5, 1, 2, 4, 8 s, capped at 15 s")
    func defaults() {
        let policy = ReconnectPolicy()
        #expect(policy.initialDelay == .milliseconds(500))
        #expect(policy.maximumDelay == .seconds(15))
        #expect(policy.jitter == 0.2)
        #expect(policy.healthyConnectionDuration == .seconds(5))
        let bases = (0...8).map { policy.delay(afterFailures: $0, random: 0) }
        #expect(bases == [.zero, .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(15), .seconds(15), .seconds(15)])
        #expect(policy.delay(afterFailures: 1_000_000, random: 0) == .seconds(15))
    }

    @Test("jitter shortens each wait by up to its fraction, never lengthens it")
    func jitter() {
        let policy = ReconnectPolicy()
        for failures in 1...10 {
            let longest = policy.delay(afterFailures: failures, random: 0)
            let shortest = policy.delay(afterFailures: failures, random: 0.999_999)
            #expect(shortest >= longest * 0.8 && shortest < longest)
            #expect(policy.delay(afterFailures: failures, random: 0.5) == longest * 0.9)
        }
        #expect(policy.delay(afterFailures: 0, random: 0.5) == .milliseconds(50), "spread within initialDelay × jitter")
    }

    @Test("outside settings never give a negative wait or one above the cap")
    func outsideSettings() {
        let odd = [
            ReconnectPolicy(initialDelay: .seconds(-3), maximumDelay: .seconds(-1), jitter: -1),
            ReconnectPolicy(initialDelay: .seconds(10), maximumDelay: .seconds(1), jitter: 7),
            ReconnectPolicy(initialDelay: .seconds(Int64.max), maximumDelay: .seconds(Int64.max), jitter: .nan),
            ReconnectPolicy(initialDelay: .zero, maximumDelay: .zero, jitter: 0.2),
        ]
        for policy in odd {
            for failures in [-5, 0, 1, 2, 40, 64, 1_000, Int.max] {
                for random in [0, 0.5, 0.999, -1, 2, .nan, .infinity] {
                    let delay = policy.delay(afterFailures: failures, random: random)
                    #expect(delay >= .zero)
                    #expect(delay <= max(max(policy.maximumDelay, policy.initialDelay), .zero))
                }
            }
        }
    }
}
