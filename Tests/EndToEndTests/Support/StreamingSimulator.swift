import GatewaySimulator

/// Simulator settings for stream tests: the market loop on, stepping every 40 ms, so that quotes,
/// trades and depth flow quickly and each test stays short.
enum StreamingSimulator {
    static func configure(_ configuration: inout SimulatorConfiguration) {
        configuration.runsMarketLoop = true
        configuration.market = MarketFeedConfiguration(seed: 42, tickInterval: .milliseconds(40), updatesPerContractPerTick: 1)
    }
}
