/// How fast and how much the simulated market moves.
///
/// Event rate ≈ (1 s / `tickInterval`) × `updatesPerContractPerTick` × contracts × ~2 (a trade
/// update emits a trade, a depth and a quote event; a size change one depth event).
public struct MarketFeedConfiguration: Sendable, Equatable {
    /// The seed of every price path and random choice. Same seed, same sequence of steps, same
    /// events.
    public var seed: UInt64
    /// Interval of the feed's async loop.
    public var tickInterval: Duration
    /// Market updates per contract per step.
    public var updatesPerContractPerTick: Int
    /// SimContract ids to simulate; nil simulates every active contract of the catalog.
    public var contractIds: [String]?
    /// Capacity of each subscriber's buffer (events). When full the oldest event is dropped and
    /// counted; see ``MarketFeed``.
    public var subscriberBufferSize: Int

    /// Creates a configuration.
    public init(
        seed: UInt64 = 42, tickInterval: Duration = .milliseconds(250), updatesPerContractPerTick: Int = 1,
        contractIds: [String]? = nil, subscriberBufferSize: Int = 8192
    ) {
        self.seed = seed
        self.tickInterval = tickInterval
        self.updatesPerContractPerTick = max(1, updatesPerContractPerTick)
        self.contractIds = contractIds
        self.subscriberBufferSize = max(1, subscriberBufferSize)
    }

    /// A few events per second per contract: what a developer watching a screen wants.
    public static func calm(seed: UInt64 = 42) -> MarketFeedConfiguration {
        MarketFeedConfiguration(seed: seed, tickInterval: .milliseconds(500), updatesPerContractPerTick: 1)
    }

    /// Benchmark load: with the default catalog (21 contracts) about 2 × 21 × 50 × 100 ≈ 200,000
    /// events per second, if the machine keeps up.
    public static func benchmark(seed: UInt64 = 42) -> MarketFeedConfiguration {
        MarketFeedConfiguration(seed: seed, tickInterval: .milliseconds(10), updatesPerContractPerTick: 50,
                                subscriberBufferSize: 65_536)
    }
}
