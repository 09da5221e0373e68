import SignalRProtocol
import NIOConcurrencyHelpers

/// The one-shot result of an invocation: completed by the receive loop (or by a disconnect),
/// awaited by the caller. Completing before anyone waits is fine; completing twice keeps the first.
final class InvocationPromise: Sendable {
    private enum State {
        case pending(CheckedContinuation<RawJSON?, any Error>?)
        case done(Result<RawJSON?, SignalRError>)
    }

    private let state = NIOLockedValueBox<State>(.pending(nil))

    func complete(_ result: Result<RawJSON?, SignalRError>) {
        let waiter: CheckedContinuation<RawJSON?, any Error>? = state.withLockedValue { state in
            guard case .pending(let waiter) = state else { return nil }
            state = .done(result)
            return waiter
        }
        waiter?.resume(with: result.mapError { $0 as any Error })
    }

    /// Waits for the result. Cancelling the waiting task fails it with `CancellationError`.
    func value() async throws -> RawJSON? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<RawJSON?, any Error>) in
                let ready: Result<RawJSON?, SignalRError>? = state.withLockedValue { state in
                    switch state {
                    case .done(let result):
                        return result
                    case .pending:
                        state = .pending(continuation)
                        return nil
                    }
                }
                if let ready { continuation.resume(with: ready.mapError { $0 as any Error }) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<RawJSON?, any Error>? = state.withLockedValue { state in
                guard case .pending(let waiter) = state else { return nil }
                state = .done(.failure(.connectionLost(cause: nil)))
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }
}
