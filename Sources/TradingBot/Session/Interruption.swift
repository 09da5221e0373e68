/// How a long-running command (a stream, the demo) learns that the person wants it to stop.
///
/// A command run on its own waits for SIGINT or SIGTERM (``process``): the first signal stops it
/// cleanly, and the default handling is restored so that a second Ctrl-C ends the process at
/// once. Inside the shell, Ctrl-C cancels the running command's task instead and the signal
/// handlers stay the shell's, so the shell's context uses ``cancellationOnly``.
///
/// ```swift
/// let stop = Task { await context.interruption.wait() }
/// ```
struct Interruption: Sendable {
    /// Suspends until the command should stop. Also returns when the waiting task is cancelled.
    let wait: @Sendable () async -> Void

    init(wait: @escaping @Sendable () async -> Void) {
        self.wait = wait
    }

    /// SIGINT (Ctrl-C) or SIGTERM sent to this process.
    static let process = Interruption { _ = await TerminationSignal.wait() }

    /// Nothing but the cancellation of the waiting task (the shell cancels the command's task).
    static let cancellationOnly = Interruption {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }
}
