import Foundation
import GatewaySimulator

/// A simulator serving a feed of a given rate on a free port.
struct SimulatedFeed {
    let simulator: GatewaySimulator
    let base: String
    let contracts: [String]
    private let started: ContinuousClock.Instant
    private let generatedAtStart: Int

    static func start(tickInterval: Duration, updatesPerTick: Int, contracts count: Int) async throws -> SimulatedFeed {
        // Which contracts exist depends on the simulated date; ask a throwaway simulator.
        let catalog = GatewaySimulator(configuration: SimulatorConfiguration())
        let ids = Array(catalog.core.catalog.available(live: false).map(\.id).prefix(count))
        var configuration = SimulatorConfiguration()
        configuration.port = 0
        configuration.logLevel = .critical
        configuration.rateLimits = RateLimitConfiguration(enabled: false)
        configuration.market = MarketFeedConfiguration(seed: 42, tickInterval: tickInterval, updatesPerContractPerTick: updatesPerTick,
                                                       contractIds: ids, subscriberBufferSize: 1 << 20)
        var hubs = SimulatorHubsConfiguration()
        // Let a slow client fall behind instead of being closed, so that its rate can be measured.
        hubs.hub.maximumQueuedBytes = 2 << 30
        hubs.marketBufferSize = 1 << 20
        let simulator = GatewaySimulator(configuration: configuration, hubs: SimulatorHubs(configuration: hubs))
        let port = try await simulator.start()
        return SimulatedFeed(simulator: simulator, base: "http://127.0.0.1:\(port)", contracts: ids, started: .now,
                             generatedAtStart: simulator.core.feed.statistics.generated)
    }

    /// Events the feed generated per second since it started.
    func generatedRate() async -> Double {
        let elapsed = ContinuousClock.now - started
        let (seconds, attoseconds) = elapsed.components
        let total = Double(seconds) + Double(attoseconds) / 1e18
        return Double(simulator.core.feed.statistics.generated - generatedAtStart) / max(total, 0.001)
    }

    func stop() async {
        await simulator.stop()
    }
}
