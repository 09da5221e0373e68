import Foundation
import Testing
import TestGate

/// `maxOrderSize` against the simulator: the default of 2, the config file, and
/// `--max-order-size` for one command; a refused size sends nothing.
@Suite("Order-size limit against the simulator", .gated)
struct OrderSizeLimitCommandTests {
    static let practice = SimulatorHarness.practice

    func marketBuy(_ size: Int, _ extra: String...) -> [String] {
        ["order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", String(size)] + extra
    }

    func expectUsageError(_ result: CommandResult, containing parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 64, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
        for part in parts { #expect(result.stderr.contains(part), "missing '\(part)': \(result)", sourceLocation: sourceLocation) }
    }

    @Test func theDefaultIsTwoContracts() async throws {
        try await SimulatorHarness.with { sim in
            let tooBig = try await ProcessRunner.run(marketBuy(3), environment: sim.environment)
            expectUsageError(tooBig, containing: [
                "error: Size 3 exceeds maxOrderSize 2 (the default); lower it, pass --max-order-size 3 for this command, or set \"maxOrderSize\" in \(sim.home.path)/config/trading-bot/config.json.",
            ])
            #expect(tooBig.stderrLines.count == 1)
            #expect(try await sim.allOrders(Self.practice.id).isEmpty)
            #expect(try await sim.openPositions(Self.practice.id).isEmpty)

            let fits = try await ProcessRunner.run(marketBuy(2), environment: sim.environment)
            #expect(fits.status == 0, "\(fits)")
            #expect(try await sim.openPositions(Self.practice.id).map(\.size) == [2])

            // A partial close is an order too; closing the whole position is never limited.
            let bigger = try await ProcessRunner.run(marketBuy(2, "--max-order-size", "3"), environment: sim.environment)
            #expect(bigger.status == 0, "\(bigger)")
            let partial = try await ProcessRunner.run(["close", "--account", Self.practice.name, "--contract", "MES", "--size", "3"], environment: sim.environment)
            expectUsageError(partial, containing: ["--size 3 exceeds maxOrderSize 2 (the default)"])
            #expect(try await sim.openPositions(Self.practice.id).map(\.size) == [4])
            let whole = try await ProcessRunner.run(["close", "--account", Self.practice.name, "--contract", "MES"], environment: sim.environment)
            #expect(whole.status == 0, "\(whole)")
            #expect(try await sim.openPositions(Self.practice.id).isEmpty)
        }
    }

    @Test func theFlagOverridesTheFileForOneCommand() async throws {
        try await SimulatorHarness.with { sim in
            try sim.writeConfig(#"{"maxOrderSize": 5}"#)
            #expect(try await ProcessRunner.run(marketBuy(5), environment: sim.environment).status == 0)
            let overFile = try await ProcessRunner.run(marketBuy(6), environment: sim.environment)
            expectUsageError(overFile, containing: ["Size 6 exceeds maxOrderSize 5 set in \(sim.home.path)/config/trading-bot/config.json"])
            // Lower for this command only.
            let lower = try await ProcessRunner.run(marketBuy(2, "--max-order-size", "1"), environment: sim.environment)
            expectUsageError(lower, containing: ["Size 2 exceeds --max-order-size 1; lower it or raise --max-order-size."])
            // Higher for this command only.
            let higher = try await ProcessRunner.run(marketBuy(6, "--max-order-size", "6"), environment: sim.environment)
            #expect(higher.status == 0, "\(higher)")
            #expect(try await sim.openPositions(Self.practice.id).map(\.size) == [11])
        }
    }

    @Test func aModificationIsLimitedByItsNewSize() async throws {
        try await SimulatorHarness.with { sim in
            let placed = try await ProcessRunner.run(
                ["order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1", "--json"],
                environment: sim.environment
            )
            let orderId = String(try #require(try placed.jsonObjects().first?["orderId"] as? Int))
            let refused = try await ProcessRunner.run(["order", "modify", "--account", Self.practice.name, orderId, "--size", "3"], environment: sim.environment)
            expectUsageError(refused, containing: ["New size 3 exceeds maxOrderSize 2 (the default)"])
            #expect(try await sim.workingOrders(Self.practice.id).map(\.size) == [1])
            let allowed = try await ProcessRunner.run(["order", "modify", "--account", Self.practice.name, orderId, "--size", "3", "--max-order-size", "3"], environment: sim.environment)
            #expect(allowed.status == 0, "\(allowed)")
            #expect(try await sim.workingOrders(Self.practice.id).map(\.size) == [3])
        }
    }

    @Test(arguments: [
        ("abc", "--max-order-size"), ("2.5", "--max-order-size"), ("99999999999999999999", "--max-order-size"),
        ("0", "--max-order-size must be 1 or more (it is 0)."), ("2147483648", "--max-order-size must be at most 2147483647"),
    ])
    func badFlagValuesAreUsageErrorsNamingTheFlag(value: String, message: String) async throws {
        // The gateway address is a closed port: reaching it would be exit 69, not 64.
        let closedURL = try await SimulatorHarness.with { sim in sim.apiURL }
        try await SimulatorHarness.with { sim in
            let result = try await ProcessRunner.run(
                marketBuy(1, "--max-order-size", value), environment: sim.environment.merging(["PROJECTX_API_URL": closedURL]) { $1 }
            )
            expectUsageError(result, containing: [message])
        }
    }
}
