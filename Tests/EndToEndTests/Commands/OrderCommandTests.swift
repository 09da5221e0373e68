import Foundation
import Testing
import TestGate

/// `order place|modify|cancel`, `orders` and `fills` as child processes against the simulator.
@Suite("Order commands against the simulator", .gated)
struct OrderCommandTests {
    static let practice = SimulatorHarness.practice

    @Test func marketOrderWithBracketsFillsAndShowsEverywhere() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            let placed = try await sim.run(
                "order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "market",
                "--size", "2", "--stop-loss-ticks", "8", "--take-profit-ticks", "16", "--json"
            )
            #expect(placed.status == 0, "\(placed)")
            let result = try #require(try placed.jsonObjects().first)
            #expect(result["action"] as? String == "placeOrder")
            #expect(result["success"] as? Bool == true)
            #expect(result["accountId"] as? Int == Self.practice.id)
            #expect(result["contractId"] as? String == mes)
            let orderId = try #require(result["orderId"] as? Int)

            let open = try await sim.run("orders", "--account", String(Self.practice.id), "--open", "--json").jsonObjects()
            // The entry filled; its stop loss (type 4) and take profit (type 1) children work, on the sell side.
            #expect(open.count == 2)
            #expect(Set(open.compactMap { $0["type"] as? Int }) == [4, 1])
            #expect(open.allSatisfy { $0["side"] as? Int == 1 && $0["status"] as? Int == 1 && $0["size"] as? Int == 2 })

            let all = try await sim.run("orders", "--account", Self.practice.name, "--json").jsonObjects()
            let entry = try #require(all.first { $0["id"] as? Int == orderId })
            #expect(entry["status"] as? Int == 2)
            #expect(entry["type"] as? Int == 2)
            #expect(entry["fillVolume"] as? Int == 2)

            let positions = try await sim.run("positions", "--account", Self.practice.name, "--json").jsonObjects()
            #expect(positions.count == 1)
            #expect(positions.first?["contractId"] as? String == mes)
            #expect(positions.first?["type"] as? Int == 1)
            #expect(positions.first?["size"] as? Int == 2)

            let fills = try await sim.run("fills", "--account", Self.practice.name, "--json").jsonObjects()
            #expect(fills.count == 2)
            #expect(fills.first?["orderId"] as? Int == orderId)
            #expect(fills.first?["side"] as? Int == 0)
            // The last line totals the fills: an opening buy of 2, no P&L, its fees.
            let fee = try #require(fills.first?["fees"] as? Double)
            #expect(fee > 0)
            let totals = try #require(fills.last?["totals"] as? [String: Any])
            #expect(totals["fills"] as? Int == 1 && totals["bought"] as? Int == 2 && totals["sold"] as? Int == 0)
            #expect(totals["fees"] as? Double == fee && totals["grossProfitAndLoss"] as? Double == 0 && totals["netProfitAndLoss"] as? Double == -fee)

