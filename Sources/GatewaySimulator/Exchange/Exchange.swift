import Foundation

/// The simulated exchange and broker: accounts, orders, matching against the ``MarketFeed``,
/// positions, fills with P&L and fees, and the user-hub events that report them.
///
/// Matching: market orders fill at the touch (buy at the best ask, sell at the best bid, whole
/// size); a limit that is marketable when placed (or modified, or activated) fills at the touch,
/// a resting limit fills at its limit price when the touch reaches it or a trade prints through
/// it; stops trigger when a trade prints at or through the stop and then fill at the touch;
/// trailing stops follow the best trade price by their distance; stop-limits become limits.
/// Fills are whole-order (no partial fills).
///
/// Call ``marketDidUpdate(_:)`` after each feed step (the ``MarketDriver`` does).
public actor Exchange {
    /// The listed contracts.
    public nonisolated let catalog: ContractCatalog
    /// The market the exchange matches against.
    public nonisolated let feed: MarketFeed
    /// Where order, position, trade and account events go (the user hub subscribes here).
    public nonisolated let events: UserEventBus
    let fees: FeeSchedule
    let clock: WallClock

    var accounts: [Int: SimAccount] = [:]
    var orders: [Int64: SimOrder] = [:]
    var ordersByAccount: [Int: [Int64]] = [:]
    var workingByContract: [String: Set<Int64>] = [:]
    var bracketChildren: [Int64: [Int64]] = [:]
    var positions: [Int: [String: SimPosition]] = [:]
    var trades: [Int: [SimTrade]] = [:]
    var nextOrderId: Int64 = 7_100_000_001
    var nextTradeId: Int64 = 4_200_000_001
    var nextPositionId = 310_001

    /// Fault: every order placement fails with 5 OutsideTradingHours and closes with
    /// OrderRejected, as when the market is closed.
    public private(set) var marketClosed = false

    /// Creates an exchange holding the accounts of `users`.
    public init(
        catalog: ContractCatalog, feed: MarketFeed, users: [SimulatedUser], fees: FeeSchedule,
        clock: @escaping WallClock, events: UserEventBus = UserEventBus(), marketClosed: Bool = false
    ) {
        self.marketClosed = marketClosed
        self.catalog = catalog
        self.feed = feed
        self.fees = fees
        self.clock = clock
        self.events = events
        for user in users {
            for seed in user.accounts {
                accounts[seed.id] = SimAccount(seed: seed, owner: user.userName, balance: seed.balance)
            }
        }
    }

    /// Opens or closes the market (fault injection).
    public func setMarketClosed(_ closed: Bool) {
        marketClosed = closed
    }

    // MARK: Accounts

    /// `Account/search`: the user's visible accounts, optionally only the active ones.
    public func accounts(of userName: String, onlyActive: Bool) -> [SimAccount] {
        accounts.values
            .filter { $0.owner == userName && $0.seed.isVisible && (!onlyActive || $0.seed.isActive) }
            .sorted { $0.id < $1.id }
    }

    /// The account `id` if it belongs to `userName`.
    public func account(_ id: Int, ownedBy userName: String) -> SimAccount? {
        guard let account = accounts[id], account.owner == userName else { return nil }
        return account
    }

    // MARK: Helpers

    func now() -> Date { clock() }

    func allocateOrderId() -> Int64 {
        defer { nextOrderId += 1 }
        return nextOrderId
    }

    func store(_ order: SimOrder, publish: Bool = true) {
        if orders[order.id] == nil { ordersByAccount[order.accountId, default: []].append(order.id) }
        orders[order.id] = order
        if order.status == .open {
            workingByContract[order.contractId, default: []].insert(order.id)
        } else {
            workingByContract[order.contractId]?.remove(order.id)
        }
        if publish { events.publish(.order(OrderEventPayload(order))) }
    }

    /// Marks an order with a new status, stamps it and publishes it.
    func transition(_ id: Int64, to status: SimOrderStatus) {
        guard var order = orders[id] else { return }
        order.status = status
        order.updateTimestamp = now()
        store(order)
    }

    /// Cancels the suspended or open bracket children of `parentId`.
    func cancelChildren(of parentId: Int64) {
        for child in bracketChildren[parentId] ?? [] where orders[child]?.status.isWorking == true {
            transition(child, to: .cancelled)
        }
    }

    /// The fill price of a market order now: the touch on the opposite side.
    func marketFillTicks(side: SimOrderSide, contractId: String) -> Int64? {
        guard let touch = feed.touch(of: contractId) else { return nil }
        return side == .bid ? touch.bestAsk : touch.bestBid
    }
}
