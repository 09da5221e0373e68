import Foundation
import Testing
import TestGate

/// `fills` totals and the symbols of `orders`, `positions` and `fills`, as child processes against
/// the simulator.
@Suite("Fill totals and contract symbols against the simulator", .gated)
struct FillTotalsCommandTests {
    static let practice = SimulatorHarness.practice

    /// Whether a table row shows `symbol` in the column just before `contractId`.
    static func row(_ line: String, shows symbol: String, before contractId: String) -> Bool {
        let cells = line.split(separator: " ").map(String.init)
        guard let index = cells.firstIndex(of: contractId), index > 0 else { return false }
        return cells[index - 1] == symbol
    }

    static func market(_ sim: SimulatorHarness, _ contract: String, _ side: String) async throws {
        let placed = try await sim.run(
            "order", "place", "--account", practice.name, "--contract", contract, "--side", side, "--type", "market", "--size", "1"
        )
        #expect(placed.status == 0, "\(placed)")
    }

    @Test func totalsAddUpTheFillsPerContract() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            let mgc = try sim.contractId("MGC")
            let mesName = try #require(try await sim.run("contracts", "show", mes, "--json").jsonObjects().first?["name"] as? String)
            let mgcName = try #require(try await sim.run("contracts", "show", mgc, "--json").jsonObjects().first?["name"] as? String)
            try await Self.market(sim, "MES", "buy")
            #expect(await sim.simulator.setMarketPrice(contractId: mes, price: 6300))
            try await Self.market(sim, "MES", "sell")
            try await Self.market(sim, "MGC", "buy")

            let json = try await sim.run("fills", "--account", Self.practice.name, "--json")
            #expect(json.status == 0, "\(json)")
            let objects = try json.jsonObjects()
            let fills = objects.dropLast()
            #expect(fills.count == 3, "\(json)")
            let totals = try #require(objects.last?["totals"] as? [String: Any], "\(json)")
            let fees = fills.compactMap { $0["fees"] as? Double }.reduce(0, +)
            let gross = fills.compactMap { $0["profitAndLoss"] as? Double }.reduce(0, +)
            #expect(totals["fills"] as? Int == 3 && totals["bought"] as? Int == 2 && totals["sold"] as? Int == 1, "\(totals)")
            #expect(abs((totals["fees"] as? Double ?? -1) - fees) < 1e-9, "\(totals)")
            #expect(abs((totals["grossProfitAndLoss"] as? Double ?? -1) - gross) < 1e-9, "\(totals)")
            #expect(abs((totals["netProfitAndLoss"] as? Double ?? -1) - (gross - fees)) < 1e-9, "\(totals)")
            let byContract = try #require(totals["byContract"] as? [[String: Any]])
            #expect(byContract.compactMap { $0["contractId"] as? String } == [mes, mgc] || byContract.compactMap { $0["contractId"] as? String } == [mgc, mes])

            let human = try await sim.run("fills", "--account", Self.practice.name)
            #expect(human.status == 0, "\(human)")
            #expect(human.lines.first?.hasPrefix("        ID     ORDER  SYMBOL  CONTRACT") == true || human.lines.first?.contains("SYMBOL  CONTRACT") == true, "\(human)")
            #expect(human.lines.contains { Self.row($0, shows: mesName, before: mes) }, "\(human)")
            let totalLines = human.lines.suffix(3)
            #expect(totalLines.first?.hasPrefix("Total 3 fills: bought 2, sold 1; gross ") == true, "\(human)")
            #expect(totalLines.contains { $0.hasPrefix("  \(mesName): 2 fills: bought 1, sold 1; gross ") }, "\(human)")
            #expect(totalLines.contains { $0.hasPrefix("  \(mgcName): 1 fill: bought 1, sold 0; gross 0.00, fees ") }, "\(human)")

            let orders = try await sim.run("orders", "--account", Self.practice.name)
            #expect(orders.lines.first?.contains("SYMBOL  CONTRACT") == true, "\(orders)")
            #expect(orders.lines.contains { Self.row($0, shows: mgcName, before: mgc) }, "\(orders)")
            let positions = try await sim.run("positions", "--account", Self.practice.name)
            #expect(positions.lines.contains { Self.row($0, shows: mgcName, before: mgc) && $0.contains("\(mgc)  long") }, "\(positions)")
        }
    }
}
