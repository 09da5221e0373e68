import NIOConcurrencyHelpers

/// Fans events out to any number of `AsyncStream` consumers without blocking the producer.
///
/// Each consumer has its own bounded buffer (newest kept): a slow consumer loses its oldest events
/// rather than stalling the socket for everyone; the drop is counted.
///
/// **Two locks, on purpose.** Yielding resumes the consumer's task, which takes that task's status
/// lock; cancelling a consumer's task holds that same status lock while it runs the stream's
/// `onTermination`, which removes the consumer here. If one lock guarded both the yield and the
/// removal, a cancellation racing an event would deadlock (lock-order inversion; found by the
/// Thread Sanitizer run, where the `trading-bot shell` hung cancelling a stream). So `delivery`
/// only orders producers, so that every consumer sees events in the same order, and `consumers`
/// guards the membership for the instant it takes to read or change it; no lock is held by
/// `onTermination` while another waits on a task.
final class EventBroadcaster<Element: Sendable>: Sendable {
    private struct Consumers {
        var next = 0
        var byId: [Int: AsyncStream<Element>.Continuation] = [:]
        /// `byId`'s values, kept so that delivering an event does not allocate.
        var list: [AsyncStream<Element>.Continuation] = []
        var dropped = 0
        var finished = false

        mutating func rebuildList() { list = Array(byId.values) }
    }

    private let consumers = NIOLockedValueBox(Consumers())
    private let delivery = NIOLock()
    private let bufferSize: Int

    init(bufferSize: Int = 10_000) {
        self.bufferSize = bufferSize
    }

    /// A new consumer's stream; it ends when the broadcaster finishes or the consumer stops.
    func stream() -> AsyncStream<Element> {
        let (stream, continuation) = AsyncStream<Element>.makeStream(bufferingPolicy: .bufferingNewest(bufferSize))
        let id: Int? = consumers.withLockedValue { consumers in
            guard !consumers.finished else { return nil }
            let id = consumers.next
            consumers.next += 1
            consumers.byId[id] = continuation
            consumers.rebuildList()
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.consumers.withLockedValue { consumers in
                if consumers.byId.removeValue(forKey: id) != nil { consumers.rebuildList() }
            }
        }
        return stream
    }

    /// Delivers `element` to every consumer, in the same order for all of them.
    func yield(_ element: Element) {
        delivery.withLock {
            let targets = consumers.withLockedValue { $0.list }
            var dropped = 0
            for continuation in targets {
                if case .dropped = continuation.yield(element) { dropped += 1 }
            }
            if dropped > 0 { consumers.withLockedValue { $0.dropped += dropped } }
        }
    }

    var hasConsumers: Bool { consumers.withLockedValue { !$0.byId.isEmpty } }

    var droppedCount: Int { consumers.withLockedValue { $0.dropped } }

    /// Ends every consumer's stream; later consumers get a finished stream.
    func finish() {
        let ended = consumers.withLockedValue { consumers in
            consumers.finished = true
            defer {
                consumers.byId = [:]
                consumers.list = []
            }
            return consumers.list
        }
        for continuation in ended { continuation.finish() }
    }
}
