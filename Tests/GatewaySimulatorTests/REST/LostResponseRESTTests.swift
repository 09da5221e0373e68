import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import GatewaySimulator
import TestGate

/// The lost-response faults seen from a raw HTTP client: the write is executed (or, in
/// `reset-unexecuted` mode, not), and its answer never arrives as the gateway's.
@Suite("REST lost-response faults", .gated)
struct LostResponseRESTTests {
    static let since = "2025-09-03T00:00:00Z"

    static func place(_ sim: SimulatorHarness, token: String, tag: String, price: Double = 5000) async throws -> HTTPResult {
        try await sim.post("/api/Order/place", [
            "accountId": practiceAccount, "contractId": esContract, "type": 1, "side": 0, "size": 1, "limitPrice": price, "customTag": tag,
        ], token: token)
    }

    static func orders(_ sim: SimulatorHarness, token: String) async throws -> [[String: Any]] {
        let search = try await sim.post("/api/Order/search", ["accountId": practiceAccount, "startTimestamp": since], token: token)
        return search.json["orders"] as? [[String: Any]] ?? []
    }

    @Test func resetExecutesThePlacementThenDropsTheConnection() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            await sim.simulator.setMarketPrice(contractId: esContract, price: 6000)
            let armed = try await sim.post("/admin/writes/lose-response", ["kind": "place", "mode": "reset"])
            #expect(armed.status == 200)
            let snapshot = try #require((armed.json["lostResponses"] as? [String: Any])?["place"] as? [String: Any])
            #expect(snapshot["mode"] as? String == "reset" && integer(snapshot["remaining"]) == 1)

