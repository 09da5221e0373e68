import Foundation
import Testing
import TestGate

/// A reader that goes away (`trading-bot quote ES | head -1`) ends a stream command quietly with
/// status 0; it used to end in SIGILL (Foundation's `FileHandle.write` traps on EPIPE, and SwiftNIO
/// ignores SIGPIPE). Run through a real shell pipeline, as a person types it.
@Suite("Output whose reader has gone", .gated)
struct ClosedOutputTests {
    /// Runs `trading-bot ARGUMENTS | head -n LINES` in bash; the program's exit status (bash's
    /// 128+N for a signal) and what `head` printed.
    static func pipeToHead(_ arguments: [String], lines: Int, environment: [String: String]) async throws -> (status: Int32, printed: [String]) {
        let binary = try TradingBotBinary.locate()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tb-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // The program's status goes to a file of its own (stdout belongs to head).
        process.arguments = ["-c", #""$0" "${@:2}" | head -n "$1"; echo "${PIPESTATUS[0]}" > "$STATUS_FILE""#, binary.path, "\(lines)"] + arguments
        var environment = environment
        environment["STATUS_FILE"] = directory.appendingPathComponent("status").path
        process.environment = environment
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let box = ProcessBox(process)
        let watchdog = Task {
            do { try await Task.sleep(for: .seconds(60)) } catch { return }
            box.terminateIfRunning()
        }
        defer { watchdog.cancel() }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try out.close()
        let statusText = (try? String(contentsOf: directory.appendingPathComponent("status"), encoding: .utf8)) ?? ""
        let printed = String(decoding: try Data(contentsOf: outURL), as: UTF8.self).split(separator: "\n").map(String.init)
        return (Int32(statusText.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1, printed)
    }

    @Test("quote | head -1 ends with status 0, in human and JSON form")
    func quoteIntoHead() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let human = try await Self.pipeToHead(["quote", "MES"], lines: 2, environment: sim.environment)
            #expect(human.status == 0)
            #expect(human.printed.count == 2 && human.printed.first?.hasPrefix("TIME") == true, "\(human.printed)")

            let json = try await Self.pipeToHead(["quote", "MES", "--json"], lines: 1, environment: sim.environment)
            #expect(json.status == 0)
            #expect(json.printed.count == 1 && json.printed.first?.hasPrefix("{") == true, "\(json.printed)")
        }
    }

    @Test("trades --json | head -3 ends with status 0")
    func tradesIntoHead() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let result = try await Self.pipeToHead(["trades", "MES", "--json"], lines: 3, environment: sim.environment)
            #expect(result.status == 0)
            #expect(result.printed.count == 3, "\(result.printed)")
        }
    }
}
