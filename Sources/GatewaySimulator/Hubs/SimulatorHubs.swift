import Hummingbird
import HummingbirdCore
import Logging
import SignalRServer
import NIOConcurrencyHelpers

/// The gateway's two SignalR hubs on the simulator's port, `/hubs/market` and `/hubs/user`: the
/// default ``SimulatorHubHosting`` of every ``GatewaySimulator``.
///
/// **Connecting.** Both the negotiate flow (`POST /hubs/{hub}/negotiate`, then the WebSocket with
/// `id`) and a direct WebSocket (skipped negotiation, as the gateway's docs sample does) work. The
/// token is read from the `access_token` query parameter, else from `Authorization: Bearer`; a
/// missing, invalid, expired, logged-out or revoked token gets HTTP 401 at negotiate and at the
/// upgrade. The refused-upgrade fault answers the next upgrades 401 whatever the token.
///
/// **Hub methods and events** are those of the reference (§6.2, §6.3); see
/// `SimulatorMarketHub` and `SimulatorUserHub`. Subscriptions belong to a connection and die
/// with it; nothing is replayed.
///
/// **Token ends.** A connection is closed with `{"type":7,"allowReconnect":true}` when its token's
/// `exp` passes (checked every `hub.tickInterval` against the simulator's clock), and at once when
/// the token is expired by fault. When the token is logged out or revoked, the connection first
/// receives `GatewayLogout` with one argument, a reason string (the gateway's payload is
/// undocumented): `"The session was logged out or revoked. Log in again to get a new token."`.
///
/// **Faults** (``FaultInjector``, the admin endpoint, `trading-bot simulator` flags): dropped
/// connections (no close frame), server Close with or without `allowReconnect`, the silent feed
/// stall (no events, Pings go on), split/fragmented/batched frames, 1 MiB depth snapshots, and
/// 401 on the next upgrades.
///
/// ```swift
/// let simulator = GatewaySimulator(configuration: configuration)          // hubs included
/// let port = try await simulator.start()
/// // ws://127.0.0.1:\(port)/hubs/market?access_token=<token>
///
/// var fast = SimulatorHubsConfiguration()
/// fast.hub.keepAliveInterval = .milliseconds(300)
/// let hubs = SimulatorHubs(configuration: fast)
/// let tested = GatewaySimulator(configuration: configuration, hubs: hubs)
/// _ = try await tested.start()
/// print(hubs.marketHub?.connectionCount ?? 0)
/// ```
///
/// One instance serves one simulator at a time; it binds to the simulator's core on first use.
public final class SimulatorHubs: SimulatorHubHosting {
    /// Timings and limits.
    public let configuration: SimulatorHubsConfiguration
    private let logger: Logger?
    private let runtime = NIOLockedValueBox<SimulatorHubRuntime?>(nil)

    /// Creates the hubs. `logger` defaults to the simulator's logger.
    public init(configuration: SimulatorHubsConfiguration = SimulatorHubsConfiguration(), logger: Logger? = nil) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The paths of the two hubs.
    public static let marketPath = SimulatorHubRuntime.marketPath
    public static let userPath = SimulatorHubRuntime.userPath

    public func addRoutes(to router: Router<SimulatorRequestContext>, core: SimulatorCore) {
        runtime(for: core).mount(on: router)
    }

    public func serverBuilder(core: SimulatorCore) -> HTTPServerBuilder {
        runtime(for: core).serverBuilder()
    }

    public func run(core: SimulatorCore) async {
        await runtime(for: core).run()
    }

    public func connections(core: SimulatorCore) -> ServerConnections? {
        runtime(for: core).connections
    }

    /// The market hub's SignalR server, once bound to a simulator.
    public var marketHub: HubServer? { runtime.withLockedValue { $0?.market.server } }

    /// The user hub's SignalR server, once bound to a simulator.
    public var userHub: HubServer? { runtime.withLockedValue { $0?.user.server } }

    /// The runtime for `core`, built on first use (or when used with another simulator).
    func runtime(for core: SimulatorCore) -> SimulatorHubRuntime {
        runtime.withLockedValue { current in
            if let current, current.serves(core) { return current }
            let made = SimulatorHubRuntime(core: core, configuration: configuration, logger: logger ?? core.logger)
            current = made
            return made
        }
    }

    /// The bound runtime, if any (tests).
    var boundRuntime: SimulatorHubRuntime? { runtime.withLockedValue { $0 } }
}
