import Foundation
import Gateway
import Logging

/// The two gateway hubs of a ``CommandContext``, connected on first use and kept connected until
/// ``stop()``, and an ``AccountMonitor`` per account a command looks at, on those hubs.
///
/// A command run on its own connects the hub it needs and the command's `run()` stops it at the
/// end; the shell keeps one instance for its whole session, so its streams share one connection
/// per hub and one token, and each account's state is read once and then kept by the user hub
/// (a second `positions` answers at once). Before a hub connects, the client logs in (or reuses its token), so a
/// login failure is reported as the REST error it is, not as a hub refusal.
///
/// ```swift
/// let market = try await context.realtime.marketHub()
/// let events = market.events()
/// try await market.subscribe(.quotes, contract.id)
/// ```
actor RealtimeHubs {
    private let client: GatewayClient
    private let marketOptions: MarketHub.Options
    private let userOptions: HubOptions
    private var market: MarketHub?
    private var user: UserHub?
    private var marketStart: Task<MarketHub, any Error>?
    private var userStart: Task<UserHub, any Error>?
    /// Each account's monitor, with the user hub it runs on.
    private var monitors: [Int: (monitor: AccountMonitor, hub: ObjectIdentifier)] = [:]

    init(client: GatewayClient, marketOptions: MarketHub.Options = .init(), userOptions: HubOptions = .init()) {
        self.client = client
        self.marketOptions = marketOptions
        self.userOptions = userOptions
    }

    /// The market hub's URL.
    nonisolated var marketURL: URL { client.configuration.marketHubURL }
    /// The user hub's URL.
    nonisolated var userURL: URL { client.configuration.userHubURL }

    /// The market hub, connecting it first if needed.
    ///
    /// - Throws: the login's ``GatewayError``, or a ``HubFailure`` when the first connection fails.
    func marketHub() async throws -> MarketHub {
        if let market, !Self.isStopped(market.status) { return market }
        market = nil
        let task: Task<MarketHub, any Error>
        if let marketStart {
            task = marketStart
        } else {
            let (client, options, url) = (client, marketOptions, marketURL)
            task = Task {
                _ = try await client.login()
                let hub = MarketHub(client: client, options: options, logger: Logger(label: "gateway.market"))
                try await Self.start(hub: "market", url: url, start: { try await hub.start() }, stop: { await hub.stop() })
                return hub
            }
            marketStart = task
        }
        defer { marketStart = nil }
        let hub = try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        market = hub
        return hub
    }

    /// The user hub, connecting it first if needed.
    ///
    /// - Throws: the login's ``GatewayError``, or a ``HubFailure`` when the first connection fails.
    func userHub() async throws -> UserHub {
        if let user, !Self.isStopped(user.status) { return user }
        user = nil
        let task: Task<UserHub, any Error>
        if let userStart {
            task = userStart
        } else {
            let (client, options, url) = (client, userOptions, userURL)
            task = Task {
                _ = try await client.login()
                let hub = UserHub(client: client, options: options, logger: Logger(label: "gateway.user"))
                try await Self.start(hub: "user", url: url, start: { try await hub.start() }, stop: { await hub.stop() })
                return hub
            }
            userStart = task
        }
        defer { userStart = nil }
        let hub = try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        user = hub
        return hub
    }

    /// The monitor of account `accountId`, started on first use (connecting the user hub) and
    /// kept until ``stop()``. With `pricing` it also values positions on the market hub (a
    /// monitor started without is replaced by one with).
    ///
    /// - Throws: as ``userHub()`` and ``marketHub()``.
    func accountMonitor(accountId: Int, pricing: Bool) async throws -> AccountMonitor {
        let user = try await userHub()
        if let existing = monitors[accountId], existing.hub == ObjectIdentifier(user), existing.monitor.status != .stopped,
           !pricing || existing.monitor.pricesPositions {
            return existing.monitor
        }
        let market = pricing ? try await marketHub() : nil
        if let old = monitors.removeValue(forKey: accountId) { await old.monitor.stop() }
        let monitor = AccountMonitor(client: client, accountId: accountId, userHub: user, marketHub: market, logger: Logger(label: "gateway.account"))
        monitors[accountId] = (monitor, ObjectIdentifier(user))
        await monitor.start()
        return monitor
    }

    /// Stops the account monitors and disconnects both hubs (a later ask connects anew).
    func stop() async {
        let (market, user, monitors) = (self.market, self.user, self.monitors.values.map(\.monitor))
        self.market = nil
        self.user = nil
        self.monitors = [:]
        for monitor in monitors { await monitor.stop() }
        await market?.stop()
        await user?.stop()
    }

    private static func isStopped(_ status: HubStatus) -> Bool {
        if case .stopped = status { return true }
        return false
    }

    /// Starts a hub, turning a failed first connection into a ``HubFailure``.
    private static func start(
        hub: String, url: URL, start: @Sendable () async throws -> Void, stop: @Sendable () async -> Void
    ) async throws {
        do {
            try await start()
        } catch let error as HubError {
            await stop()
            throw HubFailure(hub: hub, url: url, reason: .connectFailed(error))
        } catch is CancellationError {
            await stop()
            throw CancellationError()
        } catch {
            await stop()
            throw HubFailure(hub: hub, url: url, reason: .connectFailedOther(String(describing: error)))
        }
    }
}
