/// One user-hub connection's subscriptions. Mirrors `SubscribeAccounts`, `SubscribeOrders`,
/// `SubscribePositions`, `SubscribeTrades` and their `Unsubscribe…` counterparts.
public final class UserEventSubscription: Sendable {
    /// Unique id within the bus.
    public let id: Int
    /// Matching events, in publication order.
    public let events: AsyncStream<SimUserEvent>
    private let bus: UserEventBus

    init(id: Int, events: AsyncStream<SimUserEvent>, bus: UserEventBus) {
        self.id = id
        self.events = events
        self.bus = bus
    }

    /// `SubscribeAccounts` (no argument on the wire): pass the ids of the token user's accounts.
    public func subscribeAccounts(_ accountIds: some Sequence<Int>) {
        bus.update(id) { $0.accounts.formUnion(accountIds) }
    }

    /// `UnsubscribeAccounts`.
    public func unsubscribeAccounts() {
        bus.update(id) { $0.accounts.removeAll() }
    }

    /// `SubscribeOrders(accountId)`.
    public func subscribeOrders(_ accountId: Int) { bus.update(id) { $0.orders.insert(accountId) } }
    /// `UnsubscribeOrders(accountId)`.
    public func unsubscribeOrders(_ accountId: Int) { bus.update(id) { $0.orders.remove(accountId) } }
    /// `SubscribePositions(accountId)`.
    public func subscribePositions(_ accountId: Int) { bus.update(id) { $0.positions.insert(accountId) } }
    /// `UnsubscribePositions(accountId)`.
    public func unsubscribePositions(_ accountId: Int) { bus.update(id) { $0.positions.remove(accountId) } }
    /// `SubscribeTrades(accountId)`.
    public func subscribeTrades(_ accountId: Int) { bus.update(id) { $0.trades.insert(accountId) } }
    /// `UnsubscribeTrades(accountId)`.
    public func unsubscribeTrades(_ accountId: Int) { bus.update(id) { $0.trades.remove(accountId) } }

    /// Events dropped from this subscription's full buffer.
    public var droppedCount: Int { bus.dropped(id) }

    /// Ends the subscription and finishes ``events``.
    public func cancel() { bus.remove(id) }

    deinit { bus.remove(id) }
}
