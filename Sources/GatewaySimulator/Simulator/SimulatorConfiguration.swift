import Foundation
import Logging

/// Everything a simulator run is made of. The defaults give a faithful gateway on
/// `127.0.0.1:<free port>` with one user (`simtrader` / `sim-api-key`), five accounts, the
/// documented token lifetime and rate limits, and a calm deterministic market (seed 42).
public struct SimulatorConfiguration: Sendable {
    /// Bind host.
    public var host: String = "127.0.0.1"
    /// Bind port; 0 picks a free port (read it from ``GatewaySimulator/start()``).
    public var port: Int = 0
    /// Users accepted by the logins, with their accounts.
    public var users: [SimulatedUser] = [.standard]
    /// Applications accepted by `Auth/loginApp`.
    public var apps: [AuthorizedApp] = [.docsExample]
    /// Lifetime of issued tokens (24 h, as documented).
    public var tokenLifetime: TimeInterval = 86_400
    /// How long after expiry `Auth/validate` still refreshes a token (0: never).
    public var tokenGraceWindow: TimeInterval = 0
    /// HS256 secret; nil draws a random one per run.
    public var tokenSecret: [UInt8]?
    /// The market: seed, rate, contracts, subscriber buffers.
    public var market: MarketFeedConfiguration = .calm()
    /// Run the market loop (``MarketFeedConfiguration/tickInterval``) while serving. Tests that
    /// drive the market by hand with ``GatewaySimulator/advanceMarket(steps:)`` turn it off.
    public var runsMarketLoop = true
    /// The date the contract catalog (front months) is computed for; nil: the clock at start.
    public var simulatedDate: Date?
    /// Fees per contract per side.
    public var fees: FeeSchedule = .standard
    /// REST rate limits.
    public var rateLimits: RateLimitConfiguration = .documented
    /// Maximum bars per `retrieveBars` request (20,000 documented; 1,000 has been observed).
    public var maximumBars = 20_000
    /// Fault switches that are on from the start.
    public var initialFaults = InitialFaults()
    /// The wall clock (inject a ``ManualClock`` to move time in tests).
    public var clock: WallClock = systemWallClock
    /// Log level of the simulator's logger.
    public var logLevel: Logger.Level = .info

    /// The market seed (shortcut for `market.seed`).
    public var seed: UInt64 {
        get { market.seed }
        set { market.seed = newValue }
    }

    /// Creates the default configuration.
    public init() {}

    /// Fault switches that can be on from the start (the same switches as ``FaultInjector``).
    public struct InitialFaults: Sendable {
        public var feedStalled = false
        public var marketClosed = false
        public var refusedUpgrades = 0
        public var frameMode = HubFrameMode.normal
        public var oversizedDepthFrameBytes: Int?
        /// Writes that lose their answer, by kind.
        public var lostResponses: [WriteKind: LostResponseSwitch] = [:]

        /// No faults.
        public init() {}
    }
}
