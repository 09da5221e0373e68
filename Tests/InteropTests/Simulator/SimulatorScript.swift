import Foundation

/// Runs one of the simulator interop scripts of `Tests/InteropTests/Python` (independent SignalR
/// clients from PyPI) with the interop tests' Python (``PythonEnvironment``, made on first use), and
/// returns its exit status and JSON summary.
///
/// A Python that cannot be set up is a failure with instructions, never a skip. Output goes to temporary files
/// (no pipe can fill up), and the script is killed after the timeout.
///
/// ```swift
/// let outcome = try await SimulatorScript.run("simulator_pysignalr.py", ["--base", root, "--contract", id])
/// #expect(outcome.status == 0)
/// ```
enum SimulatorScript {
    /// The scripts' exit statuses (see `simulator_common.py`).
    static let succeeded: Int32 = 0
    static let unauthorized: Int32 = 3

    struct Outcome: Sendable {
        var status: Int32
        var timedOut: Bool
        /// The last line of stdout, the script's JSON summary.
        var summaryLine: String
        var stderr: String

        /// The summary as Foundation JSON.
        var summary: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(summaryLine.utf8))) as? [String: Any] ?? [:]
        }

        /// What to print when an expectation fails.
        var report: String { "status \(status)\(timedOut ? " (killed after the timeout)" : ""), summary \(summaryLine), stderr: \(stderr.suffix(2_000))" }
    }

    struct SetupFailure: Error, CustomStringConvertible {
        let description: String
    }

    static func scriptPath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Python").appendingPathComponent(name).path
    }

    /// Runs `script` with `arguments` and waits for it (at most `timeout`).
    static func run(_ script: String, _ arguments: [String], timeout: Duration = .seconds(60)) async throws -> Outcome {
        let python = try await PythonEnvironment.python()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("px-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdoutURL = directory.appendingPathComponent("stdout")
        let stderrURL = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdout.close()
            try? stderr.close()
        }

        let child = ChildProcess(python: python, arguments: [scriptPath(script)] + arguments, stdout: stdout, stderr: stderr)
        let status = try await child.run(timeout: timeout)
        let output = String(decoding: (try? Data(contentsOf: stdoutURL)) ?? Data(), as: UTF8.self)
        let errors = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
        let summary = output.split(separator: "\n").last.map(String.init) ?? ""
        return Outcome(status: status.code, timedOut: status.timedOut, summaryLine: summary, stderr: errors)
    }
}
