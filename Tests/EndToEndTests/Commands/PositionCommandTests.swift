import Foundation
import Testing

/// `positions`, `close` and `flatten` as child processes against the simulator.
@Suite("Position commands against the simulator")
struct PositionCommandTests {
    static let practice = SimulatorHarness.practice

    /// Buys `size` MES at market on the practice account.
    func buy(_ size: Int, on sim: SimulatorHarness) async throws {
        let placed = try await sim.run(
            "order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", String(size)
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
            #expect(steps.map { $0["action"] as? String } == ["cancelOrder", "closePosition"])
            #expect(steps.allSatisfy { $0["success"] as? Bool == true })
            #expect(steps.last?["size"] as? Int == 2)

            #expect(try await sim.run("positions", "--account", Self.practice.name, "--json").stdout.isEmpty)
            #expect(try await sim.run("orders", "--account", Self.practice.name, "--open", "--json").stdout.isEmpty)

            let again = try await sim.run("flatten", "--account", Self.practice.name)
            #expect(again.status == 0)
            #expect(again.stdout == "\(Self.practice.name) is already flat: no working orders, no open positions.\n")
        }
    }

    @Test func flattenCarriesOnAfterARefusalAndExitsOne() async throws {
        try await SimulatorHarness.with { sim in
            let follower = SimulatorHarness.follower
            for _ in 0..<2 {
                let placed = try await sim.run(
                    "order", "place", "--account", follower.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1"
                )
                #expect(placed.status == 0, "\(placed)")
            }
            let placedMarket = try await sim.run("order", "place", "--account", follower.name, "--contract", "MES", "--side", "sell", "--type", "market", "--size", "1")
            #expect(placedMarket.status == 0)

            let flattened = try await sim.run("flatten", "--account", follower.name)
            // Followers cannot cancel: both cancels fail, the close still happens.
            #expect(flattened.status == 1, "\(flattened)")
            #expect(flattened.lines.filter { $0.hasPrefix("FAILED to cancel order") }.count == 2, "\(flattened)")
            #expect(flattened.lines.contains { $0.hasPrefix("Closed short 1") }, "\(flattened)")
            #expect(flattened.stderrLines.count == 1)
            #expect(flattened.stderr.hasPrefix("error: Flatten of \(follower.name) is incomplete: 2 of 3 steps failed"))

            let json = try await sim.run("flatten", "--account", follower.name, "--json")
            #expect(json.status == 1)
            let steps = try json.jsonObjects()
            #expect(steps.count == 2)
            #expect(steps.allSatisfy { $0["success"] as? Bool == false && ($0["error"] as? String)?.contains("Order/cancel was refused") == true })
        }
    }
}
