import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("REST orders, positions, trades", .gated)
struct OrderRESTTests {
    @Test func placeSearchAndIntegerEnums() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            await sim.simulator.setMarketPrice(contractId: esContract, price: 6000)
            let placed = try await sim.post("/api/Order/place", [
                "accountId": practiceAccount, "contractId": esContract, "type": 2, "side": 0, "size": 1, "linkedOrderId": 5,
            ], token: token)
            #expect(placed.json["success"] as? Bool == true && placed.json["errorMessage"] is NSNull)
            let orderId = try #require(integer(placed.json["orderId"]))
            #expect(orderId > Int(Int32.max), "order ids are int64")

            let search = try await sim.post("/api/Order/search", ["accountId": practiceAccount, "startTimestamp": "2025-09-03T00:00:00Z"], token: token)
            let order = try #require((search.json["orders"] as? [[String: Any]])?.first)
            #expect(integer(order["id"]) == orderId)
            #expect(integer(order["status"]) == 2 && integer(order["type"]) == 2 && integer(order["side"]) == 0)
            #expect(number(order["filledPrice"]) == 6000.25 && integer(order["fillVolume"]) == 1)
            #expect(order["limitPrice"] is NSNull && order["customTag"] is NSNull)
            #expect(order["symbolId"] as? String == "F.US.EP")
            #expect((order["creationTimestamp"] as? String).flatMap(ISOTimestamp.parse) != nil)

            let misspelt = try await sim.post("/api/Order/search", ["accountId": practiceAccount, "startTime": "2025-09-03T00:00:00Z"], token: token)
            #expect((misspelt.json["orders"] as? [Any])?.isEmpty == true, "unknown field ignored: empty result, no error")

            let byId = try await sim.post("/api/Order/searchById", ["accountId": practiceAccount, "orderId": orderId], token: token)
            #expect(integer((byId.json["order"] as? [String: Any])?["id"]) == orderId)
            let missing = try await sim.post("/api/Order/searchById", ["accountId": practiceAccount, "orderId": 1], token: token)
            #expect(integer(missing.json["errorCode"]) == 1 && missing.json["order"] is NSNull)

