import Logging
import SignalRProtocol
import SignalRServer
import NIOConcurrencyHelpers

/// `/hubs/user`: the gateway's user hub over the simulator's ``Exchange``.
///
/// Server methods (reference §6.2):
/// - `SubscribeAccounts` / `UnsubscribeAccounts` take no argument; one argument (project-x-py sends
///   an account id) is accepted and ignored. `SubscribeAccounts` covers every visible account of
///   the token's user.
/// - `SubscribeOrders`, `SubscribePositions`, `SubscribeTrades` and their `Unsubscribe…`
///   counterparts take one integer account id, and may be called once per account. An account
///   that is not the caller's (or does not exist) is a hub error Completion.
///
/// Events (reference §6.3) carry one argument, a single object: `GatewayUserAccount`,
/// `GatewayUserOrder`, `GatewayUserPosition` (a closed position has `size` 0), `GatewayUserTrade`.
///
/// ```swift
/// let user = SimulatorUserHub(core: core, configuration: hubConfiguration, logger: logger)
/// user.server.mount(at: "/hubs/user", on: router, upgrades: upgrades)
/// ```
final class SimulatorUserHub: Sendable {
    /// The SignalR hub.
    let server: HubServer
    private let core: SimulatorCore
    private let logger: Logger
    private let connections = NIOLockedValueBox<[String: UserConnection]>([:])

    init(core: SimulatorCore, configuration: SimulatorHubsConfiguration, logger: Logger) {
        self.core = core
        self.logger = logger
        self.server = HubServer(
            name: "user", configuration: configuration.serverConfiguration(clock: core.clock), logger: logger,
            authenticator: HubGatekeeper(core: core, hub: "user", logger: logger).authenticator
        )
        registerLifecycle()
        registerAccountMethods()
        registerAccountScopedMethods()
    }

    /// Live connections with their subscription state (for tests and diagnostics).
    var connectionCount: Int { connections.withLockedValue { $0.count } }

    private func registerLifecycle() {
        let core = core
        let logger = logger
        server.onConnected { [weak self] connection in
            FramingSwitch.sync(connection, faults: core.faults)
            let state = UserConnection(connection: connection, core: core, logger: logger)
            self?.connections.withLockedValue { $0[connection.connectionId] = state }
        }
        server.onDisconnected { [weak self] connection, _ in
            let state = self?.connections.withLockedValue { $0.removeValue(forKey: connection.connectionId) }
            state?.close()
        }
    }

    private func registerAccountMethods() {
        server.on("SubscribeAccounts") { [weak self] call in
            try await self?.core.faults.waitBeforeAnsweringSubscription()
            guard let self else { throw HubException("The user hub is shutting down.") }
            FramingSwitch.sync(call.connection, faults: self.core.faults)
            try Self.expectAtMostOneArgument(call)
            try self.refuseIfFaulted(call)
            let user = try Self.user(of: call)
            let accounts = await self.core.exchange.accounts(of: user, onlyActive: false).map(\.id)
            self.state(of: call)?.subscription()?.subscribeAccounts(accounts)
            return nil
        }
        server.on("UnsubscribeAccounts") { [weak self] call in
            guard let self else { throw HubException("The user hub is shutting down.") }
            FramingSwitch.sync(call.connection, faults: self.core.faults)
            try Self.expectAtMostOneArgument(call)
            self.state(of: call)?.existingSubscription?.unsubscribeAccounts()
            return nil
        }
    }

    private func registerAccountScopedMethods() {
        typealias Change = @Sendable (UserEventSubscription, Int) -> Void
        let methods: [(String, Bool, Change)] = [
            ("SubscribeOrders", true, { $0.subscribeOrders($1) }),
            ("UnsubscribeOrders", false, { $0.unsubscribeOrders($1) }),
            ("SubscribePositions", true, { $0.subscribePositions($1) }),
            ("UnsubscribePositions", false, { $0.unsubscribePositions($1) }),
            ("SubscribeTrades", true, { $0.subscribeTrades($1) }),
            ("UnsubscribeTrades", false, { $0.unsubscribeTrades($1) }),
        ]
        for (name, subscribes, change) in methods {
            server.on(name) { [weak self] call in
                if subscribes { try await self?.core.faults.waitBeforeAnsweringSubscription() }
                guard let self else { throw HubException("The user hub is shutting down.") }
                FramingSwitch.sync(call.connection, faults: self.core.faults)
                let accountId = try await self.ownedAccountArgument(of: call)
                if subscribes { try self.refuseIfFaulted(call) }
                guard let state = self.state(of: call) else { return nil }
                if subscribes {
                    if let subscription = state.subscription() { change(subscription, accountId) }
                } else if let subscription = state.existingSubscription {
                    change(subscription, accountId)
                }
                return nil
            }
        }
    }

    private func state(of call: HubCall) -> UserConnection? {
        connections.withLockedValue { $0[call.connection.connectionId] }
    }

    /// The single account id argument, which must be an account of the connection's user.
    private func ownedAccountArgument(of call: HubCall) async throws -> Int {
        try call.expectArgumentCount(1)
        let accountId = try call.argument(0, as: Int.self)
        let user = try Self.user(of: call)
        guard await core.exchange.account(accountId, ownedBy: user) != nil else {
            throw HubException("Account \(accountId) was not found for this user.")
        }
        return accountId
    }

    /// The refused-subscription fault (``FaultInjector/refuseNextSubscriptions(_:on:)``).
    private func refuseIfFaulted(_ call: HubCall) throws {
        if core.faults.consumeSubscriptionRefusal(on: .user) {
            throw HubException("'\(call.target)' was refused (simulated fault: refused subscriptions).")
        }
    }

    /// `SubscribeAccounts` and `UnsubscribeAccounts` take none; one (ignored) is tolerated.
    private static func expectAtMostOneArgument(_ call: HubCall) throws {
        guard call.arguments.count <= 1 else {
            throw HubArgumentError("'\(call.target)' expects no argument (one is tolerated and ignored) but got \(call.arguments.count).")
        }
    }

    private static func user(of call: HubCall) throws -> String {
        guard let user = call.connection.principal.user else { throw HubException("The connection is not authenticated.") }
        return user
    }
}
