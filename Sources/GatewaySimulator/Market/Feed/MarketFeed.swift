import Foundation
import NIOConcurrencyHelpers

/// The simulated market: one `InstrumentBook` per contract, advanced by ``step()`` (called by
/// the ``MarketDriver`` loop or directly by tests), publishing ``SimMarketEvent``s to subscribers.
///
/// Thread-safe: all state lives behind one lock (`NIOLockedValueBox`), so `step()` and the read accessors are
/// synchronous and callable from any context.
///
/// **Fan-out never blocks the feed.** Each subscriber has a bounded buffer
/// (``MarketFeedConfiguration/subscriberBufferSize``). When a consumer is slow and its buffer is
/// full, the *oldest* buffered event is dropped and counted (per subscriber and in
/// ``statistics``). If a dropped event was a depth event, that subscriber's book for the
/// contract is now wrong, so its next depth event for that contract is replaced by a full
/// snapshot (Reset + ladder): a consumer never silently keeps a corrupt book.
///
/// **Stall fault.** While stalled, steps still move the market (REST, bars and matching stay
/// live, as observed on the real gateway) but nothing is published; connections stay open.
/// Resuming publishes increments again without a snapshot, exactly like the real freeze.
public final class MarketFeed: Sendable {
    /// The catalog the feed simulates.
    public let catalog: ContractCatalog
    /// The feed's configuration.
    public let configuration: MarketFeedConfiguration
    /// The deterministic reference path (shared with history bars).
    public let reference: ReferencePath
    let clock: WallClock
    let state: NIOLockedValueBox<FeedState>

    struct Subscriber {
        var continuation: AsyncStream<SimMarketEvent>.Continuation
        var quotes: Set<String> = []
        var trades: Set<String> = []
        var depth: Set<String> = []
        var staleDepth: Set<String> = []
        var dropped = 0

        func wants(_ event: SimMarketEvent) -> Bool {
            switch event {
            case .quote(let id, _): quotes.contains(id)
            case .trades(let id, _): trades.contains(id)
            case .depth(let id, _): depth.contains(id)
            }
        }
    }

    struct FeedState {
        var books: [InstrumentBook]
        var index: [String: Int]
        var subscribers: [Int: Subscriber] = [:]
        var nextSubscriberId = 1
        var stalled = false
        var statistics = FeedStatistics()
    }

    /// Creates a feed for the active contracts of `catalog` (or those listed in the
    /// configuration), starting at the reference price of `clock()`.
    public init(catalog: ContractCatalog, configuration: MarketFeedConfiguration, clock: @escaping WallClock) {
        self.catalog = catalog
        self.configuration = configuration
        self.reference = ReferencePath(seed: configuration.seed)
        self.clock = clock
        let now = clock()
        let contracts = configuration.contractIds.map { ids in ids.compactMap { catalog.contract(id: $0) } }
            ?? catalog.activeContracts
        var books: [InstrumentBook] = []
        var index: [String: Int] = [:]
        for contract in contracts where index[contract.id] == nil {
            index[contract.id] = books.count
            books.append(InstrumentBook(contract: contract, seed: configuration.seed, reference: reference, now: now))
        }
        self.state = NIOLockedValueBox(FeedState(books: books, index: index))
    }

    /// The contract ids the feed simulates.
    public var contractIds: [String] {
        state.withLockedValue { $0.books.map(\.contract.id) }
    }

    /// Advances every contract by `updatesPerContractPerTick` updates and publishes the events
    /// (unless stalled). Returns the touches for the exchange to match against.
    @discardableResult
    public func step() -> MarketStepSummary {
        let now = clock()
        let stamp = ISOTimestamp.format(now)
        let updates = configuration.updatesPerContractPerTick
        let seconds = now.timeIntervalSince1970
        return state.withLockedValue { state in
            var events: [SimMarketEvent] = []
            events.reserveCapacity(state.books.count * updates * 3)
            var touches: [String: MarketTouch] = [:]
            touches.reserveCapacity(state.books.count)
            for position in state.books.indices {
                let contract = state.books[position].contract
                let target = contract.nearestTicks(of: reference.price(of: contract.product, atSeconds: seconds))
                var touch = state.books[position].touch
                for _ in 0..<updates {
                    state.books[position].update(target: target, stamp: stamp, into: &events, touch: &touch)
                }
                touches[contract.id] = touch
            }
            state.statistics.steps += 1
            state.statistics.generated += events.count
            if !state.stalled { MarketFeed.publish(events, stamp: stamp, in: &state) }
            return MarketStepSummary(touches: touches, eventCount: events.count)
        }
    }

    /// Moves a contract's market to `price` at once (tests and the admin endpoint): one print of
    /// size 1 at the price, best bid at the price, best ask one tick above, then a full depth
    /// snapshot and a quote. Returns nil for an unknown contract or a price off the tick grid.
    public func move(contractId: String, to price: Decimal) -> MarketStepSummary? {
        let stamp = ISOTimestamp.format(clock())
        return state.withLockedValue { state -> MarketStepSummary? in
            guard let position = state.index[contractId],
                  let ticks = state.books[position].contract.ticks(of: price), ticks > 1
            else { return nil }
            var events: [SimMarketEvent] = []
            var touch = state.books[position].touch
            state.books[position].move(to: ticks, stamp: stamp, into: &events, touch: &touch)
            state.statistics.generated += events.count
            if !state.stalled { MarketFeed.publish(events, stamp: stamp, in: &state) }
            return MarketStepSummary(touches: [contractId: touch], eventCount: events.count)
        }
    }

    // MARK: Reading the market

    /// Top of book and last price of a contract, in ticks.
    public func touch(of contractId: String) -> MarketTouch? {
        state.withLockedValue { state in state.index[contractId].map { state.books[$0].touch } }
    }

    /// The current quote of a contract.
    public func quote(of contractId: String) -> QuotePayload? {
        state.withLockedValue { state in state.index[contractId].map { state.books[$0].quote } }
    }

    /// A full depth snapshot (Reset entry followed by the whole ladder) as a `GatewayDepth`
    /// event, stamped now.
    public func depthSnapshot(of contractId: String) -> SimMarketEvent? {
        let stamp = ISOTimestamp.format(clock())
        return state.withLockedValue { state in
            state.index[contractId].map { .depth(contractId: contractId, state.books[$0].depthSnapshot(stamp: stamp)) }
        }
    }

    // MARK: Faults and statistics

    /// True while the stall fault is on.
    public var isStalled: Bool { state.withLockedValue { $0.stalled } }

    /// Stops (true) or resumes (false) publication; the market keeps moving either way.
    public func setStalled(_ stalled: Bool) {
        state.withLockedValue { $0.stalled = stalled }
    }

    /// Counters since the feed was created.
    public var statistics: FeedStatistics { state.withLockedValue { $0.statistics } }

    /// Number of live subscriptions.
    public var subscriberCount: Int { state.withLockedValue { $0.subscribers.count } }
}
