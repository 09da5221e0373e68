import Foundation
import GatewaySimulator
import Testing
import TestGate

/// When the program asks before trading, against the simulator: practice accounts never ask;
/// every other account (the evaluation and funded ones the gateway reports simulated too, and
/// live ones) asks on a terminal and refuses without one unless `--yes` is given or the account
/// is listed in `noConfirmAccounts`. What the simulator holds afterwards shows what was sent.
@Suite("Confirmation before trading, against the simulator", .gated)
struct ConfirmationCommandTests {
    static let practice = SimulatorHarness.practice
    static let combine = SimulatorHarness.combine
    static let express = SimulatorHarness.follower
    static let live = SimulatorHarness.live

    /// The shape of a refusal: exit 64, one line, nothing on stdout.
    func expectRefused(_ result: CommandResult, account: (id: Int, name: String), sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 64, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("error: Account \(account.name) (\(account.id)) is "), "\(result)", sourceLocation: sourceLocation)
        for part in ["stdin is not a terminal, so nobody can confirm", "nothing was sent", "Add --yes", "\"noConfirmAccounts\""] {
            #expect(result.stderr.contains(part), "missing '\(part)': \(result)", sourceLocation: sourceLocation)
        }
    }

    func limitBuy(_ account: String, _ extra: [String] = []) -> [String] {
        ["order", "place", "--account", account, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1"] + extra
    }

    @Test func practiceAccountsNeverAsk() async throws {
        try await SimulatorHarness.with { sim in
            // stdin is /dev/null: a question could not be answered, and none is asked.
            let placed = try await ProcessRunner.run(limitBuy(Self.practice.name), environment: sim.environment)
            #expect(placed.status == 0, "\(placed)")
            #expect(placed.stderr.isEmpty, "\(placed)")
            #expect(try await sim.workingOrders(Self.practice.id).count == 1)
        }
    }

    @Test func aSimulatedEvaluationAccountIsRefusedWithoutATerminalAndNothingIsSent() async throws {
        try await SimulatorHarness.with { sim in
            let combine = Self.combine
            expectRefused(try await ProcessRunner.run(limitBuy(combine.name), environment: sim.environment), account: combine)
            #expect(try await sim.allOrders(combine.id).isEmpty)

            // --yes sends it.
            let placed = try await ProcessRunner.run(limitBuy(combine.name, ["--yes", "--json"]), environment: sim.environment)
            #expect(placed.status == 0, "\(placed)")
            let orderId = try #require(try placed.jsonObjects().first?["orderId"] as? Int)
            let market = try await ProcessRunner.run(
                ["order", "place", "--account", combine.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", "2", "-y"], environment: sim.environment
            )
            #expect(market.status == 0, "\(market)")

            // Every other write is refused the same way, and changes nothing.
            for arguments in [
                ["order", "modify", "--account", combine.name, String(orderId), "--limit", "100.25"],
                ["order", "cancel", "--account", combine.name, String(orderId)],
                ["close", "--account", combine.name, "--contract", "MES"],
                ["close", "--account", combine.name, "--contract", "MES", "--size", "1"],
                ["flatten", "--account", String(combine.id)],
            ] {
                expectRefused(try await ProcessRunner.run(arguments, environment: sim.environment), account: combine)
            }
            let orders = try await sim.workingOrders(combine.id)
            #expect(orders.map(\.id) == [Int64(orderId)])
            #expect(orders.first?.limitPrice == 100)
            #expect(try await sim.openPositions(combine.id).map(\.size) == [2])

            let flattened = try await ProcessRunner.run(["flatten", "--account", combine.name, "--yes"], environment: sim.environment)
            #expect(flattened.status == 0, "\(flattened)")
            #expect(try await sim.workingOrders(combine.id).isEmpty)
            #expect(try await sim.openPositions(combine.id).isEmpty)
        }
    }

    @Test func aLiveAccountIsRefusedWithoutATerminalEvenWithAnAnswerOnAPipe() async throws {
        try await SimulatorHarness.with { sim in
            let piped = try await ProcessRunner.run(limitBuy(Self.live.name), environment: sim.environment, stdin: "yes\n")
            expectRefused(piped, account: Self.live)
            #expect(piped.stderr.contains("is NOT simulated (real money)"))
            #expect(try await sim.allOrders(Self.live.id).isEmpty)
        }
    }

    @Test func accountsListedInTheConfigurationDoNotAsk() async throws {
        try await SimulatorHarness.with { sim in
            // The combine account by its id (a JSON number), the funded one by its exact name.
            try sim.writeConfig(#"{"noConfirmAccounts": [\#(Self.combine.id), "\#(Self.express.name)"]}"#)
            for account in [Self.combine, Self.express] {
                let placed = try await ProcessRunner.run(limitBuy(account.name), environment: sim.environment)
                #expect(placed.status == 0, "\(placed)")
                #expect(try await sim.workingOrders(account.id).count == 1)
            }
            // Another account still asks.
            expectRefused(try await ProcessRunner.run(limitBuy(Self.live.name), environment: sim.environment), account: Self.live)
            #expect(try await sim.allOrders(Self.live.id).isEmpty)
        }
    }

    @Test func onATerminalTheRiskIsShownAndOnlyYesSends() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            let place = limitBuy(Self.live.name).dropLast(2) + ["--size", "2", "--stop-loss-ticks", "8", "--take-profit-ticks", "16"]

            for answer in ["no", "", "yess"] {
                let terminal = try PseudoTerminal()
                defer { terminal.dispose() }
                try terminal.type(answer + "\n")
                let declined = try await ProcessRunner.run(Array(place), environment: sim.environment, terminal: terminal)
                #expect(declined.status == 1, "\(declined)")
                #expect(declined.stderr.hasSuffix("error: Not confirmed; nothing was sent.\n"), "\(declined)")
                #expect(try await sim.allOrders(Self.live.id).isEmpty)
            }

            let terminal = try PseudoTerminal()
            defer { terminal.dispose() }
            try terminal.type("yes\n")
            let confirmed = try await ProcessRunner.run(Array(place), environment: sim.environment, terminal: terminal)
            #expect(confirmed.status == 0, "\(confirmed)")
            #expect(confirmed.stderr == """
                Account \(Self.live.name) (\(Self.live.id)) is NOT simulated (real money).
                  Place a limit buy of 2 MESZ6 (\(mes)) at 100
                  1 tick (0.25) = $1.25 a contract, $2.50 on 2 contracts
                  stop loss 8 ticks from the fill = $20.00 (8 x $1.25 x 2)
                  take profit 16 ticks from the fill = $40.00 (16 x $1.25 x 2)
                Type 'yes' to send it: 
                """, "\(confirmed)")
            let orders = try await sim.workingOrders(Self.live.id)
            #expect(orders.count == 3, "the entry and its two suspended brackets")
            #expect(orders.first?.size == 2)
        }
    }

    @Test func onATerminalCancelModifyCloseAndFlattenShowWhatTheyTouch() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            let combine = Self.combine
            let placed = try await ProcessRunner.run(limitBuy(combine.name, ["--yes", "--json"]), environment: sim.environment)
            let orderId = try #require(try placed.jsonObjects().first?["orderId"] as? Int)
            let bought = try await ProcessRunner.run(
                ["order", "place", "--account", combine.name, "--contract", "MES", "--side", "sell", "--type", "market", "--size", "2", "--yes"], environment: sim.environment
            )
            #expect(bought.status == 0, "\(bought)")
            let average = try #require(try await sim.openPositions(combine.id).first?.averagePrice)

            func answered(_ arguments: [String]) async throws -> CommandResult {
                let terminal = try PseudoTerminal()
                defer { terminal.dispose() }
                try terminal.type("y\n")
                return try await ProcessRunner.run(arguments, environment: sim.environment, terminal: terminal)
            }
            let header = "Account \(combine.name) (\(combine.id)) is not a practice account.\n"

            let modified = try await answered(["order", "modify", "--account", combine.name, String(orderId), "--size", "2", "--limit", "100.5"])
            #expect(modified.status == 0, "\(modified)")
            #expect(modified.stderr == header + """
                  Change order \(orderId) to size 2, limit 100.5
                  order \(orderId): limit buy of 1 MESZ6 (\(mes)) at 100, open
                  size 1 -> 2
                  limit 100 -> 100.5
                  1 tick (0.25) = $1.25 a contract, $2.50 on 2 contracts
                Type 'yes' to send it: 
                """, "\(modified)")

            let closed = try await answered(["close", "--account", combine.name, "--contract", "MES", "--size", "1"])
            #expect(closed.status == 0, "\(closed)")
            #expect(closed.stderr == header + """
                  Close 1 contract of the MESZ6 position at market
                  position: short 2 MESZ6 (\(mes)) at an average of \(average)
                  closing 1 of 2 at market
                  1 tick (0.25) = $1.25 a contract
                Type 'yes' to send it: 
                """, "\(closed)")

            let flattened = try await answered(["flatten", "--account", combine.name])
            #expect(flattened.status == 0, "\(flattened)")
            #expect(flattened.stderr == header + """
                  Cancel 1 working order and close 1 position at market, until the account is flat
                  order \(orderId): limit buy of 2 MESZ6 (\(mes)) at 100.5, open
                  position: short 1 MESZ6 (\(mes)) at an average of \(average), closed at market
                Type 'yes' to send it: 
                """, "\(flattened)")
            #expect(try await sim.workingOrders(combine.id).isEmpty)
            #expect(try await sim.openPositions(combine.id).isEmpty)

            let again = try await ProcessRunner.run(limitBuy(combine.name, ["--yes", "--json"]), environment: sim.environment)
            let second = try #require(try again.jsonObjects().first?["orderId"] as? Int)
            let cancelled = try await answered(["order", "cancel", "--account", combine.name, String(second)])
            #expect(cancelled.status == 0, "\(cancelled)")
            #expect(cancelled.stderr == header + """
                  Cancel order \(second)
                  order \(second): limit buy of 1 MESZ6 (\(mes)) at 100, open
                Type 'yes' to send it: 
                """, "\(cancelled)")
            #expect(try await sim.workingOrders(combine.id).isEmpty)
        }
    }
}
