import Foundation
import GatewaySimulator
import Testing
import TestGate

/// The simulator's market hub against independent SignalR clients from PyPI (signalrcore 1.0.2,
/// pysignalr 1.3.3), run as subprocesses by the scripts in `Tests/InteropTests/Python`.
@Suite("Simulator hubs with independent Python clients", .gated)
struct SimulatorInteropTests {
    @Test(arguments: [("simulator_signalrcore.py", "negotiate"), ("simulator_signalrcore.py", "skip"),
                      ("simulator_pysignalr.py", "query"), ("simulator_pysignalr.py", "header")])
    func clientReceivesQuotesTradesAndDepth(script: String, mode: String) async throws {
        try await InteropSimulator.with { sim in
            let outcome = try await SimulatorScript.run(script, sim.arguments(mode: mode))
            #expect(outcome.status == SimulatorScript.succeeded, "\(outcome.report)")
            let summary = outcome.summary
            #expect((summary["problems"] as? [String])?.isEmpty == true, "\(outcome.report)")
            let counts = summary["counts"] as? [String: Int] ?? [:]
            for event in ["GatewayQuote", "GatewayTrade", "GatewayDepth"] {
                #expect((counts[event] ?? 0) > 0, "\(event): \(outcome.report)")
            }
            let first = summary["first"] as? [String: [String: Any]] ?? [:]
            let quote = first["GatewayQuote"] ?? [:]
            #expect(quote["argumentCount"] as? Int == 2 && quote["contractId"] as? String == sim.contractId)
            #expect(quote["symbol"] as? String == "F.US.EP", "the quote's symbol is the symbol id")
            #expect(quote["dataIsObject"] as? Bool == true && quote["hasLastPrice"] as? Bool == true)
            #expect(first["GatewayTrade"]?["dataIsArray"] as? Bool == true)
            let depth = first["GatewayDepth"] ?? [:]
            #expect(depth["dataIsArray"] as? Bool == true)
            #expect(depth["firstType"] as? Int == 6, "depth starts with a Reset snapshot")
            let completions = summary["completions"] as? [String: String] ?? [:]
            for method in ["SubscribeContractQuotes", "SubscribeContractTrades", "SubscribeContractMarketDepth"] {
                #expect(completions[method] == "ok", "\(method): \(outcome.report)")
            }
        }
    }

    @Test(arguments: [("simulator_signalrcore.py", "negotiate", "negotiate"), ("simulator_signalrcore.py", "skip", "upgrade"),
                      ("simulator_pysignalr.py", "query", "negotiate"), ("simulator_pysignalr.py", "header", "negotiate")])
    func aBadTokenIsRefusedWith401(script: String, mode: String, phase: String) async throws {
        try await InteropSimulator.with { sim in
            let outcome = try await SimulatorScript.run(script, sim.arguments(mode: mode, token: "not.a.token"))
            #expect(outcome.status == SimulatorScript.unauthorized, "\(outcome.report)")
            #expect(outcome.summary["unauthorized"] as? Bool == true && outcome.summary["status"] as? Int == 401)
            #expect(outcome.summary["phase"] as? String == phase, "\(outcome.report)")
        }
    }

    @Test(arguments: ["simulator_signalrcore.py", "simulator_pysignalr.py"])
    func anExpiredTokenIsRefusedWith401(script: String) async throws {
        try await InteropSimulator.with { sim in
            let expired = await sim.simulator.core.tokens.issue(for: SimulatedUser.defaultUserName).token
            await sim.simulator.faults.expireAllTokens()
            let mode = script == "simulator_signalrcore.py" ? "skip" : "query"
            let outcome = try await SimulatorScript.run(script, sim.arguments(mode: mode, token: expired))
            #expect(outcome.status == SimulatorScript.unauthorized, "\(outcome.report)")
            #expect(outcome.summary["status"] as? Int == 401)
        }
    }

    @Test func aRefusedUpgradeAfterASuccessfulNegotiateIs401AtTheUpgrade() async throws {
        try await InteropSimulator.with { sim in
            sim.simulator.faults.refuseNextUpgrades(1)
            let outcome = try await SimulatorScript.run("simulator_pysignalr.py", sim.arguments(mode: "query"))
            #expect(outcome.status == SimulatorScript.unauthorized, "\(outcome.report)")
            #expect(outcome.summary["phase"] as? String == "upgrade", "\(outcome.report)")
        }
    }
}
