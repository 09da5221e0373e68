import NIOConcurrencyHelpers

/// A value delivered once, awaited by whoever asked for it: the answer to one subscribe or
/// unsubscribe, for the caller that sent it. Delivering before anyone waits is fine; delivering
/// twice keeps the first.
final class OneShot<Value: Sendable>: Sendable {
    private enum State {
        case pending(CheckedContinuation<Value, any Error>?)
        case done(Value)
        case abandoned
    }

    private let state = NIOLockedValueBox<State>(.pending(nil))

    func deliver(_ value: Value) {
        let waiter: CheckedContinuation<Value, any Error>? = state.withLockedValue { state in
            guard case .pending(let waiter) = state else { return nil }
            state = .done(value)
            return waiter
        }
        waiter?.resume(returning: value)
    }

    /// Waits for the value. Cancelling the waiting task stops the wait (`CancellationError`);
    /// the work that delivers the value goes on.
    func value() async throws -> Value {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                let ready: Result<Value, CancellationError>? = state.withLockedValue { state in
                    switch state {
                    case .done(let value):
                        return .success(value)
                    case .abandoned:
                        return .failure(CancellationError())
                    case .pending:
                        state = .pending(continuation)
                        return nil
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Value, any Error>? = state.withLockedValue { state in
                guard case .pending(let waiter) = state else { return nil }
                state = .abandoned
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }
}
