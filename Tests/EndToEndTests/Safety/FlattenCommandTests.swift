import Foundation
import Gateway
import GatewaySimulator
import Logging
import NIOConcurrencyHelpers
import Testing
@testable import TradingBot
import TestGate

/// `flatten` until flat, against the simulator: bracket children waiting as Suspended are
/// found and cancelled, an entry that fills during the run is dealt with in the next round, and
/// what cannot be removed is named with exit 1.
@Suite("Flatten until flat, against the simulator", .gated)
struct FlattenCommandTests {
    static let practice = SimulatorHarness.practice

    func place(_ sim: SimulatorHarness, _ flags: String...) async throws {
        let result = try await ProcessRunner.run(
            ["order", "place", "--account", Self.practice.name, "--contract", "MES"] + flags, environment: sim.environment
        )
        #expect(result.status == 0, "\(result)")
    }

    @Test func bracketOrdersAndTheirSuspendedChildrenReachFlat() async throws {
        try await SimulatorHarness.with { sim in
            // A filled entry: a position and two working brackets. A resting entry: its two
            // brackets wait as Suspended, which Order/searchOpen does not list.
            try await place(sim, "--side", "buy", "--type", "market", "--size", "2", "--stop-loss-ticks", "8", "--take-profit-ticks", "16")
            try await place(sim, "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1", "--stop-loss-ticks", "4", "--take-profit-ticks", "8")
            let before = try await sim.workingOrders(Self.practice.id)
            #expect(before.filter { $0.status == .suspended }.count == 2)
            #expect(before.filter { $0.status == .open }.count == 3)

            let flattened = try await ProcessRunner.run(["flatten", "--account", Self.practice.name, "--json"], environment: sim.environment)
            #expect(flattened.status == 0, "\(flattened)")
            let lines = try flattened.jsonObjects()
            #expect(lines.map { $0["action"] as? String } == Array(repeating: "cancelOrder", count: 5) + ["closePosition", "flatten"])
            #expect(lines.dropLast().allSatisfy { $0["success"] as? Bool == true }, "\(flattened)")
            let suspended = Set(before.filter { $0.status == .suspended }.map(\.id))
            #expect(Set(lines.prefix(2).compactMap { ($0["orderId"] as? Int).map(Int64.init) }) == suspended, "suspended children first")
            let result = try #require(lines.last)
            #expect(result["flat"] as? Bool == true && result["rounds"] as? Int == 1)
            #expect((result["openOrders"] as? [Any])?.isEmpty == true && (result["openPositions"] as? [Any])?.isEmpty == true)

            #expect(try await sim.workingOrders(Self.practice.id).isEmpty)
            #expect(try await sim.openPositions(Self.practice.id).isEmpty)

            let again = try await ProcessRunner.run(["flatten", "--account", Self.practice.name], environment: sim.environment)
            #expect(again.status == 0)
            #expect(again.stdout == "\(Self.practice.name) is already flat: no working orders, no open positions.\n")
        }
    }

    @Test func anEntryThatFillsDuringTheRunIsClosedInTheNextRound() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            guard let touch = sim.simulator.core.feed.touch(of: mes), let contract = sim.simulator.core.catalog.contract(id: mes) else {
                throw HarnessError("no MES market")
            }
            let entry = contract.decimalPrice(ofTicks: touch.last - 20)
            try await place(sim, "--side", "buy", "--type", "limit", "--limit", Formatting.price(entry), "--size", "1", "--stop-loss-ticks", "8", "--take-profit-ticks", "16")

            let resolver = ConfigurationResolver(environment: sim.environment, readFile: { _ in nil })
            let client = GatewayClient(configuration: try resolver.resolve(ConfigurationFlags()).gatewayConfiguration())
            let accountId = Self.practice.id
            let first = try await FlattenSnapshot.read(accountId: accountId, client: client)
            #expect(first.orders.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.open, .suspended, .suspended])
            #expect(first.positions.isEmpty)

