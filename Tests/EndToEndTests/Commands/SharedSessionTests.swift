import Foundation
import Gateway
import GatewaySimulator
import Logging
import NIOConcurrencyHelpers
import Testing
@testable import TradingBot
import TestGate

/// Streams on one long-lived context, as the shell runs them: the hub connects once and stays
/// connected, each stream removes its subscriptions when it ends, cancelling a stream's task (the
/// shell's Ctrl-C) ends it cleanly, and everything shares one login.
@Suite("Streams on a shared session", .gated)
struct SharedSessionTests {
    final class Capture: Sendable {
        let out = NIOLockedValueBox("")
        let err = NIOLockedValueBox("")
        func output(json: Bool) -> Output {
            Output(json: json, stdout: { text in self.out.withLockedValue { $0 += text } }, stderr: { text in self.err.withLockedValue { $0 += text } })
        }
        var lines: [String] { out.withLockedValue { $0.split(separator: "\n").map(String.init) } }
    }

    func context(_ sim: SimulatorHarness, _ capture: Capture, json: Bool = true) throws -> CommandContext {
        let configuration = try ConfigurationResolver(environment: sim.environment, readFile: { _ in nil }).resolve(ConfigurationFlags())
        return CommandContext(
            configuration: configuration,
            client: GatewayClient(configuration: try configuration.gatewayConfiguration()),
            output: capture.output(json: json),
            confirmer: Confirmer(isInteractive: { false }, ask: { _ in nil }),
            logger: Logger(label: "test"),
            interruption: .cancellationOnly
        )
    }

    @Test func streamsShareOneHubAndOneLogin() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let capture = Capture()
            let context = try context(sim, capture)
            try await QuoteCommand.parse(["MES", "--count", "2"]).execute(in: context)
            let market = try await context.realtime.marketHub()
            #expect(market.status.isLive)
            #expect(await market.subscriptions.isEmpty, "the stream's subscription was removed at its end")
            try await DepthCommand.parse(["MES", "--count", "1"]).execute(in: context)
            try await TradesCommand.parse(["MES", "--count", "1"]).execute(in: context)
            let again = try await context.realtime.marketHub()
            #expect(again === market, "the same hub connection served every stream")
            #expect(await market.subscriptions.isEmpty)
            let types = capture.lines.compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["type"] as? String
            }
            #expect(types == ["quote", "quote", "depth", "trade"], "\(capture.lines)")
            #expect(await context.client.tokens.statistics.logins == 1)
            await context.realtime.stop()
        }
    }

    @Test func cancellingAStreamEndsItCleanly() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let capture = Capture()
            let context = try context(sim, capture, json: false)
            let stream = Task { try await QuoteCommand.parse(["MES"]).execute(in: context) }
            let deadline = ContinuousClock.now + .seconds(20)
            while capture.lines.count < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            stream.cancel()
            try await stream.value
            #expect(capture.lines.count >= 3)
            #expect(capture.err.withLockedValue { $0 }.isEmpty)
            let market = try await context.realtime.marketHub()
            #expect(await market.subscriptions.isEmpty)
            // The next command on the same session starts at once on the same connection.
            try await QuoteCommand.parse(["MES", "--count", "1"]).execute(in: context)
            #expect(await context.client.tokens.statistics.logins == 1)
            await context.realtime.stop()
        }
    }

    @Test func aRefusedWatchIsAHubFailure() async throws {
        try await SimulatorHarness.with { sim in
            let capture = Capture()
            let context = try context(sim, capture)
            // An account of another user does not exist for this one: the REST look-up refuses first.
            let error = await #expect(throws: CLIError.self) {
                try await WatchCommand.parse(["--account", "999", "--count", "1"]).execute(in: context)
            }
            #expect(error?.status == .rejected)
        }
    }
}
