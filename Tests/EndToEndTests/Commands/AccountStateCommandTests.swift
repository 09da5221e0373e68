import Foundation
import GatewaySimulator
import Testing
import TestGate

/// The commands that read an account's state from its monitor: `positions` with unrealised P&L,
/// `orders --open` with bracket orders waiting, `watch` across a gap, and the shell keeping the
/// state between commands.
@Suite("Account state commands", .gated)
struct AccountStateCommandTests {
    static let practice = SimulatorHarness.practice

    static func place(_ arguments: String..., on sim: SimulatorHarness) async throws -> Int {
        let placed = try await sim.run(["order", "place", "--account", Self.practice.name, "--json"] + arguments)
        #expect(placed.status == 0, "\(placed)")
        return try #require(try placed.jsonObjects().first?["orderId"] as? Int, "\(placed)")
    }

    @Test func positionsShowTheLastPriceAndUnrealisedPnL() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            _ = try await Self.place("--contract", "MES", "--side", "buy", "--type", "market", "--size", "2", on: sim)
            let bought = try #require(try await sim.run("positions", "--account", Self.practice.name, "--json").jsonObjects().first)
            let average = try #require(bought["averagePrice"] as? Double)
            // Four ticks (0.25, worth 1.25 each) above the average, on two contracts: +10.00.
            // Quarter ticks are exact in binary, so the Double read from the JSON converts exactly.
            #expect(await sim.simulator.setMarketPrice(contractId: mes, price: Decimal(average) + 1))

            let json = try await sim.run("positions", "--account", Self.practice.name, "--json")
            #expect(json.status == 0, "\(json)")
            let position = try #require(try json.jsonObjects().first)
            #expect(position["contractId"] as? String == mes)
            #expect(position["size"] as? Int == 2)
            #expect(position["lastPrice"] as? Double == average + 1)
            #expect(position["unrealizedProfitAndLoss"] as? Double == 10)

            let human = try await sim.run("positions", "--account", Self.practice.name)
            #expect(human.status == 0, "\(human)")
            #expect(human.lines.first?.contains("AVG PRICE") == true && human.lines.first?.contains("LAST  UNREALIZED") == true, "\(human)")
            #expect(human.lines.last?.contains("\(mes)  long     2") == true, "\(human)")
            #expect(human.lines.last?.contains("  10.00  ") == true, "\(human)")
        }
    }

    @Test func openOrdersIncludeBracketOrdersWaitingForTheirEntry() async throws {
        try await SimulatorHarness.with { sim in
            let entry = try await Self.place(
                "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "1000", "--size", "1",
                "--stop-loss-ticks", "10", "--take-profit-ticks", "20", on: sim
            )
            let open = try await sim.run("orders", "--account", Self.practice.name, "--open", "--json")
            #expect(open.status == 0, "\(open)")
            let orders = try open.jsonObjects()
            #expect(orders.count == 3, "the entry and its two suspended children: \(orders)")
            #expect(orders.first?["id"] as? Int == entry, "oldest first")
            #expect(orders.compactMap { $0["status"] as? Int }.sorted() == [1, 8, 8])

            let human = try await sim.run("orders", "--account", Self.practice.name, "--open")
            #expect(human.lines.filter { $0.contains(" suspended ") }.count == 2, "\(human)")
        }
    }

    @Test func watchReadsTheStateAgainAfterAGapAndShowsWhatChanged() async throws {
        try await SimulatorHarness.with { sim in
            let resting = try await Self.place("--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "1000", "--size", "1", on: sim)
            let watch = try StreamingProcess.start(["watch", "--account", Self.practice.name, "--json"], environment: sim.environment)
            #expect(await watch.stderrLine(containing: "Watching \(Self.practice.name)") != nil)

            // The hub loses its connection and cannot come back while the account changes.
            sim.simulator.faults.refuseNextUpgrades(1_000_000)
            sim.simulator.faults.send(.dropConnections(.user))
            var seen: [String] = []
            #expect(await watch.line(where: { $0.contains(#""type":"gap""#) }, seen: &seen) != nil, "\(seen)")
            let placed = try await Self.place("--contract", "MES", "--side", "sell", "--type", "limit", "--limit", "99999", "--size", "1", on: sim)
            let cancelled = try await sim.run("order", "cancel", "--account", Self.practice.name, String(resting))
            #expect(cancelled.status == 0, "\(cancelled)")
            sim.simulator.faults.refuseNextUpgrades(0)

            #expect(await watch.line(where: { $0.contains(#""status":"synchronized""#) }, seen: &seen) != nil, "\(seen)")
            watch.signal(SIGINT)
            #expect(await watch.exitStatus() == 0)
            let records = try seen.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            let gap = try #require(records.firstIndex { $0["type"] as? String == "gap" })
            let after = records[gap...].compactMap { $0["order"] as? [String: Any] }
            #expect(after.contains { $0["id"] as? Int == placed && $0["status"] as? Int == 1 }, "the order placed during the gap: \(records)")
            #expect(records[gap...].contains { ($0["order"] as? [String: Any])?["id"] as? Int == resting && $0["finished"] as? Bool == true },
                    "the order cancelled during the gap: \(records)")
            #expect(records[..<gap].allSatisfy { $0["type"] as? String != "order" }, "nothing before: the state itself is not printed")
        }
    }

    @Test func theShellKeepsTheAccountStateBetweenCommands() async throws {
        try await SimulatorHarness.with { sim in
            let script = """
                orders --account \(Self.practice.name) --open
                order place --account \(Self.practice.name) --contract MES --side buy --type limit --limit 1000 --size 1
                order place --account \(Self.practice.name) --contract MES --side buy --type market --size 1
                positions --account \(Self.practice.name) --json
                orders --account \(Self.practice.name) --open --json
                """
            let result = try await sim.run("shell", stdin: script + "\n")
            #expect(result.status == 0, "\(result)")
            #expect(result.lines.first == "No working orders on \(Self.practice.name).", "\(result)")
            let json = result.lines.filter { $0.hasPrefix("{") }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(json.count == 2, "\(result)")
            #expect(json.first?["size"] as? Int == 1 && json.first?["lastPrice"] != nil, "the position, priced: \(json)")
            #expect(json.last?["limitPrice"] as? Double == 1000, "the working order: \(json)")
        }
    }
}
