import NIOConcurrencyHelpers

/// Bounded waits for clean-up work that must not hold the program up: unsubscribing from a hub
/// whose connection hangs, for example.
enum Deadline {
    /// Runs `work` in its own task and returns once it finished (true) or `limit` passed (false),
    /// whichever comes first. Work that overruns keeps running in the background; it is never
    /// awaited. The caller's cancellation does not cancel `work` (clean-up must still happen).
    @discardableResult
    static func run(within limit: Duration, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        let gate = Gate()
        return await withCheckedContinuation { continuation in
            gate.install(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                gate.resume(false)
            }
            Task {
                await work()
                timer.cancel()
                gate.resume(true)
            }
        }
    }

    /// Resumes a continuation exactly once, from whichever side arrives first.
    private final class Gate: Sendable {
        private let continuation = NIOLockedValueBox<CheckedContinuation<Bool, Never>?>(nil)

        func install(_ continuation: CheckedContinuation<Bool, Never>) {
            self.continuation.withLockedValue { $0 = continuation }
        }

        func resume(_ value: Bool) {
            let waiting = continuation.withLockedValue { stored -> CheckedContinuation<Bool, Never>? in
                defer { stored = nil }
                return stored
            }
            waiting?.resume(returning: value)
        }
    }
}
