import Foundation
import Gateway
import GatewaySimulator
import Logging
import NIOConcurrencyHelpers
import Testing
@testable import TradingBot
import TestGate

/// The commands run in-process on one long-lived context, as the interactive shell will run them:
/// one client, one token manager, across faults that end the session.
@Suite("Commands on a long-lived context", .gated)
struct LongLivedContextTests {
    /// Collected stdout and stderr.
    final class Capture: Sendable {
        let out = NIOLockedValueBox("")
        let err = NIOLockedValueBox("")
        var output: Output {
            Output(json: false, stdout: { text in self.out.withLockedValue { $0 += text } }, stderr: { text in self.err.withLockedValue { $0 += text } })
        }
        func takeOut() -> String { out.withLockedValue { text in defer { text = "" }; return text } }
    }

    func context(for sim: SimulatorHarness, capture: Capture) throws -> CommandContext {
        let resolver = ConfigurationResolver(environment: sim.environment, readFile: { _ in nil })
        let configuration = try resolver.resolve(ConfigurationFlags())
        return CommandContext(
            configuration: configuration,
            client: GatewayClient(configuration: try configuration.gatewayConfiguration()),
            output: capture.output,
            confirmer: Confirmer(isInteractive: { false }, ask: { _ in nil }),
            logger: Logger(label: "test")
        )
    }

    @Test func revokedAndExpiredTokensAreReplacedByAFreshLogin() async throws {
        try await SimulatorHarness.with { sim in
            let capture = Capture()
            let context = try context(for: sim, capture: capture)
            try await AccountsCommand.parse([]).execute(in: context)
            #expect(capture.takeOut().contains(SimulatorHarness.practice.name))

            await sim.simulator.faults.revokeAllTokens()
            try await PositionsCommand.parse(["--account", SimulatorHarness.practice.name]).execute(in: context)
            #expect(capture.takeOut() == "No open positions on \(SimulatorHarness.practice.name).\n")

            await sim.simulator.faults.expireAllTokens()
            try await OrderPlaceCommand.parse([
                "--account", SimulatorHarness.practice.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", "1",
            ]).execute(in: context)
            #expect(capture.takeOut().hasPrefix("Placed order "))

            let statistics = await context.client.tokens.statistics
            #expect(statistics.logins == 3)
            #expect(statistics.rejectionsReported == 2)
        }
    }

    @Test(arguments: [("yes", true), ("no", false)])
    func theTerminalPromptDecidesOnALiveAccount(answer: String, placed: Bool) async throws {
        try await SimulatorHarness.with { sim in
            let capture = Capture()
            let asked = NIOLockedValueBox<[String]>([])
            let base = try context(for: sim, capture: capture)
            let context = CommandContext(
                configuration: base.configuration, client: base.client, output: base.output,
                confirmer: Confirmer(isInteractive: { true }, ask: { prompt in
                    asked.withLockedValue { $0.append(prompt) }
                    return answer
                }),
                logger: base.logger
            )
            let command = try OrderPlaceCommand.parse([
                "--account", SimulatorHarness.live.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1",
            ])
            if placed {
                try await command.execute(in: context)
            } else {
                let error = await #expect(throws: CLIError.self) { try await command.execute(in: context) }
                #expect(error == CLIError.declined)
            }
            let prompts = asked.withLockedValue { $0 }
            let mes = try sim.contractId("MES")
            #expect(prompts == [
                "Account \(SimulatorHarness.live.name) (\(SimulatorHarness.live.id)) is NOT simulated (real money).\n"
                    + "  Place a limit buy of 1 MESZ6 (\(mes)) at 100\n  1 tick (0.25) = $1.25 a contract\n"
                    + "  no stop loss bracket: nothing attached limits the loss\nType 'yes' to send it: ",
            ])
            let open = try await context.client.openOrders(accountId: SimulatorHarness.live.id)
            #expect(open.count == (placed ? 1 : 0))
        }
    }
}
