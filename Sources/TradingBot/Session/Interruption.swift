/// How a long-running command (a stream, the demo) learns that the person wants it to stop.
///
/// A command run on its own waits for SIGINT or SIGTERM (``process``): the first signal stops it
/// cleanly, and the default handling is restored so that a second Ctrl-C ends the process at
/// once. Inside the shell, Ctrl-C cancels the running command's task instead and the signal
/// handlers stay the shell's, so the shell's context uses ``cancellationOnly``.
///
/// Both also stop when stdout's reader has gone (`trading-bot quote ES | head -1`): nobody is
/// left to read the stream, so it ends as quietly as after Ctrl-C.
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

    /// SIGINT (Ctrl-C) or SIGTERM sent to this process, or stdout closing.
    static let process = Interruption {
        await firstOf({ _ = await TerminationSignal.wait() }, { await StandardStream.output.waitUntilClosed() })
    }

    /// The cancellation of the waiting task (the shell cancels the command's task), or stdout closing.
    static let cancellationOnly = Interruption {
        await StandardStream.output.waitUntilClosed()
    }

    /// Returns when the first of `waits` returns (or the caller is cancelled) and cancels the rest.
    private static func firstOf(_ waits: (@Sendable () async -> Void)...) async {
        await withTaskGroup(of: Void.self) { group in
            for wait in waits { group.addTask(operation: wait) }
            await group.next()
            group.cancelAll()
        }
    }
}
