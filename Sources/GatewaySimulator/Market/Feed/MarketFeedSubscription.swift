/// One consumer's view of the market feed (typically one market-hub connection). Its filter
/// mirrors the connection's subscriptions; ``events`` delivers what matches, in order.
///
/// Subscribing to depth enqueues a full snapshot (Reset + ladder) before any increment, and
/// subscribing to quotes enqueues the current quote, atomically with the filter change, so no
/// increment can slip in between. Subscriptions die with the object: call ``cancel()`` (or stop
/// iterating ``events``) when the connection closes. Nothing is replayed.
public final class MarketFeedSubscription: Sendable {
    /// Unique id within the feed.
    public let id: Int
    /// The events that match the filter.
    public let events: AsyncStream<SimMarketEvent>
    private let feed: MarketFeed

    init(id: Int, events: AsyncStream<SimMarketEvent>, feed: MarketFeed) {
        self.id = id
        self.events = events
        self.feed = feed
    }

    /// `SubscribeContractQuotes`. Returns false when the feed does not simulate the contract.
    @discardableResult public func subscribeQuotes(_ contractId: String) -> Bool {
        feed.updateSubscriber(id, contractId: contractId, kind: .quotes, subscribe: true)
    }

    /// `UnsubscribeContractQuotes`.
    public func unsubscribeQuotes(_ contractId: String) {
        _ = feed.updateSubscriber(id, contractId: contractId, kind: .quotes, subscribe: false)
    }

    /// `SubscribeContractTrades`. Returns false when the feed does not simulate the contract.
    @discardableResult public func subscribeTrades(_ contractId: String) -> Bool {
        feed.updateSubscriber(id, contractId: contractId, kind: .trades, subscribe: true)
    }

    /// `UnsubscribeContractTrades`.
    public func unsubscribeTrades(_ contractId: String) {
        _ = feed.updateSubscriber(id, contractId: contractId, kind: .trades, subscribe: false)
    }

    /// `SubscribeContractMarketDepth`: enqueues a snapshot, then increments. Returns false when
    /// the feed does not simulate the contract.
    @discardableResult public func subscribeDepth(_ contractId: String) -> Bool {
        feed.updateSubscriber(id, contractId: contractId, kind: .depth, subscribe: true)
    }

    /// `UnsubscribeContractMarketDepth`.
    public func unsubscribeDepth(_ contractId: String) {
        _ = feed.updateSubscriber(id, contractId: contractId, kind: .depth, subscribe: false)
    }

    /// Events dropped from this subscription's full buffer so far.
    public var droppedCount: Int { feed.droppedCount(of: id) }

    /// Ends the subscription and finishes ``events``.
    public func cancel() {
        feed.removeSubscriber(id)
    }

    deinit {
        feed.removeSubscriber(id)
    }
}