            let humanPositions = try await sim.run("positions", "--account", Self.practice.name)
            #expect(humanPositions.lines.first?.hasPrefix("    ID  SYMBOL  CONTRACT") == true, "\(humanPositions)")
            #expect(humanPositions.lines.last?.contains("\(mes)  long     2") == true, "\(humanPositions)")
            let humanFills = try await sim.run("fills", "--account", Self.practice.name)
            #expect(humanFills.lines.count == 3, "\(humanFills)")
            #expect(humanFills.lines[1].contains(String(orderId)))
            #expect(humanFills.lines[2].hasPrefix("Total 1 fill: bought 2, sold 0; gross 0.00, fees "), "\(humanFills)")
        }
    }

    @Test func limitOrderIsModifiedThenCancelled() async throws {
        try await SimulatorHarness.with { sim in
            let placed = try await sim.run(
                "order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "limit",
                "--limit", "100", "--size", "1", "--tag", "e2e-limit"
            )
            #expect(placed.status == 0, "\(placed)")
            #expect(placed.stdout.hasPrefix("Placed order "))
            #expect(placed.stdout.hasSuffix("on \(Self.practice.name): a limit buy of 1 MESZ6 at 100.\n"), "\(placed)")
            let orderId = try #require(placed.stdout.split(separator: " ").dropFirst(2).first.map(String.init))

            let open = try await sim.run("orders", "--account", Self.practice.name, "--open")
            #expect(open.lines.count == 2, "\(open)")
            #expect(open.lines[1].contains("buy   limit"), "\(open)")
            #expect(open.lines[1].hasSuffix("e2e-limit"))

            let modified = try await sim.run("order", "modify", "--account", Self.practice.name, orderId, "--limit", "101.5", "--size", "3", "--max-order-size", "3", "--json")
            #expect(modified.status == 0, "\(modified)")
            let modification = try #require(try modified.jsonObjects().first)
            #expect(modification["action"] as? String == "modifyOrder")
            #expect(modification["orderId"] as? Int == Int(orderId))
            let afterModify = try await sim.run("orders", "--account", Self.practice.name, "--open", "--json").jsonObjects()
            #expect(afterModify.first?["limitPrice"] as? Double == 101.5)
            #expect(try await sim.run("orders", "--account", Self.practice.name, "--open", "--json").stdout.contains(#""limitPrice":101.5,"#))
            #expect(afterModify.first?["size"] as? Int == 3)

            let cancelled = try await sim.run("order", "cancel", "--account", Self.practice.name, orderId)
            #expect(cancelled.status == 0, "\(cancelled)")
            #expect(cancelled.stdout == "Cancelled order \(orderId) on \(Self.practice.name).\n")
            let none = try await sim.run("orders", "--account", Self.practice.name, "--open")
            #expect(none.stdout == "No working orders on \(Self.practice.name).\n")
            let history = try await sim.run("orders", "--account", Self.practice.name, "--json").jsonObjects()
            #expect(history.first { $0["id"] as? Int == Int(orderId) }?["status"] as? Int == 3)
        }
    }

    /// The issue's example on CL's 0.01 grid, end to end: `--limit 71.23` is sent and echoed as
    /// 71.23, `71.235` is refused before sending with the two nearest valid prices, and the
    /// brackets ten ticks from the fill are 71.13 and 71.33 exactly, in JSON and in tables.
    @Test func centPricesAreExactFromFlagToOutput() async throws {
        try await SimulatorHarness.with { sim in
            let clId = try sim.contractId("CL")
            let cl = try #require(sim.simulator.core.catalog.contract(id: clId))
            #expect(await sim.simulator.setMarketPrice(contractId: clId, price: dec("75.5")))

            let refused = try await sim.run(
                "order", "place", "--account", Self.practice.name, "--contract", "CL", "--side", "buy", "--type", "limit",
                "--limit", "71.235", "--size", "1"
            )
            #expect(refused.status == 64, "\(refused)")
            #expect(refused.stderr.contains("--limit 71.235 is not a multiple of \(cl.name)'s tick size 0.01; use 71.23 or 71.24."), "\(refused)")
            #expect(try await sim.run("orders", "--account", Self.practice.name, "--json").jsonObjects().isEmpty, "nothing was sent")

            let placed = try await sim.run(
                "order", "place", "--account", Self.practice.name, "--contract", "CL", "--side", "buy", "--type", "limit",
                "--limit", "71.23", "--size", "1", "--stop-loss-ticks", "10", "--take-profit-ticks", "10"
            )
            #expect(placed.status == 0, "\(placed)")
            #expect(placed.stdout.hasSuffix(
                "a limit buy of 1 \(cl.name) at 71.23, stop loss 10 ticks (71.13), take profit 10 ticks (71.33).\n"), "\(placed)")
            let resting = try await sim.run("orders", "--account", Self.practice.name, "--open", "--json")
            #expect(resting.stdout.contains(#""limitPrice":71.23,"#), "\(resting)")

            // A print through the limit fills the entry at 71.23; its brackets are priced from the fill.
            #expect(await sim.simulator.setMarketPrice(contractId: clId, price: dec("71.2")))
            let brackets = try await sim.run("orders", "--account", Self.practice.name, "--open", "--json")
            #expect(brackets.stdout.contains(#""stopPrice":71.13,"#), "\(brackets)")
            #expect(brackets.stdout.contains(#""limitPrice":71.33,"#), "\(brackets)")
            let table = try await sim.run("orders", "--account", Self.practice.name, "--open")
            #expect(table.stdout.contains(" 71.13 ") && table.stdout.contains(" 71.33 "), "\(table)")
            let fills = try await sim.run("fills", "--account", Self.practice.name, "--json")
            #expect(fills.stdout.contains(#""price":71.23,"#), "\(fills)")
            let positions = try await sim.run("positions", "--account", Self.practice.name)
            #expect(positions.stdout.contains("71.23"), "\(positions)")
        }
    }

    @Test func otherOrderTypesArePlaced() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            guard let touch = sim.simulator.core.feed.touch(of: mes), let contract = sim.simulator.core.catalog.contract(id: mes) else {
                throw HarnessError("no MES market")
            }
            let last = contract.decimalPrice(ofTicks: touch.last)
            let cases: [[String]] = [
                ["--side", "sell", "--type", "stop", "--stop", "\(last - 10)"],
                ["--side", "sell", "--type", "trailing", "--trail", "\(last - 5)"],
                ["--side", "buy", "--type", "join-bid"],
                ["--side", "sell", "--type", "join-ask"],
            ]
            for flags in cases {
                let placed = try await ProcessRunner.run(
                    ["order", "place", "--account", String(Self.practice.id), "--contract", mes, "--size", "1", "--json"] + flags,
                    environment: sim.environment
                )
                #expect(placed.status == 0, "\(placed)")
                #expect(try placed.jsonObjects().first?["success"] as? Bool == true)
            }
            let open = try await sim.run("orders", "--account", Self.practice.name, "--open", "--json").jsonObjects()
            #expect(Set(open.compactMap { $0["type"] as? Int }).isSuperset(of: [4, 5]), "\(open)")
        }
    }

    @Test func cancelSeveralOrdersAtOnce() async throws {
        try await SimulatorHarness.with { sim in
            var ids: [String] = []
            for price in ["100", "100.25"] {
                let placed = try await sim.run(
                    "order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "limit",
                    "--limit", price, "--size", "1", "--json"
                )
                ids.append(String(try #require(try placed.jsonObjects().first?["orderId"] as? Int)))
            }
            let cancelled = try await ProcessRunner.run(["order", "cancel", "--account", Self.practice.name, "--json"] + ids, environment: sim.environment)
            #expect(cancelled.status == 0, "\(cancelled)")
            #expect(try cancelled.jsonObjects().map { String($0["orderId"] as? Int ?? 0) } == ids)
            #expect(try cancelled.jsonObjects().allSatisfy { $0["action"] as? String == "cancelOrder" && $0["success"] as? Bool == true })
        }
    }
}
