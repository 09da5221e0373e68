import Foundation
import Testing
import TestGate

/// `positions`, `close` and `flatten` as child processes against the simulator.
@Suite("Position commands against the simulator", .gated)
struct PositionCommandTests {
    static let practice = SimulatorHarness.practice

    /// Buys `size` MES at market on the practice account.
    func buy(_ size: Int, on sim: SimulatorHarness) async throws {
        let placed = try await sim.run(
            "order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", String(size),
            "--max-order-size", String(size)
        )
        #expect(placed.status == 0, "\(placed)")
    }

    @Test func closePartlyThenFully() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            try await buy(3, on: sim)
            let partial = try await sim.run("close", "--account", Self.practice.name, "--contract", "MES", "--size", "1", "--json")
            #expect(partial.status == 0, "\(partial)")
            let result = try #require(try partial.jsonObjects().first)
            #expect(result["action"] as? String == "partialClosePosition")
            #expect(result["size"] as? Int == 1)
            #expect(result["contractId"] as? String == mes)
            #expect(try await sim.run("positions", "--account", Self.practice.name, "--json").jsonObjects().first?["size"] as? Int == 2)

            let full = try await sim.run("close", "--account", Self.practice.name, "--contract", mes)
            #expect(full.status == 0, "\(full)")
            #expect(full.stdout == "Closed the MESZ6 position on \(Self.practice.name).\n")
            let none = try await sim.run("positions", "--account", Self.practice.name)
            #expect(none.stdout == "No open positions on \(Self.practice.name).\n")
            #expect(try await sim.run("positions", "--account", Self.practice.name, "--json").stdout.isEmpty)
        }
    }

    @Test func flattenCancelsOrdersThenClosesPositions() async throws {
        try await SimulatorHarness.with { sim in
            try await buy(2, on: sim)
            let resting = try await sim.run(
                "order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1"
            )
            #expect(resting.status == 0)

            let flattened = try await sim.run("flatten", "--account", Self.practice.name, "--json")
            #expect(flattened.status == 0, "\(flattened)")
            let steps = try flattened.jsonObjects()
            #expect(steps.map { $0["action"] as? String } == ["cancelOrder", "closePosition", "flatten"])
            #expect(steps.dropLast().allSatisfy { $0["success"] as? Bool == true })
            #expect(steps[1]["size"] as? Int == 2)
            #expect(steps.last?["flat"] as? Bool == true)

            #expect(try await sim.run("positions", "--account", Self.practice.name, "--json").stdout.isEmpty)
            #expect(try await sim.run("orders", "--account", Self.practice.name, "--open", "--json").stdout.isEmpty)

            let again = try await sim.run("flatten", "--account", Self.practice.name)
            #expect(again.status == 0)
            #expect(again.stdout == "\(Self.practice.name) is already flat: no working orders, no open positions.\n")
        }
    }
}
