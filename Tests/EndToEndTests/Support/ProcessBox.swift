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
}
