import Foundation
import SignalRProtocol
import Testing
import TestGate

@testable import GatewaySimulator

/// The simulator reads prices exactly and writes them exactly, checked on the raw bytes: a limit
/// of 71.23 on CL's 0.01 grid is accepted and echoed as `71.23`, 71.235 is refused with the
/// gateway's error, and 1/64 prices (ZN) are written with all their digits.
@Suite("Exact decimal prices on the simulator's wire", .gated)
struct ExactPriceRESTTests {
    private static let catalog = ContractCatalog(asOf: testEpoch)

    /// Whether the JSON `text` has the member `"key":value` written exactly so (the simulator's
    /// encoder does not promise an order of members, so the next byte is a comma or a brace).
    private func member(_ text: String, _ key: String, _ value: String) -> Bool {
        text.contains("\"\(key)\":\(value),") || text.contains("\"\(key)\":\(value)}")
    }

    private func contract(_ root: String) throws -> SimContract {
        try #require(Self.catalog.activeContracts.first { $0.product.root == root })
    }

    private func place(_ sim: SimulatorHarness, token: String, contract: String, limit: String) async throws -> HTTPResult {
        try await sim.post("/api/Order/place", raw: """
            {"accountId":\(practiceAccount),"contractId":"\(contract)","type":1,"side":0,"size":1,"limitPrice":\(limit)}
            """, token: token)
    }

    @Test func limitPricesAreReadAndEchoedExactly() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            let cl = try contract("CL")
            #expect(await sim.simulator.setMarketPrice(contractId: cl.id, price: dec("75.5")))

            let placed = try await place(sim, token: token, contract: cl.id, limit: "71.23")
            #expect(placed.json["success"] as? Bool == true, "\(placed.text)")
            let asText = try await place(sim, token: token, contract: cl.id, limit: #""71.24""#)
            #expect(asText.json["success"] as? Bool == true, "a decimal in a string binds, as on the gateway: \(asText.text)")
            let open = try await sim.post("/api/Order/searchOpen", ["accountId": practiceAccount], token: token)
            #expect(member(open.text, "limitPrice", "71.23"), "\(open.text)")
            #expect(member(open.text, "limitPrice", "71.24"), "\(open.text)")

            let offGrid = try await place(sim, token: token, contract: cl.id, limit: "71.235")
            #expect(offGrid.json["success"] as? Bool == false && integer(offGrid.json["errorCode"]) == 2)
            #expect(offGrid.json["errorMessage"] as? String == "Invalid limit price. Price is not aligned to tick size.")
            // Close to a tick, but not on it: no tolerance, as on the gateway's System.Decimal.
            let almost = try await place(sim, token: token, contract: cl.id, limit: "71.2300000001")
            #expect(almost.json["success"] as? Bool == false)
            let malformed = try await place(sim, token: token, contract: cl.id, limit: #""71.24abc""#)
            #expect(malformed.status == 400, "a string that is not entirely a number does not bind")

            let zn = try contract("ZN")
            #expect(await sim.simulator.setMarketPrice(contractId: zn.id, price: dec("112")))
            let fraction = try await place(sim, token: token, contract: zn.id, limit: "111.546875")
            #expect(fraction.json["success"] as? Bool == true, "\(fraction.text)")
            let zns = try await sim.post("/api/Order/searchOpen", ["accountId": practiceAccount], token: token)
            #expect(member(zns.text, "limitPrice", "111.546875"), "\(zns.text)")
        }
    }

    @Test func contractsListExactTickSizes() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            let result = try await sim.post("/api/Contract/searchById", ["contractId": try contract("ZF").id, "live": false], token: token)
            #expect(member(result.text, "tickSize", "0.0078125") && member(result.text, "tickValue", "7.8125"), "\(result.text)")
        }
    }

    @Test func fillsAndPositionsCarryExactPrices() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            let cl = try contract("CL")
            #expect(await sim.simulator.setMarketPrice(contractId: cl.id, price: dec("71.23")))
            let bought = try await sim.post("/api/Order/place", [
                "accountId": practiceAccount, "contractId": cl.id, "type": 2, "side": 0, "size": 1,
            ], token: token)
            #expect(bought.json["success"] as? Bool == true)
            let positions = try await sim.post("/api/Position/searchOpen", ["accountId": practiceAccount], token: token)
            #expect(member(positions.text, "averagePrice", "71.24"), "bought at the ask, 71.24: \(positions.text)")
            let trades = try await sim.post("/api/Trade/search", ["accountId": practiceAccount, "startTimestamp": "2025-09-03T00:00:00Z"], token: token)
            #expect(member(trades.text, "price", "71.24"), "\(trades.text)")
        }
    }
}