            await #expect(throws: (any Error).self, "the connection is reset instead of answered") {
                _ = try await Self.place(sim, token: token, tag: "raw-reset")
            }
            let tagged = try await Self.orders(sim, token: token).filter { $0["customTag"] as? String == "raw-reset" }
            #expect(tagged.count == 1, "the placement was executed before the answer was lost")

            let next = try await Self.place(sim, token: token, tag: "raw-after")
            #expect(next.json["success"] as? Bool == true, "the fault was for one write only")
            #expect(((try await sim.post("/admin/status")).json["lostResponses"] as? [String: Any])?.isEmpty == true)
        }
    }

    @Test func garbleAnswersAnUnreadable200AfterCancelling() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            await sim.simulator.setMarketPrice(contractId: esContract, price: 6000)
            let orderId = try #require(integer(try await Self.place(sim, token: token, tag: "to-cancel").json["orderId"]))
            sim.simulator.faults.loseResponses(of: .cancel, mode: .garble)
            let answer = try await sim.post("/api/Order/cancel", ["accountId": practiceAccount, "orderId": orderId], token: token)
            #expect(answer.status == 200)
            #expect((try? JSONSerialization.jsonObject(with: answer.body)) == nil, "not JSON: \(answer.text)")
            let order = try await Self.orders(sim, token: token).first { integer($0["id"]) == orderId }
            #expect(integer(order?["status"]) == 3, "cancelled")
        }
    }

    @Test func status500AfterModifying() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            await sim.simulator.setMarketPrice(contractId: esContract, price: 6000)
            let orderId = try #require(integer(try await Self.place(sim, token: token, tag: "to-modify").json["orderId"]))
            _ = try await sim.post("/admin/writes/lose-response", ["kind": "modify", "mode": "status500"])
            let answer = try await sim.post("/api/Order/modify", ["accountId": practiceAccount, "orderId": orderId, "limitPrice": 5001], token: token)
            #expect(answer.status == 500)
            let order = try await Self.orders(sim, token: token).first { integer($0["id"]) == orderId }
            #expect(number(order?["limitPrice"]) == 5001, "modified")
        }
    }

    @Test func resetUnexecutedLeavesThePosition() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            await sim.simulator.setMarketPrice(contractId: esContract, price: 6000)
            _ = try await sim.post("/api/Order/place", ["accountId": practiceAccount, "contractId": esContract, "type": 2, "side": 0, "size": 2], token: token)
            _ = try await sim.post("/admin/writes/lose-response", ["kind": "close", "mode": "reset-unexecuted", "count": 2])
            for body in [["accountId": practiceAccount, "contractId": esContract], ["accountId": practiceAccount, "contractId": esContract, "size": 1]] as [[String: Any]] {
                let path = body["size"] == nil ? "/api/Position/closeContract" : "/api/Position/partialCloseContract"
                await #expect(throws: (any Error).self) { _ = try await sim.post(path, body, token: token) }
            }
            let positions = try await sim.post("/api/Position/searchOpen", ["accountId": practiceAccount], token: token)
            #expect(integer((positions.json["positions"] as? [[String: Any]])?.first?["size"]) == 2, "neither close was executed")
        }
    }

    @Test func hangHoldsTheAnswerUntilTheClientGivesUpAndEndsWithTheSimulator() async throws {
        let sim = try await SimulatorHarness.start()
        let token = try await sim.login()
        await sim.simulator.setMarketPrice(contractId: esContract, price: 6000)
        sim.simulator.faults.loseResponses(of: .place, mode: .hang, hangSeconds: 600)
        var request = HTTPClientRequest(url: sim.baseURL + "/api/Order/place")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.body = .bytes(ByteBuffer(string: #"{"accountId":\#(practiceAccount),"contractId":"\#(esContract)","type":1,"side":0,"size":1,"limitPrice":5000,"customTag":"raw-hang"}"#))
        do {
            _ = try await HTTPClient.shared.execute(request, timeout: .seconds(2))
            Issue.record("a hung write must not be answered")
        } catch let error as HTTPClientError {
            #expect(error == .deadlineExceeded, "\(error)")
        }
        #expect(try await Self.orders(sim, token: token).contains { $0["customTag"] as? String == "raw-hang" })
        let stopping = ContinuousClock.now
        await sim.stop()
        #expect(ContinuousClock.now - stopping < .seconds(30), "stopping ends the 600 s hang")
    }

    @Test func adminRefusesWhatItCannotArmAndResetDisarms() async throws {
        try await withSimulator { sim in
            let badKind = try await sim.post("/admin/writes/lose-response", ["kind": "flatten", "mode": "reset"])
            #expect(badKind.status == 400 && (badKind.json["message"] as? String) == "kind must be one of place, cancel, modify, close")
            let badMode = try await sim.post("/admin/writes/lose-response", ["kind": "place", "mode": "explode"])
            #expect(badMode.status == 400 && (badMode.json["message"] as? String)?.hasPrefix("mode must be one of reset, hang, garble, status500, reset-unexecuted") == true)
            #expect((try await sim.post("/admin/writes/lose-response", ["kind": "place", "mode": "hang", "seconds": 0])).status == 400)
            #expect((try await sim.post("/admin/writes/lose-response", ["kind": "place", "mode": "hang", "count": -1])).status == 400)

            _ = try await sim.post("/admin/writes/lose-response", ["kind": "cancel", "mode": "hang", "count": 3, "seconds": 5])
            let armed = try #require(await sim.simulator.faults.snapshot().lostResponses["cancel"])
            #expect(armed == LostResponseSwitch(mode: .hang, remaining: 3, hangSeconds: 5))
            _ = try await sim.post("/admin/writes/lose-response", ["kind": "cancel", "mode": "hang", "count": 0])
            #expect(await sim.simulator.faults.snapshot().lostResponses.isEmpty, "count 0 disarms")
            _ = try await sim.post("/admin/writes/lose-response", ["kind": "modify", "mode": "garble"])
            _ = try await sim.post("/admin/faults/reset")
            #expect(await sim.simulator.faults.snapshot().lostResponses.isEmpty)
        }
    }

    @Test func faultsArmedFromTheConfigurationAreConsumedInTurn() async throws {
        try await withSimulator({ $0.initialFaults.lostResponses[.place] = LostResponseSwitch(mode: .status500, remaining: 2) }) { sim in
            let token = try await sim.login()
            await sim.simulator.setMarketPrice(contractId: esContract, price: 6000)
            #expect((try await Self.place(sim, token: token, tag: "c1")).status == 500)
            #expect((try await Self.place(sim, token: token, tag: "c2")).status == 500)
            #expect((try await Self.place(sim, token: token, tag: "c3")).json["success"] as? Bool == true)
            #expect(try await Self.orders(sim, token: token).compactMap { $0["customTag"] as? String }.sorted() == ["c1", "c2", "c3"])
        }
    }
}
