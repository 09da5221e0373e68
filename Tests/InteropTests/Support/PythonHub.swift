import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The independent hub of `Python/aiosignalr_hub.py` (aiosignalr 0.1.1 behind an aiohttp auth
/// middleware), run as a subprocess with the interop tests' Python (``PythonEnvironment``, made
/// on first use). It exits when its stdin closes.
///
/// A missing venv or a server that does not start is a test failure, never a skip.
final class PythonHub: @unchecked Sendable {
    // Safety: all stored properties are set in `init` and never mutated; `Process` and `Pipe` are
    // only touched again in `stop()`, which the owning test calls once.
    let port: Int
    private let process: Process
    private let stdin: Pipe

    var hubURL: URL { url("/hub") }

    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Python/aiosignalr_hub.py").path
    }

    /// Starts the hub; `arguments` go to the script (`--no-auth`, `--keep-alive SECONDS`).
    static func start(_ arguments: [String] = []) async throws -> PythonHub {
        let python = try await PythonEnvironment.python()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [scriptPath] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.standardError
        try process.run()
        let port = await readPort(stdout.fileHandleForReading, process: process)
        guard let port else {
            process.terminate()
            throw HubStartError("aiosignalr_hub.py did not print its port (is aiosignalr installed in the venv?).")
        }
        return PythonHub(port: port, process: process, stdin: stdin)
    }

    private init(port: Int, process: Process, stdin: Pipe) {
        self.port = port
        self.process = process
        self.stdin = stdin
    }

    /// Reads the child's `PORT=` line. The blocking reads run on a queue of their own, never on
    /// Swift concurrency's cooperative pool (two threads on this machine: one blocked reader there
    /// halves what every other test in the process gets). A child that prints nothing within 20 s
    /// is terminated, which closes the pipe and ends the read.
    private static func readPort(_ handle: FileHandle, process: Process) async -> Int? {
        let timeout = Task {
            do { try await Task.sleep(for: .seconds(20)) } catch { return }
            if process.isRunning { process.terminate() }
        }
        defer { timeout.cancel() }
        return await withCheckedContinuation { continuation in
            DispatchQueue(label: "PythonHub.readPort").async {
                var text = ""
                while true {
                    let data = handle.availableData
                    if data.isEmpty { return continuation.resume(returning: nil) }
                    text += String(decoding: data, as: UTF8.self)
                    if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PORT=") }) {
                        return continuation.resume(returning: Int(line.dropFirst(5).trimmingCharacters(in: .whitespaces)))
                    }
                }
            }
        }
    }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
    }

    /// Starts a hub, runs `body`, stops the hub.
    static func with<T>(_ arguments: [String] = [], _ body: (PythonHub) async throws -> T) async throws -> T {
        let hub = try await start(arguments)
        defer { hub.stop() }
        return try await body(hub)
    }

    /// `POST` to an admin route of the hub.
    func post(_ path: String) async throws {
        var request = URLRequest(url: url(path))
        request.httpMethod = "POST"
        _ = try await URLSession.shared.data(for: request)
    }
}
