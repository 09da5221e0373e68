import Logging
import SignalRProtocol
import SignalRServer
import NIOConcurrencyHelpers

/// `/hubs/market`: the gateway's market hub over the simulator's ``MarketFeed``.
///
/// Server methods (reference §6.2), each taking one full contract id string:
/// `SubscribeContractQuotes`, `SubscribeContractTrades`, `SubscribeContractMarketDepth` and their
/// `Unsubscribe…` counterparts. A contract the feed does not simulate, a missing argument or a
/// non-string argument is a hub error Completion (the caller learns why; nothing changes).
///
/// Events (reference §6.3), two arguments `(contractId, data)`: `GatewayQuote` with one object
/// whose `symbol` is the symbol id (`F.US.EP`), `GatewayTrade` with an array of trades,
/// `GatewayDepth` with an array of entries. Subscribing to depth sends a snapshot first (a Reset
/// entry, then the whole ladder); subscribing to quotes sends the current quote. While the feed is
/// stalled nothing is sent (Pings go on) and the snapshot waits for the feed to resume.
///
/// ```swift
/// let market = SimulatorMarketHub(core: core, configuration: hubConfiguration, logger: logger)
/// market.server.mount(at: "/hubs/market", on: router, upgrades: upgrades)
/// ```
final class SimulatorMarketHub: Sendable {
    /// The SignalR hub.
    let server: HubServer
    private let core: SimulatorCore
    private let connections = NIOLockedValueBox<[String: MarketConnection]>([:])
    private let cache = MarketEncodingCache()
    private let bufferSize: Int?

    init(core: SimulatorCore, configuration: SimulatorHubsConfiguration, logger: Logger) {
        self.core = core
        self.bufferSize = configuration.marketBufferSize
        self.server = HubServer(
            name: "market", configuration: configuration.serverConfiguration(clock: core.clock), logger: logger,
            authenticator: HubGatekeeper(core: core, hub: "market", logger: logger).authenticator
        )
        registerLifecycle()
        registerMethods()
    }

    /// Live connections with their subscription state (for tests and diagnostics).
    var connectionCount: Int { connections.withLockedValue { $0.count } }

    /// Messages currently shared between connections by the encoding cache.
    var sharedEncodings: Int { cache.count }

    private func registerLifecycle() {
        let core = core
        let cache = cache
        let bufferSize = bufferSize
        server.onConnected { [weak self] connection in
            FramingSwitch.sync(connection, faults: core.faults)
            let state = MarketConnection(connection: connection, core: core, cache: cache, bufferSize: bufferSize)
            self?.connections.withLockedValue { $0[connection.connectionId] = state }
        }
        server.onDisconnected { [weak self] connection, _ in
            let state = self?.connections.withLockedValue { $0.removeValue(forKey: connection.connectionId) }
            state?.close()
        }
    }

    private func registerMethods() {
        typealias Change = @Sendable (MarketFeedSubscription, String) -> Void
        let methods: [(String, Bool, Change)] = [
            ("SubscribeContractQuotes", true, { $0.subscribeQuotes($1) }),
            ("UnsubscribeContractQuotes", false, { $0.unsubscribeQuotes($1) }),
            ("SubscribeContractTrades", true, { $0.subscribeTrades($1) }),
            ("UnsubscribeContractTrades", false, { $0.unsubscribeTrades($1) }),
            ("SubscribeContractMarketDepth", true, { $0.subscribeDepth($1) }),
            ("UnsubscribeContractMarketDepth", false, { $0.unsubscribeDepth($1) }),
        ]
        for (name, subscribes, change) in methods {
            server.on(name) { [weak self] call in
                if subscribes { try await self?.core.faults.waitBeforeAnsweringSubscription() }
                guard let self else { throw HubException("The market hub is shutting down.") }
                FramingSwitch.sync(call.connection, faults: self.core.faults)
                let contractId = try self.contractArgument(of: call)
                if subscribes, self.core.faults.consumeSubscriptionRefusal(on: .market) {
                    throw HubException("'\(call.target)' was refused (simulated fault: refused subscriptions).")
                }
                guard let state = self.connections.withLockedValue({ $0[call.connection.connectionId] }) else { return nil }
                if subscribes {
                    guard let subscription = state.subscription() else { return nil }
                    change(subscription, contractId)
                } else if let subscription = state.existingSubscription {
                    change(subscription, contractId)
                }
                return nil
            }
        }
    }

    /// The single contract id argument, which must name a contract the feed simulates. Ids match
    /// case-insensitively, as at REST; the listed spelling is used from then on (events carry it).
    private func contractArgument(of call: HubCall) throws -> String {
        try call.expectArgumentCount(1)
        let requested = try call.argument(0, as: String.self)
        guard let contract = core.catalog.contract(id: requested) else {
            throw HubException("Contract '\(requested)' was not found. Use a full contract id such as 'CON.F.US.EP.U25' from Contract/search or Contract/available.")
        }
        guard core.feed.touch(of: contract.id) != nil else {
            throw HubException(contract.isActive
                ? "Contract '\(contract.id)' has no market data in this simulator (it is not among the simulated contracts)."
                : "Contract '\(contract.id)' has no market data (it is not an active contract).")
        }
        return contract.id
    }
}
