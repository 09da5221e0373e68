import Foundation

/// A `Process` shared with the timeout task. `Process` is thread-safe for `isRunning` and
/// `terminate()`, but not marked `Sendable`.
final class ProcessBox: @unchecked Sendable {
    let process: Process

    init(_ process: Process) {
        self.process = process
    }

    func terminateIfRunning() {
        if process.isRunning { process.terminate() }
    }

    func interrupt() {
        if process.isRunning { process.interrupt() }
    }

    /// Starts the process and returns its exit status; terminates it after `timeout`.
    func runToExit(timeout: Duration = .seconds(90)) async throws -> Int32 {
        let timer = Task { [self] in
            do { try await Task.sleep(for: timeout) } catch { return }
            terminateIfRunning()
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }
}
