import Hummingbird
import HummingbirdCore
import Logging
import SignalRServer
import NIOConcurrencyHelpers

/// The two hubs of one simulator (one ``SimulatorCore``): the market and user hubs, the upgrade
/// router they share, and the background work that enforces token ends and hub faults.
final class SimulatorHubRuntime: Sendable {
    static let marketPath = "/hubs/market"
    static let userPath = "/hubs/user"

    let core: SimulatorCore
    let market: SimulatorMarketHub
    let user: SimulatorUserHub
    let upgrades = HubUpgradeRouter()
    /// Every connection the server accepted and has not closed yet (see ``GatewaySimulator/stop()``).
    let connections = ServerConnections()
    private let logger: Logger
    /// Fault commands subscribed to before the server starts, so none sent once it listens is lost.
    private let commandStream = NIOLockedValueBox<AsyncStream<HubFaultCommand>?>(nil)

    init(core: SimulatorCore, configuration: SimulatorHubsConfiguration, logger: Logger) {
        self.core = core
        self.logger = logger
        var marketLogger = logger
        marketLogger[metadataKey: "hub"] = "market"
        var userLogger = logger
        userLogger[metadataKey: "hub"] = "user"
        self.market = SimulatorMarketHub(core: core, configuration: configuration, logger: marketLogger)
        self.user = SimulatorUserHub(core: core, configuration: configuration, logger: userLogger)
        for (path, server) in [(Self.marketPath, market.server), (Self.userPath, user.server)] {
            server.onConnected { [faults = core.faults] connection in _ = faults.admitOrDrop(connection, hubPath: path) }
        }
    }

    /// Whether this runtime was built for `core`.
    func serves(_ core: SimulatorCore) -> Bool {
        ObjectIdentifier(core.tokens) == ObjectIdentifier(self.core.tokens)
    }

    /// Negotiate routes, WebSocket upgrade paths and plain-HTTP answers on `router`.
    func mount(on router: Router<SimulatorRequestContext>) {
        market.server.mount(at: Self.marketPath, on: router, upgrades: upgrades)
        user.server.mount(at: Self.userPath, on: router, upgrades: upgrades)
        let plain = HubPlainHTTPRoutes(core: core)
        plain.register(at: Self.marketPath, on: router)
        plain.register(at: Self.userPath, on: router)
    }

    /// The HTTP/1.1 server with the hubs' WebSocket upgrades. Subscribes to the fault commands.
    func serverBuilder() -> HTTPServerBuilder {
        let stream = core.faults.hubCommands()
        commandStream.withLockedValue { $0 = stream }
        return .http1WithHubs(upgrades, connections: connections)
    }

    /// Enforces token ends and performs fault commands until cancelled.
    func run() async {
        let commands = commandStream.withLockedValue { current -> AsyncStream<HubFaultCommand> in
            defer { current = nil }
            return current ?? core.faults.hubCommands()
        }
        let lifecycle = await core.tokens.lifecycleEvents()
        let sessions = HubSessionGuard(core: core, hubs: [market.server, user.server], logger: logger)
        let executor = HubFaultExecutor(hubs: [(Self.marketPath, market.server), (Self.userPath, user.server)], logger: logger)
        // Anything revoked or expired before the watch began.
        await sessions.sweep()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await command in commands { executor.perform(command) }
            }
            group.addTask {
                for await event in lifecycle { await sessions.sweep(after: event) }
            }
        }
    }
}
