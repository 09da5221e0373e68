import Foundation
import Logging

/// The simulator's parts, shared by the REST routes, the admin endpoint and the hub layer.
/// Everything here is `Sendable` and safe to use from any task.
public struct SimulatorCore: Sendable {
    /// The configuration the simulator was built with.
    public let configuration: SimulatorConfiguration
    /// The wall clock.
    public let clock: WallClock
    /// Tokens: issue, verify (hubs: at negotiate and upgrade), expiry, revocation events.
    public let tokens: TokenAuthority
    /// Who may log in.
    public let credentials: CredentialStore
    /// Listed contracts.
    public let catalog: ContractCatalog
    /// The market feed (market hub: ``MarketFeed/subscribe(bufferSize:)``).
    public let feed: MarketFeed
    /// The exchange (user hub: ``Exchange/events``, ownership: ``Exchange/account(_:ownedBy:)``).
    public let exchange: Exchange
    /// History bars.
    public let bars: BarGenerator
    /// Fault switches and hub-fault extension points.
    public let faults: FaultInjector
    /// REST rate limiter.
    public let rateLimiter: RateLimitEnforcer
    /// The simulator's logger (tokens are never logged; see `TokenRedaction`).
    public let logger: Logger

    /// Builds every part from `configuration`.
    public init(configuration: SimulatorConfiguration, logger: Logger? = nil) {
        self.configuration = configuration
        let clock = configuration.clock
        self.clock = clock
        var log = logger ?? Logger(label: "GatewaySimulator")
        if logger == nil { log.logLevel = configuration.logLevel }
        self.logger = log
        self.tokens = TokenAuthority(
            secret: configuration.tokenSecret, lifetime: configuration.tokenLifetime,
            graceWindow: configuration.tokenGraceWindow, clock: clock
        )
        self.credentials = CredentialStore(users: configuration.users, apps: configuration.apps)
        let catalog = ContractCatalog(asOf: configuration.simulatedDate ?? clock())
        self.catalog = catalog
        let feed = MarketFeed(catalog: catalog, configuration: configuration.market, clock: clock)
        self.feed = feed
        let exchange = Exchange(catalog: catalog, feed: feed, users: configuration.users, fees: configuration.fees, clock: clock,
                                marketClosed: configuration.initialFaults.marketClosed)
        self.exchange = exchange
        self.bars = BarGenerator(reference: feed.reference, maximumBars: configuration.maximumBars)
        self.rateLimiter = RateLimitEnforcer(configuration: configuration.rateLimits)
        self.faults = FaultInjector(
            tokens: tokens, feed: feed, exchange: exchange, clock: clock, defaultTokenLifetime: configuration.tokenLifetime
        )
        let initial = configuration.initialFaults
        feed.setStalled(initial.feedStalled)
        faults.refuseNextUpgrades(initial.refusedUpgrades)
        faults.setFrameMode(initial.frameMode)
        faults.setOversizedDepthFrames(bytes: initial.oversizedDepthFrameBytes)
        for (kind, armed) in initial.lostResponses {
            faults.loseResponses(of: kind, mode: armed.mode, count: armed.remaining, hangSeconds: armed.hangSeconds)
        }
    }

    /// Verifies a token the way every authenticated endpoint does (hubs: negotiate, upgrade).
    public func verify(token: String?) async -> TokenVerification {
        await tokens.verify(token)
    }

    /// One market step: the feed moves and publishes, then the exchange matches.
    public func advanceMarket(steps: Int = 1) async {
        for _ in 0..<max(0, steps) {
            let summary = feed.step()
            await exchange.marketDidUpdate(summary)
        }
    }

    /// Moves a contract's market to `price` at once and lets the exchange match. False for an
    /// unknown contract or a price off the tick grid.
    @discardableResult
    public func setMarketPrice(contractId: String, price: Decimal) async -> Bool {
        guard let summary = feed.move(contractId: contractId, to: price) else { return false }
        await exchange.marketDidUpdate(summary)
        return true
    }
}
