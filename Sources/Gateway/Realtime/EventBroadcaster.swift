import NIOConcurrencyHelpers

/// Fans events out to any number of `AsyncStream` consumers without blocking the producer.
///
/// Each consumer has its own bounded buffer (newest kept): a slow consumer loses its oldest events
/// rather than stalling the socket for everyone; the drop is counted.
final class EventBroadcaster<Element: Sendable>: Sendable {
    private struct State {
        var next = 0
        var consumers: [Int: AsyncStream<Element>.Continuation] = [:]
        var dropped = 0
        var finished = false
    }

    private let state = NIOLockedValueBox(State())
    private let bufferSize: Int

    init(bufferSize: Int = 10_000) {
        self.bufferSize = bufferSize
    }

    /// A new stream of every element yielded from now on.
    func stream() -> AsyncStream<Element> {
        let (stream, continuation) = AsyncStream<Element>.makeStream(bufferingPolicy: .bufferingNewest(bufferSize))
        let id: Int? = state.withLockedValue { state in
            guard !state.finished else { return nil }
            let id = state.next
            state.next += 1
            state.consumers[id] = continuation
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLockedValue { $0.consumers.removeValue(forKey: id) }
        }
        return stream
    }

    func yield(_ element: Element) {
        // Yielding under the lock keeps every consumer's order identical to the producer's.
        state.withLockedValue { state in
            for continuation in state.consumers.values {
                if case .dropped = continuation.yield(element) { state.dropped += 1 }
            }
        }
    }

    var hasConsumers: Bool { state.withLockedValue { !$0.consumers.isEmpty } }

    /// Elements lost to full consumer buffers.
    var droppedCount: Int { state.withLockedValue { $0.dropped } }

    func finish() {
        let consumers = state.withLockedValue { state in
            state.finished = true
            defer { state.consumers = [:] }
            return Array(state.consumers.values)
        }
        for continuation in consumers { continuation.finish() }
    }
}
