import Foundation
import GatewaySimulator
import Testing
import TestGate

/// A gateway that leaves a subscription unanswered: the stream command must end with one clear
/// error line after the limit, not hang (it was once stuck until killed at 60 s).
@Suite("Streams against an unanswering hub", .gated)
struct UnansweredHubTests {
    @Test func quoteWithAnUnansweredSubscriptionExitsWithAClearError() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            // Answered after 60 s: far beyond the 5 s limit given below (which REST meets too,
            // even on a loaded machine).
            sim.simulator.faults.delaySubscriptionAnswers(by: .seconds(60))
            let started = ContinuousClock.now
            let result = try await sim.run("quote", "ES", "--count", "5", environment: ["PROJECTX_REQUEST_TIMEOUT": "5"])
            let elapsed = ContinuousClock.now - started
            #expect(result.status == 69, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            let line = result.stderr
            #expect(line.hasPrefix("error: The market hub at \(sim.apiURL)/hubs/market did not answer the subscription to quotes CON.F.US.EP."), "\(result)")
            #expect(line.contains("within 5 s"), "\(result)")
            #expect(line.contains("PROJECTX_REQUEST_TIMEOUT"), "\(result)")
            #expect(!line.contains("eyJ"), "a token leaked: \(result)")
            #expect(elapsed < .seconds(60), "ended after the limit, not after the server's answer: \(elapsed)")
        }
    }
}
