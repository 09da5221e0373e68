import Foundation
import GatewaySimulator
import Testing
import TestGate

/// The default account of read commands (`PROJECTX_ACCOUNT`, `PROJECT_X_ACCOUNT_NAME`, the
/// config file's `account`), and that commands which write never use it.
@Suite("Default account against the simulator", .gated)
struct DefaultAccountCommandTests {
    static let practice = SimulatorHarness.practice

    @Test func readCommandsUseTheDefaultAndTheFlagWins() async throws {
        try await SimulatorHarness.with { sim in
            let placed = try await sim.run(
                "order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1"
            )
            #expect(placed.status == 0, "\(placed)")

            let none = try await sim.run("orders")
            #expect(none.status == 64, "\(none)")
            #expect(none.stderr.contains("No account: pass --account ID-OR-NAME, set PROJECTX_ACCOUNT, or add \"account\" to"), "\(none)")

            for environment in [["PROJECTX_ACCOUNT": Self.practice.name], ["PROJECT_X_ACCOUNT_NAME": String(Self.practice.id)]] {
                let listed = try await sim.run("orders", "--json", environment: environment)
                #expect(listed.status == 0, "\(environment): \(listed)")
                let orders = try listed.jsonObjects()
                #expect(orders.count == 1 && orders.allSatisfy { $0["accountId"] as? Int == Self.practice.id }, "\(listed)")
            }

            try sim.writeConfig(#"{"account": \#(Self.practice.id)}"#)
            let fromFile = try await sim.run("orders", "--json")
            let fileOrders = try fromFile.jsonObjects()
            #expect(fromFile.status == 0 && fileOrders.count == 1, "\(fromFile)")
            // The environment wins over the file, the flag over both.
            let combine = try await sim.run("orders", "--json", environment: ["PROJECTX_ACCOUNT": SimulatorHarness.combine.name])
            #expect(combine.status == 0 && combine.stdout.isEmpty, "\(combine)")
            let flag = try await sim.run("orders", "--account", Self.practice.name, "--json", environment: ["PROJECTX_ACCOUNT": "nobody"])
            let flagOrders = try flag.jsonObjects()
            #expect(flag.status == 0 && flagOrders.count == 1, "\(flag)")

            let unknown = try await sim.run("fills", environment: ["PROJECTX_ACCOUNT": "nobody"])
            #expect(unknown.status == 65, "\(unknown)")
            #expect(unknown.stderr.contains(#"("nobody" is the default account, from PROJECTX_ACCOUNT.)"#), "\(unknown)")
        }
    }

    @Test func aReferenceNamingTwoAccountsIsRefusedNeverGuessed() async throws {
        // An account named like another's id: "8101001" is the practice account's id and this one's name.
        let lookalike = AccountSeed(id: 8_101_099, name: String(Self.practice.id), balance: 1000)
        try await SimulatorHarness.with({ $0.users[0].accounts.append(lookalike) }) { sim in
            let flag = try await sim.run("orders", "--account", String(Self.practice.id))
            #expect(flag.status == 64, "\(flag)")
            #expect(flag.stderr.contains(#""8101001" names more than one account (8101001 PRAC-V2-51342-73810925, 8101099 8101001); give the id of the one you mean."#), "\(flag)")
            let byDefault = try await sim.run("positions", environment: ["PROJECTX_ACCOUNT": String(Self.practice.id)])
            #expect(byDefault.status == 64, "\(byDefault)")
            #expect(byDefault.stderr.contains("names more than one account") && byDefault.stderr.contains("is the default account, from PROJECTX_ACCOUNT"), "\(byDefault)")
            let write = try await sim.run(
                "order", "place", "--account", String(Self.practice.id), "--contract", "MES", "--side", "buy", "--type", "market", "--size", "1"
            )
            #expect(write.status == 64 && write.stderr.contains("names more than one account"), "\(write)")
            let other = try await sim.run("orders", "--account", "8101099", "--json")
            #expect(other.status == 0 && other.stdout.isEmpty, "the lookalike's own id is unambiguous: \(other)")
        }
    }

    @Test func commandsThatWriteNeverUseTheDefault() async throws {
        try await SimulatorHarness.with { sim in
            let environment = ["PROJECTX_ACCOUNT": Self.practice.name]
            for arguments in [
                ["order", "place", "--contract", "MES", "--side", "buy", "--type", "market", "--size", "1"],
                ["close", "--contract", "MES"], ["flatten"],
            ] {
                let refused = try await sim.run(arguments, environment: environment)
                #expect(refused.status == 64, "\(arguments): \(refused)")
                #expect(refused.stderr.contains("--account"), "\(arguments): \(refused)")
            }
            let orders = try await sim.run("orders", "--json", environment: environment)
            #expect(orders.status == 0 && orders.stdout.isEmpty, "nothing was placed: \(orders)")
        }
    }
}
