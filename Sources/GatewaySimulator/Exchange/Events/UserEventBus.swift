import NIOConcurrencyHelpers

/// Publishes the exchange's ``SimUserEvent``s to user-hub connections. Each subscription's filter
/// mirrors the connection's `Subscribe…` calls; the bus only delivers events of accounts the
/// subscription asked for (the hub checks ownership before it subscribes).
///
/// Buffers are bounded (default 4096 events); when a consumer falls that far behind, the oldest
/// event is dropped and counted, and the feed goes on. User events are rare, so a drop means a
/// stuck consumer.
public final class UserEventBus: Sendable {
    struct Subscriber {
        var continuation: AsyncStream<SimUserEvent>.Continuation
        var accounts: Set<Int> = []
        var orders: Set<Int> = []
        var positions: Set<Int> = []
        var trades: Set<Int> = []
        var dropped = 0

        func wants(_ event: SimUserEvent) -> Bool {
            switch event {
            case .account(let payload): accounts.contains(payload.id)
            case .order(let payload): orders.contains(payload.accountId)
            case .position(let payload): positions.contains(payload.accountId)
            case .trade(let payload): trades.contains(payload.accountId)
            }
        }
    }

    private struct State {
        var subscribers: [Int: Subscriber] = [:]
        var nextId = 1
        var published = 0
    }

    private let state = NIOLockedValueBox(State())
    private let bufferSize: Int

    /// Creates a bus with the given per-subscriber buffer.
    public init(bufferSize: Int = 4096) {
        self.bufferSize = max(1, bufferSize)
    }

    /// Opens a subscription with an empty filter.
    public func subscribe() -> UserEventSubscription {
        let (stream, continuation) = AsyncStream.makeStream(of: SimUserEvent.self, bufferingPolicy: .bufferingNewest(bufferSize))
        let id = state.withLockedValue { state in
            let id = state.nextId
            state.nextId += 1
            state.subscribers[id] = Subscriber(continuation: continuation)
            return id
        }
        // Deferred, not inline: a consumer's cancellation runs this holding its task's status lock,
        // while `publish` yields (which takes that lock) holding ours; removing here could deadlock.
        continuation.onTermination = { [weak self] _ in
            Task { self?.remove(id) }
        }
        return UserEventSubscription(id: id, events: stream, bus: self)
    }

    /// Delivers `event` to every subscription that wants it. Never blocks.
    public func publish(_ event: SimUserEvent) {
        state.withLockedValue { state in
            state.published += 1
            for id in Array(state.subscribers.keys) {
                guard var subscriber = state.subscribers[id], subscriber.wants(event) else { continue }
                if case .dropped = subscriber.continuation.yield(event) { subscriber.dropped += 1 }
                state.subscribers[id] = subscriber
            }
        }
    }

    /// Events published since the bus was created.
    public var publishedCount: Int { state.withLockedValue { $0.published } }

    func update(_ id: Int, _ change: (inout Subscriber) -> Void) {
        state.withLockedValue { state in
            guard var subscriber = state.subscribers[id] else { return }
            change(&subscriber)
            state.subscribers[id] = subscriber
        }
    }

    func dropped(_ id: Int) -> Int {
        state.withLockedValue { $0.subscribers[id]?.dropped ?? 0 }
    }

    /// Removes a subscriber and finishes its stream outside the lock.
    func remove(_ id: Int) {
        let removed = state.withLockedValue { $0.subscribers.removeValue(forKey: id) }
        removed?.continuation.finish()
    }
}
