import Foundation
@testable import GatewaySimulator
import Hummingbird
import Testing
import TestGate

/// A web page in the developer's browser must not be able to switch faults: the admin API wants a
/// loopback `Host` and refuses a foreign `Origin`, even from a loopback peer.
@Suite("Admin API refuses browsers' cross-origin and rebound requests", .gated)
struct AdminBrowserGuardTests {
    @Test func crossOriginAndForeignHostAreRefused() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let plain = try await harness.post("/admin/status", raw: nil)
        #expect(plain.status == 200, "a tool without Origin is served")
        let sameOrigin = try await harness.post("/admin/status", raw: nil, headers: [("Origin", harness.baseURL)])
        #expect(sameOrigin.status == 200)

        let crossOrigin = try await harness.post("/admin/tokens/revoke-all", raw: nil, headers: [("Origin", "https://attacker.example")])
        #expect(crossOrigin.status == 403)
        #expect(String(decoding: crossOrigin.body, as: UTF8.self).contains("cross-origin"))
        let nullOrigin = try await harness.post("/admin/tokens/revoke-all", raw: nil, headers: [("Origin", "null")])
        #expect(nullOrigin.status == 403)
        // Nothing was revoked: a login still works and its token is accepted.
        let token = try await harness.login()
        let accounts = try await harness.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)
        #expect(accounts.status == 200 && accounts.json["success"] as? Bool == true)
    }

    @Test("Host and Origin values", arguments: [
        ("127.0.0.1:5000", nil, true), ("localhost", nil, true), ("[::1]:80", nil, true),
        ("127.0.0.1:5000", "http://localhost:3000", true),
        ("attacker.example:5000", nil, false), ("127.0.0.1.attacker.example", nil, false), ("", nil, false),
        ("127.0.0.1:5000", "https://attacker.example", false), ("127.0.0.1:5000", "null", false),
        ("127.0.0.1:5000", "https://127.0.0.1:5000", false),
    ] as [(String, String?, Bool)])
    func guardDecision(host: String, origin: String?, allowed: Bool) {
        let refusal = AdminAPI<SimulatorRequestContext>.browserRefusal(host: host, origin: origin)
        #expect((refusal == nil) == allowed, "\(host) \(origin ?? "-"): \(refusal ?? "allowed")")
    }

    @Test("admin durations and counts out of range are 400s, never a trap")
    func outOfRangeValuesAreRefused() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        for (path, body) in [
            ("/admin/tokens/lifetime", #"{"seconds": 1e300}"#), ("/admin/tokens/lifetime", #"{"seconds": -0}"#),
            ("/admin/rate-limit/burst", #"{"seconds": 1e20}"#), ("/admin/writes/lose-response", #"{"kind":"place","mode":"hang","seconds":1e300}"#),
            ("/admin/feed/step", #"{"steps": 99999999999999999999}"#),
        ] {
            let result = try await harness.post(path, raw: body)
            #expect(result.status == 400, "\(path) \(body): \(result.status)")
        }
        #expect(try await harness.post("/admin/status", raw: nil).status == 200, "the simulator is still serving")
    }
}
