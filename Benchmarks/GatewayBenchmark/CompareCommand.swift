import ArgumentParser
import Foundation
import GatewaySimulator
import Logging

/// Runs the whole comparison and prints the table.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compare", abstract: "Run every measurement and print the table.")

    @Option(help: "Seconds each consumer is measured.") var seconds: Double = 5
    @Option(help: "Contracts streamed (quotes, trades and depth each).") var contractCount = 10
    @Option(help: "The Python interpreter with signalrcore and pysignalr.") var python = ProcessInfo.processInfo.environment["PX_VENV"].map { $0 + "/bin/python" } ?? ".build/interop-venv/bin/python"
    @Option(help: "Fixed feed rates (events/s, approximate) for the latency runs.") var latencyRates: [Int] = [1_000, 10_000]

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .critical
            return handler
        }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ValidationError("No Python at \(python). `swift test --filter InteropTests` makes it (.build/interop-venv), or pass --python with a venv made from Tests/InteropTests/Python/requirements.txt.")
        }
        let script = "Benchmarks/GatewayBenchmark/python/consume.py"
        guard FileManager.default.fileExists(atPath: script) else {
            throw ValidationError("Run from the package root: \(script) is not here.")
        }
        var table = ResultTable()
        table.machine = MachineDescription.current()

        say("Measuring the in-process limits (framing, decoding)...")
        table.limits = FramingLimit.measure()

        let consumers: [(String, [String])] = [
            ("swift", [Self.executablePath, "consume"]),
            ("signalrcore", [python, script, "--client", "signalrcore"]),
            ("pysignalr", [python, script, "--client", "pysignalr"]),
        ]

        say("Throughput: the simulator at full rate, \(contractCount) contracts, each client alone...")
        for (name, command) in consumers {
            let run = try await SimulatedFeed.start(tickInterval: .milliseconds(2), updatesPerTick: 20, contracts: contractCount)
            let figures = try await Consumer.run(command, base: run.base, contracts: run.contracts, seconds: seconds)
            table.throughput.append((name, figures, await run.generatedRate()))
            await run.stop()
        }

        for rate in latencyRates {
            say("Latency at about \(rate) events/s...")
            for (name, command) in consumers {
                // events/s ≈ contracts × updates per tick × ticks per second × ~2 events per update
                let updates = max(1, rate / (contractCount * 2 * 100))
                let run = try await SimulatedFeed.start(tickInterval: .milliseconds(10), updatesPerTick: updates, contracts: contractCount)
                let figures = try await Consumer.run(command, base: run.base, contracts: run.contracts, seconds: seconds)
                table.latency.append((rate, name, figures, await run.generatedRate()))
                await run.stop()
            }
        }

        say("Recovery after a forced token expiry (Swift client)...")
        let run = try await SimulatedFeed.start(tickInterval: .milliseconds(10), updatesPerTick: 1, contracts: contractCount)
        let recovery = try await Consumer.run(consumers[0].1 + ["--recovery"], base: run.base, contracts: run.contracts, seconds: 4) {
            try? await Task.sleep(for: .seconds(3))
            await run.simulator.faults.expireAllTokens()
        }
        table.recovery = recovery.recoveryMilliseconds
        await run.stop()

        say("")
        say(table.render())
    }

    /// This executable, to run the Swift consumer as a process of its own like the Python ones.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// Writes a line to standard output at once (print buffers when stdout is a pipe).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
