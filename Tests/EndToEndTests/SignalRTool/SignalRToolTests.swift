import Foundation
import GatewaySimulator
import Testing
import TestGate

/// The `signalr` tool run as a process against the simulator's market hub.
@Suite("signalr tool against the simulator", .gated)
struct SignalRToolTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func binary() throws -> URL {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var candidates: [URL] = []
        if let runner = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: runner).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("signalr"))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/signalr"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "signalr not built; run `swift build --product signalr` (looked in \(candidates.map(\.path)))"])
        }
        return found
    }

    static func run(_ arguments: [String], timeout: Double = 30) async throws -> Run {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let killer = Task {
            try await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
            process.terminate()
        }
        // Blocking reads go to Dispatch threads: on a 2-core machine the cooperative pool has two
        // threads, and blocking them would starve the in-process simulator.
        async let stdout = readToEnd(out.fileHandleForReading)
        async let stderr = readToEnd(err.fileHandleForReading)
        let (o, e) = await (stdout, stderr)
        process.waitUntilExit()
        killer.cancel()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            // A queue of its own (an overcommitting thread): DispatchQueue.global() shares its
            // threads with Swift concurrency on Linux, and a blocked one starves the suite.
            DispatchQueue(label: "SignalRToolTests.read").async { continuation.resume(returning: handle.readDataToEndOfFile()) }
        }
    }

    /// A token as the simulator's login issues it (the tool's REST-free way in).
    static func login(_ simulator: GatewaySimulator) async -> String {
        await simulator.core.tokens.issue(for: "simtrader").token
    }

    static func startSimulator() async throws -> (GatewaySimulator, Int, String) {
        var configuration = SimulatorConfiguration()
        configuration.port = 0
        configuration.logLevel = .critical
        configuration.market = MarketFeedConfiguration(seed: 3, tickInterval: .milliseconds(20), updatesPerContractPerTick: 1)
        let simulator = GatewaySimulator(configuration: configuration)
        let port = try await simulator.start()
        let contract = try #require(simulator.core.catalog.available(live: false).first?.id)
        return (simulator, port, contract)
    }

    @Test func listenPrintsEventsAsJSONLinesAndStopsAfterCount() async throws {
        let (simulator, port, contract) = try await Self.startSimulator()
        defer { Task { await simulator.stop() } }
        let token = await Self.login(simulator)
        let run = try await Self.run([
            "listen", "http://127.0.0.1:\(port)/hubs/market", "--skip-negotiation", "--access-token-query",
            "--token-command", "echo \(token)",
            "--invoke", "SubscribeContractQuotes [\"\(contract)\"]", "--event", "GatewayQuote", "--count", "3",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["event"] as? String == "GatewayQuote")
            let arguments = object?["arguments"] as? [Any]
            #expect(arguments?.first as? String == contract)
            #expect((arguments?.last as? [String: Any])?["symbol"] as? String != nil)
        }
        #expect(!run.stdout.contains(token) && !run.stderr.contains(token), "the token is never printed")
    }

    @Test func callPrintsTheResultAndRefusedTokensSayWhere() async throws {
        let (simulator, port, contract) = try await Self.startSimulator()
        defer { Task { await simulator.stop() } }
        let token = await Self.login(simulator)
        let ok = try await Self.run(["call", "http://127.0.0.1:\(port)/hubs/market", "SubscribeContractQuotes", "\"\(contract)\"", "--token", token])
        #expect(ok.status == 0, "\(ok.stderr)")

        let refused = try await Self.run(["call", "http://127.0.0.1:\(port)/hubs/market", "SubscribeContractQuotes", "\"\(contract)\"", "--token", "not-a-token"])
        #expect(refused.status != 0)
        let message = refused.stderr.lowercased()
        #expect(message.contains("401"), "\(refused.stderr)")
        #expect(message.contains("negotiate"), "the phase is named: \(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "one clear line: \(refused.stderr)")

        let upgrade = try await Self.run(["call", "http://127.0.0.1:\(port)/hubs/market", "SubscribeContractQuotes", "\"\(contract)\"",
                                          "--token", "not-a-token", "--skip-negotiation"])
        #expect(upgrade.status != 0)
        #expect(upgrade.stderr.lowercased().contains("upgrade"), "\(upgrade.stderr)")

        let unknown = try await Self.run(["call", "http://127.0.0.1:\(port)/hubs/market", "SubscribeContractQuotes", "\"CON.F.US.NOPE.Z99\"", "--token", token])
        #expect(unknown.status != 0)
        #expect(!unknown.stderr.isEmpty)
    }

    @Test("--token-command is read while it runs: a token past 64 KiB arrives, endless output is refused")
    func tokenCommandOutputIsReadWhileItRuns() async throws {
        let (simulator, port, contract) = try await Self.startSimulator()
        defer { Task { await simulator.stop() } }
        let token = await Self.login(simulator)
        // 100 KiB of blanks before the token: more than a pipe holds, so a reader that waited for
        // the exit first would deadlock here.
        let padded = try await Self.run([
            "call", "http://127.0.0.1:\(port)/hubs/market", "SubscribeContractQuotes", "\"\(contract)\"",
            "--token-command", "head -c 102400 /dev/zero | tr '\\0' ' '; echo \(token)",
        ])
        #expect(padded.status == 0, "\(padded.stderr)")

        let endless = try await Self.run([
            "call", "http://127.0.0.1:\(port)/hubs/market", "SubscribeContractQuotes", "\"\(contract)\"", "--token-command", "yes",
        ])
        #expect(endless.status != 0)
        #expect(endless.stderr.contains("printed more than"), "\(endless.stderr)")
    }

    @Test("non-finite, negative and huge durations are usage errors naming the flag")
    func durationsAreChecked() async throws {
        for (flag, value) in [("--keep-alive", "nan"), ("--keep-alive", "inf"), ("--keep-alive", "-0"), ("--keep-alive", "1e300"),
                              ("--server-timeout", "nan"), ("--server-timeout", "1e20")] {
            let run = try await Self.run(["call", "http://127.0.0.1:9/hub", "Echo", "--token", "t", flag, value])
            #expect(run.status == 64, "\(flag) \(value): \(run.stderr)")
            #expect(run.stderr.contains(flag), "\(flag) \(value): \(run.stderr)")
        }
    }
}