            let stringEnum = try await sim.post("/api/Order/place", [
                "accountId": practiceAccount, "contractId": esContract, "type": "2", "side": 0, "size": 1,
            ], token: token)
            #expect(stringEnum.status == 400)
            let numericString = try await sim.post("/api/Order/place", [
                "accountId": "\(practiceAccount)", "contractId": esContract, "type": 1, "side": 0, "size": 1, "limitPrice": 5990,
            ], token: token)
            #expect(numericString.json["success"] as? Bool == true, "number fields accept numeric strings")
            let noContract = try await sim.post("/api/Order/place", ["accountId": practiceAccount, "type": 2, "side": 0, "size": 1], token: token)
            #expect(noContract.status == 400)
        }
    }

    @Test func rejectedBracketKeepsOrderIdAndModifyCancelEnvelopes() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            await sim.simulator.setMarketPrice(contractId: esContract, price: 6000)
            let rejected = try await sim.post("/api/Order/place", [
                "accountId": practiceAccount, "contractId": esContract, "type": 2, "side": 1, "size": 1,
                "takeProfitBracket": ["ticks": 30, "type": 1],
            ], token: token)
            #expect(rejected.status == 200 && rejected.json["success"] as? Bool == false)
            #expect(integer(rejected.json["errorCode"]) == 2)
            #expect(integer(rejected.json["orderId"]) != nil, "a rejected bracket order still has an id")
            #expect(rejected.json["errorMessage"] as? String == "Invalid take profit ticks (30). Ticks should be less than zero when going short")

            let limit = try await sim.post("/api/Order/place", [
                "accountId": practiceAccount, "contractId": esContract, "type": 1, "side": 0, "size": 1, "limitPrice": 5990,
            ], token: token)
            let limitId = try #require(integer(limit.json["orderId"]))
            let modified = try await sim.post("/api/Order/modify", ["accountId": practiceAccount, "orderId": limitId, "limitPrice": 5991.25], token: token)
            #expect(Set(modified.json.keys) == ["success", "errorCode", "errorMessage"])
            let open = try await sim.post("/api/Order/searchOpen", ["accountId": practiceAccount], token: token)
            #expect(number((open.json["orders"] as? [[String: Any]])?.first?["limitPrice"]) == 5991.25)
            let cancelled = try await sim.post("/api/Order/cancel", ["accountId": practiceAccount, "orderId": limitId], token: token)
            #expect(cancelled.json["success"] as? Bool == true)
            let again = try await sim.post("/api/Order/cancel", ["accountId": practiceAccount, "orderId": limitId], token: token)
            #expect(integer(again.json["errorCode"]) == 3)
            let wrongAccount = try await sim.post("/api/Order/cancel", ["accountId": 1, "orderId": limitId], token: token)
            #expect(integer(wrongAccount.json["errorCode"]) == 1)
        }
    }

    @Test func orderV2Query() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            await sim.simulator.setMarketPrice(contractId: esContract, price: 6000)
            for price in [5990.0, 5991, 5992] {
                _ = try await sim.post("/api/Order/place", [
                    "accountId": practiceAccount, "contractId": esContract, "type": 1, "side": 0, "size": 1, "limitPrice": price,
                ], token: token)
            }
            let page = try await sim.post("/api/Order/v2/query", [
                "filter": ["accountId": practiceAccount, "statuses": [1]], "pageSize": 2, "pageOffset": 0,
                "sortBy": 1, "sortDirection": 0, "includeTotalCount": true,
            ], token: token)
            #expect(page.status == 200 && integer(page.json["totalCount"]) == 3)
            let orders = try #require(page.json["orders"] as? [[String: Any]])
            #expect(orders.compactMap { number($0["limitPrice"]) } == [5990, 5991])
            let invalid = try await sim.post("/api/Order/v2/query", ["filter": ["accountId": practiceAccount], "pageSize": 0], token: token)
            #expect(invalid.status == 400)
            #expect(invalid.json["title"] as? String == "One or more validation errors occurred.")
            #expect((invalid.json["errors"] as? [String: Any])?["PageSize"] != nil)
            #expect((try await sim.post("/api/Order/v2/query", ["pageSize": 10], token: token)).status == 400)
            let badStatus = try await sim.post("/api/Order/v2/query", ["filter": ["accountId": practiceAccount, "statuses": [42]]], token: token)
            #expect(badStatus.status == 400)
            let otherAccount = try await sim.post("/api/Order/v2/query", ["filter": ["accountId": 3]], token: token)
            #expect(otherAccount.status == 200 && integer(otherAccount.json["errorCode"]) == 1)
        }
    }

    @Test func positionsAndTradesOverHTTP() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            await sim.simulator.setMarketPrice(contractId: esContract, price: 6000)
            _ = try await sim.post("/api/Order/place", [
                "accountId": practiceAccount, "contractId": esContract, "type": 2, "side": 1, "size": 3,
            ], token: token)
            let open = try await sim.post("/api/Position/searchOpen", ["accountId": practiceAccount], token: token)
            let position = try #require((open.json["positions"] as? [[String: Any]])?.first)
            #expect(integer(position["type"]) == 2 && integer(position["size"]) == 3 && number(position["averagePrice"]) == 6000)
            let partial = try await sim.post("/api/Position/partialCloseContract", ["accountId": practiceAccount, "contractId": esContract, "size": 1], token: token)
            #expect(partial.json["success"] as? Bool == true)
            let invalid = try await sim.post("/api/Position/partialCloseContract", ["accountId": practiceAccount, "contractId": esContract, "size": 9], token: token)
            #expect(integer(invalid.json["errorCode"]) == 5)
            let close = try await sim.post("/api/Position/closeContract", ["accountId": practiceAccount, "contractId": esContract], token: token)
            #expect(close.json["success"] as? Bool == true)
            let none = try await sim.post("/api/Position/closeContract", ["accountId": practiceAccount, "contractId": esContract], token: token)
            #expect(integer(none.json["errorCode"]) == 2)
            let flat = try await sim.post("/api/Position/searchOpen", ["accountId": practiceAccount], token: token)
            #expect((flat.json["positions"] as? [Any])?.isEmpty == true)

            let trades = try await sim.post("/api/Trade/search", ["accountId": practiceAccount], token: token)
            let rows = try #require(trades.json["trades"] as? [[String: Any]])
            #expect(rows.count == 3)
            #expect(rows[0]["profitAndLoss"] is NSNull, "opening half-turn: null P&L, field present")
            // short 3 @ 6000, bought back @ 6000.25: -0.25 * 4 * 12.5 = -12.5 per contract
            #expect(number(rows[1]["profitAndLoss"]) == -12.5 && number(rows[2]["profitAndLoss"]) == -25)
            #expect(number(rows[0]["fees"]) == 4.2 && integer(rows[0]["side"]) == 1 && rows[0]["voided"] as? Bool == false)
            let windowed = try await sim.post("/api/Trade/search", ["accountId": practiceAccount, "startTimestamp": "2030-01-01T00:00:00Z"], token: token)
            #expect((windowed.json["trades"] as? [Any])?.isEmpty == true)
            let foreign = try await sim.post("/api/Trade/search", ["accountId": 77], token: token)
            #expect(integer(foreign.json["errorCode"]) == 1 && foreign.json["trades"] is NSNull)
        }
    }
}
