import Metrics
import NIOConcurrencyHelpers

/// Fans events out to any number of `AsyncStream` consumers without blocking the producer.
///
/// Each consumer has its own bounded buffer (newest kept): a slow consumer loses its oldest events
/// rather than stalling the socket for everyone; the drop is counted.
///
/// **A loss is never silent when an overflow marker is given.** After a drop the consumer is sent
/// the marker (a gap event), and sent it again if the marker itself could have been pushed out
/// of the buffer before the consumer read it. Nothing observes the consumer's reads, so the
/// broadcaster keeps, per consumer, how many elements were enqueued behind the unread marker:
/// the buffer's count after an enqueue (capacity minus `remaining`) tells when the marker was
/// read (no more elements left than were put behind it), and a drop while the marker is at the
/// front (as many behind it as the buffer holds, less one) is what would lose it.
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
        /// `byId`'s entries, kept so that delivering an event does not allocate.
        var list: [(id: Int, continuation: AsyncStream<Element>.Continuation)] = []
        var dropped = 0
        var finished = false

        mutating func rebuildList() { list = byId.map { (id: $0.key, continuation: $0.value) } }
    }

    private let consumers = NIOLockedValueBox(Consumers())
    /// Orders producers; holds, per consumer with an unread overflow marker, how many elements
    /// were enqueued behind that marker.
    private let delivery = NIOLockedValueBox<[Int: Int]>([:])
    private let bufferSize: Int
    private let overflowMarker: (@Sendable () -> Element)?
    /// Counts elements enqueued to consumers and elements dropped (`projectx_hub_events_delivered_total`,
    /// `projectx_hub_events_dropped_total`); one `increment(by:)` each per delivered element, on
    /// counters made once (see ``HubMetrics``).
    private let counters: (delivered: Counter, dropped: Counter)?

    /// - Parameters:
    ///   - bufferSize: elements buffered per consumer before the oldest are dropped.
    ///   - overflowMarker: the element (a gap event) a consumer is sent after it lost elements;
    ///     nil to drop silently (counted in ``droppedCount`` only).
    ///   - counters: where deliveries and drops are counted for metrics; nil for none.
    init(bufferSize: Int = 10_000, overflowMarker: (@Sendable () -> Element)? = nil, counters: (delivered: Counter, dropped: Counter)? = nil) {
        self.bufferSize = max(1, bufferSize)
        self.overflowMarker = overflowMarker
        self.counters = counters
    }

    /// A new consumer's stream; it ends when the broadcaster finishes or the consumer stops.
    func stream() -> AsyncStream<Element> {
        register().stream
    }

    /// A new consumer's stream whose first element is `first()`, computed where no other element
    /// can be delivered: every element delivered after it comes after it in the stream too.
    ///
    /// With ``yieldAtomically(_:)`` a publisher can hand new consumers its state exactly as of the
    /// last elements delivered.
    func stream(startingWith first: () -> Element) -> AsyncStream<Element> {
        delivery.withLockedValue { _ in
            let (stream, continuation) = register()
            continuation?.yield(first())
            return stream
        }
    }

    private func register() -> (stream: AsyncStream<Element>, continuation: AsyncStream<Element>.Continuation?) {
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
            return (stream, nil)
        }
        continuation.onTermination = { [weak self] _ in
            self?.consumers.withLockedValue { consumers in
                if consumers.byId.removeValue(forKey: id) != nil { consumers.rebuildList() }
            }
        }
        return (stream, continuation)
    }

    /// Delivers `element` to every consumer, in the same order for all of them.
    func yield(_ element: Element) {
        delivery.withLockedValue { behindMarker in deliver(element, behindMarker: &behindMarker) }
    }

    /// Delivers the elements `make` returns with no other delivery, and no new consumer, in
    /// between. `make` runs first, in that same exclusion, so it can record the state the elements
    /// lead to, which ``stream(startingWith:)`` then hands to new consumers.
    func yieldAtomically(_ make: () -> [Element]) {
        delivery.withLockedValue { behindMarker in
            for element in make() { deliver(element, behindMarker: &behindMarker) }
        }
    }

    /// Delivers one element; called holding `delivery`.
    private func deliver(_ element: Element, behindMarker: inout [Int: Int]) {
        let targets = consumers.withLockedValue { $0.list }
        var dropped = 0
        var enqueued = 0
        for (id, continuation) in targets {
            let result = continuation.yield(element)
            if case .enqueued = result { enqueued += 1 }
            guard let overflowMarker else {
                if case .dropped = result { dropped += 1 }
                continue
            }
            switch result {
            case .enqueued(let remaining):
                guard let behind = behindMarker[id] else { continue }
                // With the marker still buffered there are at least `behind + 2` elements.
                behindMarker[id] = bufferSize - remaining <= behind + 1 ? nil : behind + 1
            case .dropped:
                dropped += 1
                if let behind = behindMarker[id], behind + 1 < bufferSize {
                    // Something ahead of the marker was dropped; the marker is still there.
                    behindMarker[id] = behind + 1
                } else {
                    // No marker, or it was at the front and just went: send one now.
                    if case .dropped = continuation.yield(overflowMarker()) { dropped += 1 }
                    behindMarker[id] = 0
                }
            case .terminated:
                behindMarker[id] = nil
            @unknown default:
                continue
            }
        }
        if behindMarker.count > targets.count {
            let live = Set(targets.map(\.id))
            behindMarker = behindMarker.filter { live.contains($0.key) }
        }
        if dropped > 0 { consumers.withLockedValue { $0.dropped += dropped } }
        if let counters {
            if enqueued > 0 { counters.delivered.increment(by: enqueued) }
            if dropped > 0 { counters.dropped.increment(by: dropped) }
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
        for (_, continuation) in ended { continuation.finish() }
    }
}