            // After the look and before the first write, the market falls through the entry: it
            // fills, its brackets start working, a position opens that the first look missed.
            let moved = NIOLockedValueBox(false)
            let flattener = Flattener(
                look: { try await FlattenSnapshot.read(accountId: accountId, client: client) },
                send: { request in
                    let isFirstWrite = moved.withLockedValue { wasMoved -> Bool in
                        defer { wasMoved = true }
                        return !wasMoved
                    }
                    if isFirstWrite {
                        #expect(await sim.simulator.setMarketPrice(contractId: mes, price: entry - 1))
                    }
                    try await request.send(with: client)
                },
                pause: { try await Task.sleep(for: .milliseconds(100)) }
            )
            let steps = NIOLockedValueBox<[(FlattenItem, Bool)]>([])
            let outcome = try await flattener.run(from: first, accountId: accountId) { event in
                if case .step(let item, let error) = event { steps.withLockedValue { $0.append((item, error == nil)) } }
            }
            let entryOrder = try #require(try await sim.allOrders(accountId).first { $0.parentOrderId == nil })
            #expect(entryOrder.status == .filled, "the market move filled the entry")
            #expect(outcome.isFlat, "\(outcome)")
            #expect(outcome.rounds == 2)
            #expect(outcome.failedSteps == 1, "the entry's cancel: it had filled")
            let recorded = steps.withLockedValue { $0 }
            #expect(recorded.count == 4)
            if case .position(let position) = recorded.last?.0 { #expect(position.size == 1 && position.type == .long) } else {
                Issue.record("the second round closes the position: \(recorded)")
            }
            #expect(try await sim.workingOrders(accountId).isEmpty)
            #expect(try await sim.openPositions(accountId).isEmpty)
        }
    }

    @Test func whatCannotBeRemovedIsNamedAndTheExitStatusIsOne() async throws {
        try await SimulatorHarness.with { sim in
            // A follower account may not cancel orders; its position still closes.
            let follower = SimulatorHarness.follower
            let mes = try sim.contractId("MES")
            var ids: [Int] = []
            for _ in 0..<2 {
                let placed = try await ProcessRunner.run(
                    ["order", "place", "--account", follower.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1", "--yes", "--json"],
                    environment: sim.environment
                )
                ids.append(try #require(try placed.jsonObjects().first?["orderId"] as? Int))
            }
            let sold = try await ProcessRunner.run(
                ["order", "place", "--account", follower.name, "--contract", "MES", "--side", "sell", "--type", "market", "--size", "1", "--yes"], environment: sim.environment
            )
            #expect(sold.status == 0, "\(sold)")

            let flattened = try await ProcessRunner.run(["flatten", "--account", follower.name, "--yes"], environment: sim.environment)
            #expect(flattened.status == 1, "\(flattened)")
            let rounds = Flattener.defaultRounds
            #expect(flattened.lines.filter { $0.hasPrefix("FAILED to cancel order") }.count == 2 * rounds, "\(flattened)")
            #expect(flattened.lines.filter { $0.hasPrefix("Closed short 1") }.count == 1, "\(flattened)")
            #expect(flattened.lines.filter { $0.hasPrefix("Round ") }.count == rounds - 1, "\(flattened)")
            #expect(flattened.lines.suffix(2) == ids.map { "Still open: order \($0) (limit buy of 1 \(mes) at 100, open)" }, "\(flattened)")
            #expect(flattened.stderrLines.count == 1)
            #expect(flattened.stderr.hasPrefix("error: Flatten of \(follower.name) is incomplete after \(rounds) rounds (\(2 * rounds) failed steps); still open: order \(ids[0]) "), "\(flattened)")
            #expect(flattened.stderr.contains("--status open,pending,suspended"))
            #expect(try await sim.openPositions(follower.id).isEmpty)
            #expect(try await sim.workingOrders(follower.id).count == 2)

            let json = try await ProcessRunner.run(["flatten", "--account", follower.name, "--yes", "--json"], environment: sim.environment)
            #expect(json.status == 1)
            let lines = try json.jsonObjects()
            #expect(lines.dropLast().allSatisfy { $0["success"] as? Bool == false && ($0["error"] as? String)?.contains("Order/cancel was refused") == true })
            #expect(lines.last?["flat"] as? Bool == false)
            #expect((lines.last?["openOrders"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == ids)
        }
    }
}
