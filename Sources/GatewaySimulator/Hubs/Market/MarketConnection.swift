import Logging
import SignalRServer
import NIOConcurrencyHelpers

/// One market-hub connection's subscriptions: a ``MarketFeedSubscription`` of the feed, opened at the
/// first `SubscribeContract…` call, and the task that forwards its events to the socket.
///
/// The forwarding task reads the subscription's buffer and queues each event on the connection
/// (which writes a burst with one event-loop hop and one flush); there is no task per event. A
/// slow client loses the oldest buffered events, and the feed then replaces its next depth event
/// with a full snapshot, so its book is never silently wrong.
///
/// Subscriptions die with the connection: ``close()`` cancels the feed subscription and the task.
///
/// ```swift
/// let state = MarketConnection(connection: connection, hub: marketHub)
/// guard let subscription = state.subscription() else { return }     // nil once closed
/// subscription.subscribeQuotes("CON.F.US.EP.U25")
/// ```
final class MarketConnection: Sendable {
    private struct State {
        var subscription: MarketFeedSubscription?
        var forwarder: Task<Void, Never>?
        var closed = false
    }

    let connection: HubConnectionContext
    private let core: SimulatorCore
    private let cache: MarketEncodingCache
    private let bufferSize: Int?
    private let state = NIOLockedValueBox(State())

    init(connection: HubConnectionContext, core: SimulatorCore, cache: MarketEncodingCache, bufferSize: Int?) {
        self.connection = connection
        self.core = core
        self.cache = cache
        self.bufferSize = bufferSize
    }

    /// The connection's feed subscription, opened (and its forwarding started) on first use; nil
    /// once the connection closed.
    func subscription() -> MarketFeedSubscription? {
        let (subscription, started) = state.withLockedValue { state -> (MarketFeedSubscription?, Bool) in
            if state.closed { return (nil, false) }
            if let existing = state.subscription { return (existing, false) }
            let subscription = core.feed.subscribe(bufferSize: bufferSize)
            state.subscription = subscription
            state.forwarder = Task { [connection, core, cache] in
                await Self.forward(subscription.events, to: connection, core: core, cache: cache)
            }
            return (subscription, true)
        }
        if started { cache.sharerChanged(joined: true) }
        return subscription
    }

    /// The feed subscription if one was opened (unsubscribing never opens one).
    var existingSubscription: MarketFeedSubscription? { state.withLockedValue { $0.subscription } }

    /// Ends the subscriptions (the connection closed).
    func close() {
        let (subscription, forwarder) = state.withLockedValue { state -> (MarketFeedSubscription?, Task<Void, Never>?) in
            state.closed = true
            defer {
                state.subscription = nil
                state.forwarder = nil
            }
            return (state.subscription, state.forwarder)
        }
        guard let subscription else { return }
        subscription.cancel()
        forwarder?.cancel()
        cache.sharerChanged(joined: false)
    }

    /// Queues every event of `events` on `connection` until the subscription ends.
    private static func forward(
        _ events: AsyncStream<SimMarketEvent>, to connection: HubConnectionContext, core: SimulatorCore, cache: MarketEncodingCache
    ) async {
        var framing = FramingSwitch(faults: core.faults)
        for await event in events {
            framing.apply(to: connection)
            if event.isDepthSnapshot, let target = core.faults.oversizedDepthFrameBytes,
               let contract = core.catalog.contract(id: event.contractId) {
                connection.send(MarketEventEncoder.message(for: event, paddingDepthTo: target, contract: contract))
                continue
            }
            connection.send(cache.message(for: event) { MarketEventEncoder.message(for: event) })
        }
    }
}
