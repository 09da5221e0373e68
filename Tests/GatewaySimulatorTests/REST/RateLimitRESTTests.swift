import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("REST rate limits", .gated)
struct RateLimitRESTTests {
    @Test func slidingWindowPerTokenWithRetryAfter() async throws {
        try await withSimulator({
            $0.rateLimits = RateLimitConfiguration(bars: RateLimitRule(limit: 2, window: 30), general: RateLimitRule(limit: 4, window: 60))
        }) { sim in
            let token = try await sim.login() // counted against the peer, not the token
            for _ in 0..<4 {
                #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)).status == 200)
            }
            let limited = try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)
            #expect(limited.status == 429)
            #expect(limited.headers["retry-after"] == "60")
            let bars: [String: Any] = [
                "contractId": esContract, "live": false, "startTime": "2025-09-03T00:00:00Z", "endTime": "2025-09-03T12:00:00Z",
                "unit": 2, "unitNumber": 1, "limit": 1, "includePartialBar": false,
            ]
            #expect((try await sim.post("/api/History/retrieveBars", bars, token: token)).status == 200, "bars have their own bucket")
            #expect((try await sim.post("/api/History/retrieveBars", bars, token: token)).status == 200)
            #expect((try await sim.post("/api/History/retrieveBars", bars, token: token)).status == 429)
            sim.clock.advance(by: 61)
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)).status == 200)
        }
    }

    @Test func forcedBurst() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            _ = try await sim.post("/admin/rate-limit/burst", ["count": 2])
            let first = try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)
            #expect(first.status == 429 && first.headers["retry-after"] != nil)
            #expect((try await sim.post("/api/Contract/available", ["live": false], token: token)).status == 429)
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)).status == 200)
            _ = try await sim.post("/admin/rate-limit/burst", ["seconds": 10])
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)).headers["retry-after"] == "10")
            sim.clock.advance(by: 10)
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)).status == 200)
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true])).status == 401, "401 comes before 429")
        }
    }
}
