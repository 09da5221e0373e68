import Foundation
import NIOConcurrencyHelpers

extension MarketFeed {
    /// Opens a subscription with an empty filter. Add contracts with its `subscribe…` methods;
    /// read ``MarketFeedSubscription/events``. `bufferSize` overrides the configured buffer.
    ///
    /// This is the API of the market hub: one subscription per connection, mirroring the
    /// connection's `SubscribeContract…` calls.
    public func subscribe(bufferSize: Int? = nil) -> MarketFeedSubscription {
        let (id, stream) = openSubscriber(bufferSize: bufferSize)
        return MarketFeedSubscription(id: id, events: stream, feed: self)
    }

    func openSubscriber(bufferSize: Int?) -> (Int, AsyncStream<SimMarketEvent>) {
        let capacity = max(1, bufferSize ?? configuration.subscriberBufferSize)
        let (stream, continuation) = AsyncStream.makeStream(of: SimMarketEvent.self, bufferingPolicy: .bufferingNewest(capacity))
        let id = state.withLockedValue { state in
            let id = state.nextSubscriberId
            state.nextSubscriberId += 1
            state.subscribers[id] = Subscriber(continuation: continuation)
            return id
        }
        // Not removed right here: a consumer's cancellation runs this while holding its task's
        // status lock, and the feed yields (which takes that lock) while holding its own, so taking
        // the feed's lock here could deadlock. The removal runs a moment later instead; until then
        // yields to the ended stream are no-ops.
        continuation.onTermination = { [weak self] _ in
            Task { self?.removeSubscriber(id) }
        }
        return (id, stream)
    }

    /// Convenience: a stream of `kinds` events of one contract. The subscription ends when the
    /// stream's consumer stops iterating. Depth starts with a snapshot; quotes with the current
    /// quote (unless stalled).
    public func events(
        for contractId: String, kinds: MarketEventKinds = .all, bufferSize: Int? = nil
    ) -> AsyncStream<SimMarketEvent> {
        let (id, stream) = openSubscriber(bufferSize: bufferSize)
        for kind in [MarketEventKinds.quotes, .trades, .depth] where kinds.contains(kind) {
            _ = updateSubscriber(id, contractId: contractId, kind: kind, subscribe: true)
        }
        return stream
    }

    /// Removes a subscriber and finishes its stream (outside the lock: finishing runs
    /// `onTermination`, which calls back here and must not find the lock held).
    func removeSubscriber(_ id: Int) {
        let removed = state.withLockedValue { $0.subscribers.removeValue(forKey: id) }
        removed?.continuation.finish()
    }

    /// Changes a subscriber's filter under the lock. Returns false for an unknown contract.
    func updateSubscriber(_ id: Int, contractId: String, kind: MarketEventKinds, subscribe: Bool) -> Bool {
        let stamp = ISOTimestamp.format(clock())
        return state.withLockedValue { state in
            guard let position = state.index[contractId], var subscriber = state.subscribers[id] else { return false }
            switch (kind, subscribe) {
            case (.quotes, true):
                if subscriber.quotes.insert(contractId).inserted, !state.stalled {
                    MarketFeed.deliver(.quote(contractId: contractId, state.books[position].quote), to: &subscriber, statistics: &state.statistics)
                }
            case (.quotes, false): subscriber.quotes.remove(contractId)
            case (.trades, true): subscriber.trades.insert(contractId)
            case (.trades, false): subscriber.trades.remove(contractId)
            case (.depth, true):
                subscriber.depth.insert(contractId)
                subscriber.staleDepth.remove(contractId)
                if !state.stalled {
                    let snapshot = SimMarketEvent.depth(contractId: contractId, state.books[position].depthSnapshot(stamp: stamp))
                    MarketFeed.deliver(snapshot, to: &subscriber, statistics: &state.statistics)
                } else {
                    subscriber.staleDepth.insert(contractId)
                }
            case (.depth, false):
                subscriber.depth.remove(contractId)
                subscriber.staleDepth.remove(contractId)
            default: break
            }
            state.subscribers[id] = subscriber
            return true
        }
    }

    func droppedCount(of id: Int) -> Int {
        state.withLockedValue { $0.subscribers[id]?.dropped ?? 0 }
    }

    // MARK: Fan-out (called with the lock held)

    static func publish(_ events: [SimMarketEvent], stamp: String, in state: inout FeedState) {
        guard !state.subscribers.isEmpty else { return }
        for id in Array(state.subscribers.keys) {
            guard var subscriber = state.subscribers[id] else { continue }
            for event in events where subscriber.wants(event) {
                if case .depth(let contractId, _) = event, subscriber.staleDepth.contains(contractId),
                   let position = state.index[contractId] {
                    subscriber.staleDepth.remove(contractId)
                    let snapshot = SimMarketEvent.depth(contractId: contractId, state.books[position].depthSnapshot(stamp: stamp))
                    deliver(snapshot, to: &subscriber, statistics: &state.statistics)
                } else {
                    deliver(event, to: &subscriber, statistics: &state.statistics)
                }
            }
            state.subscribers[id] = subscriber
        }
    }

    /// Yields into the bounded buffer. Yielding never blocks and never calls back into the
    /// feed (onTermination defers its removal to a task; see ``openSubscriber(bufferSize:)``).
    static func deliver(_ event: SimMarketEvent, to subscriber: inout Subscriber, statistics: inout FeedStatistics) {
        switch subscriber.continuation.yield(event) {
        case .enqueued:
            statistics.delivered += 1
        case .dropped(let oldest):
            statistics.delivered += 1
            statistics.dropped += 1
            subscriber.dropped += 1
            if case .depth(let contractId, _) = oldest { subscriber.staleDepth.insert(contractId) }
        case .terminated:
            break
        @unknown default:
            break
        }
    }
}
