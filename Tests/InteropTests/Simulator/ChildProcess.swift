import Foundation
import NIOConcurrencyHelpers

/// A child process whose end can be awaited and which is killed after a timeout.
final class ChildProcess: @unchecked Sendable {
    // Safety: `process` is fully configured in `init` and started once in `run`; afterwards it is
    // only asked `isRunning`, `terminate()` and `terminationStatus`, which Foundation's Process
    // allows from any thread. `timedOut` is guarded by its lock.
    private let process: Process
    private let timedOut = NIOLockedValueBox(false)

    init(python: String, arguments: [String], stdout: FileHandle, stderr: FileHandle) {
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = environment
    }

    /// Starts the process and waits for its end; kills it after `timeout` or when the task is
    /// cancelled.
    func run(timeout: Duration) async throws -> (code: Int32, timedOut: Bool) {
        let watchdog = Task { [self] in
            try await Task.sleep(for: timeout)
            timedOut.withLockedValue { $0 = true }
            terminate()
        }
        defer { watchdog.cancel() }
        let code = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
                process.terminationHandler = { ended in continuation.resume(returning: ended.terminationStatus) }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            terminate()
        }
        return (code, timedOut.withLockedValue { $0 })
    }

    private func terminate() {
        if process.isRunning { process.terminate() }
    }
}
