import Foundation
import Testing
import TestGate

/// `trading-bot demo --fast`: starts its own simulator, narrates every step, recovers from the
/// forced token expiry, and exits 0 on its own, quickly.
@Suite("The demo", .gated)
struct DemoTests {
    @Test func fastDemoNarratesEveryStepAndRecovers() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tb-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let clock = ContinuousClock()
        let start = clock.now
        // No credentials, no gateway address, no config file: the demo needs none.
        let result = try await ProcessRunner.run(
            ["demo", "--fast", "--seed", "7"], environment: ["PATH": "/usr/bin:/bin", "HOME": home.path], timeout: .seconds(60)
        )
        let elapsed = clock.now - start
        #expect(result.status == 0, "\(result)")
        #expect(elapsed < .seconds(30), "the demo took \(elapsed)")
        #expect(result.stderr.isEmpty, "\(result)")
        let out = result.stdout
        for step in ["[1/8] Log in", "[2/8] Your accounts", "[3/8] Resolve a contract", "[4/8] Live quotes", "[5/8] Depth of market",
                     "[6/8] Place a paper order", "[7/8] Close the position", "[8/8] A token expires mid-stream", "Summary"] {
            #expect(out.contains(step), "missing \(step): \(out)")
        }
        #expect(out.contains("  $ trading-bot login"))
        #expect(out.contains("Logged in as simtrader at http://127.0.0.1:"))
        #expect(out.contains("(seed 7)"))
        #expect(out.contains("  => First quote "), "\(out)")
        #expect(out.contains("user hub: fill     order "), "\(out)")
        #expect(out.contains("P&L"), "\(out)")
        #expect(out.contains("market hub: gap in MESZ6"), "\(out)")
        #expect(out.contains("market hub: live again"), "\(out)")
        #expect(out.contains("  => Recovered in "), "\(out)")
        #expect(out.contains("  first quote   "), "\(out)")
        #expect(out.contains("  token expiry  quotes again "), "\(out)")
        #expect(out.contains("  logins        2 "), "\(out)")
        #expect(!out.contains("!!  ") && !out.contains("No gap was reported"), "\(out)")
        #expect(!out.contains("eyJ"), "a token leaked")
        #expect(!out.contains("\u{1B}"), "no escape sequences without a terminal")
    }
}
