import Foundation
import Synchronization
import Testing
import TestGate

/// `trading-bot simulator` as a child process: it prints where it listens, serves the other
/// commands, and stops cleanly on SIGINT and SIGTERM.
@Suite("The simulator command", .gated)
struct SimulatorCommandTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func servesUntilSignalled(signal: Int32) async throws {
        let binary = try TradingBotBinary.locate()
        let process = Process()
        process.executableURL = binary
        process.arguments = ["simulator", "--port", "0", "--seed", "7", "--token-ttl", "600", "--json"]
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let box = ProcessBox(process)
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished in
            exited.continuation.yield(finished.terminationStatus)
            exited.continuation.finish()
        }
        try process.run()
        let watchdog = Task {
            do { try await Task.sleep(for: .seconds(60)) } catch { return }
            box.terminateIfRunning()
        }
        defer {
            watchdog.cancel()
            box.terminateIfRunning()
        }

        let reader = LineReader(stdout.fileHandleForReading)
        let first = try #require(await reader.nextLine(), "the simulator printed nothing")
        let addresses = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: String])
        let apiURL = try #require(addresses["apiUrl"])
        #expect(apiURL.hasPrefix("http://127.0.0.1:"))
        #expect(addresses["restUrl"] == apiURL + "/api")
        #expect(addresses["adminUrl"] == apiURL + "/admin")
        #expect(addresses["marketHubUrl"] == apiURL + "/hubs/market")
        #expect(addresses["userHubUrl"] == apiURL + "/hubs/user")
        #expect(addresses["userName"] == "simtrader")
        #expect(addresses["apiKey"] == "sim-api-key")

        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tb-home-\(UUID().uuidString)")
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path,
            "PROJECTX_API_URL": apiURL, "PROJECTX_USERNAME": "simtrader", "PROJECTX_API_KEY": "sim-api-key",
        ]
        let accounts = try await ProcessRunner.run(["accounts", "--json"], environment: environment)
        #expect(accounts.status == 0, "\(accounts)")
        #expect(try accounts.jsonObjects().count == 4)
        let login = try await ProcessRunner.run(["login"], environment: environment)
        #expect(login.stdout.contains("(in 10m 0s)") || login.stdout.contains("(in 9m"), "\(login)")

        kill(process.processIdentifier, signal)
        var status: Int32?
        for await code in exited.stream { status = code }
        #expect(status == 0)
        let errors = await LineReader(stderr.fileHandleForReading).remainingText()
        #expect(errors.contains("Stopping the simulator (\(signal == SIGINT ? "interrupt" : "terminate"))."), "\(errors)")

        // After it stopped, its port is closed.
        let after = try await ProcessRunner.run(["accounts"], environment: environment)
        #expect(after.status == 69, "\(after)")
    }

    @Test func humanOutputNamesEverything() async throws {
        let process = Process()
        process.executableURL = try TradingBotBinary.locate()
        process.arguments = ["simulator", "--user", "alice", "--api-key", "alice-key"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let box = ProcessBox(process)
        try process.run()
        let watchdog = Task {
            do { try await Task.sleep(for: .seconds(60)) } catch { return }
            box.terminateIfRunning()
        }
        defer {
            watchdog.cancel()
            box.terminateIfRunning()
        }
        let reader = LineReader(stdout.fileHandleForReading)
        var lines: [String] = []
        while lines.last != "Press Ctrl-C to stop.", let line = await reader.nextLine() { lines.append(line) }
        #expect(lines.count == 8, "\(lines)")
        #expect(lines.first?.hasPrefix("ProjectX gateway simulator listening on http://127.0.0.1:") == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  REST:   http://127.0.0.1:") && $0.hasSuffix("/api") })
        #expect(lines.contains { $0.hasPrefix("  hubs:   http://127.0.0.1:") && $0.contains("/hubs/market  http://127.0.0.1:") && $0.contains("/hubs/user") })
        #expect(lines.contains("  login:  user alice, API key alice-key"))
        #expect(lines.contains { $0.contains("PROJECTX_USERNAME=alice PROJECTX_API_KEY=alice-key") })
        #expect(lines.last == "Press Ctrl-C to stop.")
        // Wait for the exit without blocking one of the cooperative pool's two threads.
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished in
            exited.continuation.yield(finished.terminationStatus)
            exited.continuation.finish()
        }
        if !process.isRunning { exited.continuation.yield(process.terminationStatus) }
        box.interrupt()
        var status: Int32?
        for await code in exited.stream {
            status = code
            break
        }
        #expect(status == 0)
    }

    @Test func invalidFlagsAreUsageErrors() async throws {
        for arguments in [["simulator", "--port", "70000"], ["simulator", "--token-ttl", "0"], ["simulator", "--rate", "0"], ["simulator", "--split-frames", "10", "--batch-frames", "2"],
            ["simulator", "--lose-response", "place:explode"], ["simulator", "--lose-response", "flatten:reset"],
            ["simulator", "--lose-response", "place:reset:0"], ["simulator", "--lose-response", "place:reset", "--lose-response", "place:hang"]] {
            let result = try await ProcessRunner.run(arguments, environment: ["PATH": "/usr/bin:/bin"])
            #expect(result.status == 64, "\(result)")
        }
    }

    @Test("listening beyond loopback warns that the credentials are public")
    func nonLoopbackHostWarns() async throws {
        let process = try StreamingProcess.start(["simulator", "--host", "0.0.0.0", "--port", "0"], environment: ["PATH": "/usr/bin:/bin"])
        let warning = await process.stderrLine(containing: "warning:")
        #expect(warning?.contains("0.0.0.0") == true && warning?.contains("public") == true, "\(warning ?? "no warning")")
        var lines: [String] = []
        _ = await process.line(where: { $0 == "Press Ctrl-C to stop." }, seen: &lines)
        process.signal(SIGINT)
        #expect(await process.exitStatus() == 0)
    }
}
