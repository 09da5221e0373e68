import ArgumentParser
import Foundation
import Gateway
import GatewaySimulator
import Logging

/// `demo`: a guided session against a gateway simulator started inside the process.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A guided tour against a built-in simulated gateway: no account, no setup.",
        discussion: """
            Starts the gateway simulator inside this process on a free local port, then narrates \
            a short session with the program's own commands: log in, list accounts, resolve a \
            contract, stream quotes, draw the order book, place a paper market order and see its \
            fill over REST and the user hub, close it, and finally expire every token while quotes \
            stream to show the recovery, with measured times. Ends by itself in well under a \
            minute; Ctrl-C stops it.

            Example:
              trading-bot demo
              trading-bot demo --seed 7 --fast
            """
    )

    @Option(help: "The seed of the simulated market: the same seed gives the same prices.")
    var seed: UInt64 = 42

    @Flag(help: "Shorter pauses and streams (for tests, or a quick look).")
    var fast = false

    @Flag(name: .shortAndLong, help: "Print logs on stderr.")
    var verbose = false

    @OptionGroup(title: "Metrics") var metrics: MetricsOptions

    func run() async throws {
        let started = ContinuousClock.now
        // Before the gateway client: it and its hubs take the metrics backend in force when made.
        let exporter = try await metrics.startExporter(output: Output(json: false))
        do {
            try await tour(started: started)
        } catch {
            await exporter?.stop()
            throw error
        }
        await exporter?.stop()
    }

    private func tour(started: ContinuousClock.Instant) async throws {
        let settings = try SimulatorCommand.parse(["--port", "0", "--seed", String(seed), "--rate", fast ? "20" : "4"] + (verbose ? ["--verbose"] : []))
        let simulator = GatewaySimulator(configuration: settings.simulatorConfiguration, logger: Logger(label: "simulator"))
        let port: Int
        do {
            port = try await simulator.start()
        } catch {
            throw CLIError("The demo's simulator could not listen on 127.0.0.1 (\(error)); check that local ports can be opened.", status: .unavailable)
        }
        let simulatorStart = ContinuousClock.now - started
        let root = "http://127.0.0.1:\(port)"
        // The demo's story goes to stdout only, notes included, so that it reads in order.
        let output = Output(json: false, isTerminal: isatty(STDOUT_FILENO) == 1, stdout: Output.standardOutput, stderr: Output.standardOutput)
        let narrator = DemoNarrator(output: output, fast: fast, steps: DemoScript.steps)
        let context: CommandContext
        do {
            let configuration = try ConfigurationResolver(
                environment: ["PROJECTX_API_URL": root, "PROJECTX_USERNAME": SimulatedUser.defaultUserName, "PROJECTX_API_KEY": SimulatedUser.defaultApiKey],
                readFile: { _ in nil }
            ).resolve(ConfigurationFlags())
            context = CommandContext(
                configuration: configuration,
                client: GatewayClient(configuration: try configuration.gatewayConfiguration()),
                output: output,
                confirmer: Confirmer(isInteractive: { false }, ask: { _ in nil }),
                logger: Logger(label: "trading-bot"),
                interruption: .cancellationOnly
            )
        } catch {
            await simulator.stop()
            throw error
        }

        narrator.title("trading-bot demo: a short guided session against a simulated gateway")
        narrator.say(
            "A ProjectX gateway simulator (REST under /api, SignalR hubs under /hubs) started inside this process at \(root) in "
                + "\(Formatting.elapsed(simulatorStart)). No account, configuration or network is needed: prices are simulated "
                + "(seed \(seed)) and orders are paper. Each step shows the command that does the same against a real gateway."
        )
        var script = DemoScript(context: context, simulator: simulator, narrator: narrator, started: started, fast: fast)
        script.report.simulatorStart = simulatorStart
        let work = Task { [script] in
            var script = script
            try await script.run()
        }
        let interrupt = Task {
            _ = await TerminationSignal.wait()
            work.cancel()
        }
        let result = await work.result
        interrupt.cancel()
        await context.realtime.stop()
        await simulator.stop()
        if case .failure(let error) = result {
            if work.isCancelled {
                output.text("\nDemo interrupted; the simulator is stopped.")
                return
            }
            throw CommandFailure(underlying: error, apiURL: context.configuration.apiURL, secrets: [])
        }
    }
}
