import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("REST accounts, contracts, history", .gated)
struct MarketRESTTests {
    @Test func pingIsPong() async throws {
        try await withSimulator { sim in
            let ping = try await sim.get("/api/Status/ping")
            #expect(ping.status == 200 && ping.text == "pong")
        }
    }

    @Test func accountSearch() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            let all = try await sim.post("/api/Account/search", ["onlyActiveAccounts": false], token: token)
            let accounts = try #require(all.json["accounts"] as? [[String: Any]])
            #expect(accounts.count == 5)
            let practice = try #require(accounts.first)
            #expect(integer(practice["id"]) == practiceAccount)
            #expect((practice["name"] as? String)?.hasPrefix("PRAC-") == true)
            #expect(number(practice["balance"]) == 50_000)
            for key in ["canTrade", "isVisible", "simulated"] { #expect(practice[key] is Bool, "\(key)") }
            let active = try await sim.post("/api/Account/search", ["OnlyActiveAccounts": true], token: token)
            #expect((active.json["accounts"] as? [[String: Any]])?.count == 4, "keys bind case-insensitively")
        }
    }

    @Test func contractEndpoints() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            let search = try await sim.post("/api/Contract/search", ["searchText": "ES", "live": false], token: token)
            let contracts = try #require(search.json["contracts"] as? [[String: Any]])
            #expect(contracts.count <= 20)
            let es = try #require(contracts.first)
            #expect(es["id"] as? String == esContract)
            #expect(es["symbolId"] as? String == "F.US.EP")
            #expect(number(es["tickSize"]) == 0.25 && number(es["tickValue"]) == 12.5)
            #expect(es["activeContract"] as? Bool == true)
            for key in ["name", "description"] { #expect(es[key] is String) }
            let live = try await sim.post("/api/Contract/search", ["searchText": "ES", "live": true], token: token)
            #expect((live.json["contracts"] as? [Any])?.isEmpty == true)
            #expect((try await sim.post("/api/Contract/search", ["live": false], token: token)).status == 400)

            let expired = try await sim.post("/api/Contract/searchById", ["contractId": "CON.F.US.EP.M25"], token: token)
            let contract = try #require(expired.json["contract"] as? [String: Any])
            #expect(contract["activeContract"] as? Bool == false)
            let unknown = try await sim.post("/api/Contract/searchById", ["contractId": "CON.F.US.NOPE.Z25"], token: token)
            #expect(unknown.status == 200 && integer(unknown.json["errorCode"]) == 1 && unknown.json["contract"] is NSNull)

            let available = try await sim.post("/api/Contract/available", ["live": false], token: token)
            let listed = try #require(available.json["contracts"] as? [[String: Any]])
            #expect(listed.count >= 20 && listed.allSatisfy { $0["activeContract"] as? Bool == true })
            let availableLive = try await sim.post("/api/Contract/available", ["live": true], token: token)
            #expect((availableLive.json["contracts"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func retrieveBars() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            let body: [String: Any] = [
                "contractId": esContract, "live": false, "startTime": "2025-09-03T06:00:00Z", "endTime": "2025-09-03T15:00:00Z",
                "unit": 3, "unitNumber": 1, "limit": 7, "includePartialBar": false,
            ]
            let result = try await sim.post("/api/History/retrieveBars", body, token: token)
            let bars = try #require(result.json["bars"] as? [[String: Any]])
            #expect(bars.count == 7)
            #expect(bars.first?["t"] as? String == "2025-09-03T13:00:00+00:00")
            #expect(bars.last?["t"] as? String == "2025-09-03T07:00:00+00:00")
            for bar in bars {
                #expect(Set(bar.keys) == ["t", "o", "h", "l", "c", "v"])
                #expect(integer(bar["v"]) != nil)
            }
            var partial = body
            partial["includePartialBar"] = true
            let withPartial = try await sim.post("/api/History/retrieveBars", partial, token: token)
            #expect(((withPartial.json["bars"] as? [[String: Any]])?.first?["t"] as? String) == "2025-09-03T14:00:00+00:00")

            var badUnit = body
            badUnit["unit"] = 9
            let unitError = try await sim.post("/api/History/retrieveBars", badUnit, token: token)
            #expect(unitError.status == 200 && integer(unitError.json["errorCode"]) == 2 && unitError.json["bars"] is NSNull)
            var stringUnit = body
            stringUnit["unit"] = "Hour"
            let binding = try await sim.post("/api/History/retrieveBars", stringUnit, token: token)
            #expect(binding.status == 400)
            let errors = try #require(binding.json["errors"] as? [String: [String]])
            #expect(errors["request"] == ["The request field is required."], "the misleading message of the real binder")
            #expect(errors["$.unit"] != nil)
        }
    }

    @Test func adminMovesMarketAndIsLoopbackOnly() async throws {
        try await withSimulator { sim in
            let moved = try await sim.post("/admin/market/price", ["contractId": esContract, "price": 6123.5])
            #expect(moved.status == 200)
            #expect(sim.core.feed.quote(of: esContract)?.lastPrice.decimal == dec("6123.5"))
            #expect((try await sim.post("/admin/market/price", ["contractId": esContract, "price": 6123.3])).status == 400)
            let stalled = try await sim.post("/admin/feed/stall")
            #expect(stalled.json["feedStalled"] as? Bool == true)
            #expect(sim.core.feed.isStalled)
            _ = try await sim.post("/admin/feed/resume")
            let status = try await sim.post("/admin/status")
            #expect(status.json["feedStalled"] as? Bool == false)
            #expect((try await sim.post("/admin/hubs/frames", ["mode": "split", "maxFrameBytes": 8])).json["frameMode"] as? String == "split(8)")
            #expect(sim.core.faults.frameMode == .split(maxFrameBytes: 8))
            _ = try await sim.post("/admin/hubs/refuse-upgrades", ["count": 2])
            #expect(sim.core.faults.consumeUpgradeRefusal() && sim.core.faults.consumeUpgradeRefusal())
            #expect(!sim.core.faults.consumeUpgradeRefusal())
            let commands = sim.core.faults.hubCommands()
            _ = try await sim.post("/admin/hubs/close", ["hub": "market", "allowReconnect": false])
            var iterator = commands.makeAsyncIterator()
            #expect(await iterator.next() == .close(.market, allowReconnect: false, error: nil))
            #expect((try await sim.post("/admin/hubs/drop", ["hub": "nope"])).status == 400)
            _ = try await sim.post("/admin/faults/reset")
            #expect(sim.core.faults.frameMode == .normal)
        }
    }
}
