import Foundation
import Logging
import SignalR
import SignalRProtocol
import NIOConcurrencyHelpers

/// Real-time account data: account, order, position and trade updates from the gateway's user
/// hub.
///
/// Like ``MarketHub`` it takes its token from the ``TokenManager`` on every connect, keeps the
/// wanted subscriptions and restores them on every new connection, and reports a
/// ``UserEvent/gap(reason:)`` whenever updates may have been missed: the connection dropped, an
/// event could not be read, or the consumer fell so far behind that its buffer overflowed. It has
/// no stale-feed watchdog: a flat account is legitimately silent.
///
/// ``AccountMonitor`` builds an account's state from these events and REST snapshots.
///
/// ```swift
/// let user = UserHub(client: client)
/// let events = user.events()
/// try await user.start()
/// try await user.subscribe(.orders(accountId: 12))
/// for await case .order(let order) in events { print(order.id, order.status) }
/// ```
public final class UserHub: Sendable {
    private let supervised: SupervisedHub<UserSubscription>
    private let broadcaster: EventBroadcaster<UserEvent>
    private let logger: Logger

    /// A user hub for the gateway of `client`, sharing its token manager.
    public convenience init(client: GatewayClient, options: HubOptions = .init(), logger: Logger = Logger(label: "gateway.user")) {
        var options = options
        if options.metricsFactory == nil { options.metricsFactory = client.configuration.metricsFactory }
        self.init(url: client.configuration.userHubURL, tokens: client.tokens, options: options, logger: logger)
    }

    public init(url: URL, tokens: TokenManager, options: HubOptions = .init(), logger: Logger = Logger(label: "gateway.user")) {
        let bufferSize = options.eventBufferSize
        // A consumer that lost events must rebuild what it derived from them: it is sent a gap.
        let metrics = HubMetrics(hub: "user", factory: options.metricsFactory)
        let broadcaster = EventBroadcaster<UserEvent>(bufferSize: bufferSize, overflowMarker: {
            .gap(reason: "events were dropped: this consumer fell more than \(bufferSize) events behind")
        }, counters: (metrics.eventsDelivered, metrics.eventsDropped))
        self.broadcaster = broadcaster
        self.logger = logger
        supervised = SupervisedHub(
            url: url,
            tokens: tokens,
            options: options,
            staleFeedWindow: nil,
            logger: logger,
            metrics: metrics,
            hooks: .init(
                apply: { connection, subscription in
                    if let accountId = subscription.accountId {
                        try await connection.invoke(subscription.subscribeMethod, accountId)
                    } else {
                        try await connection.invoke(subscription.subscribeMethod)
                    }
                },
                remove: { connection, subscription in
                    if let accountId = subscription.accountId {
                        try await connection.invoke(subscription.unsubscribeMethod, accountId)
                    } else {
                        try await connection.invoke(subscription.unsubscribeMethod)
                    }
                },
                gap: { reason, _ in broadcaster.yield(.gap(reason: reason)) },
                live: { connectionId in broadcaster.yield(.live(connectionId: connectionId)) }
            )
        )
        registerHandlers()
    }

    /// A new stream of every user event from now on.
    public func events() -> AsyncStream<UserEvent> { broadcaster.stream() }

    /// The hub's status now, then every change.
    public func statusUpdates() -> AsyncStream<HubStatus> { supervised.statusUpdates() }

    public var status: HubStatus { supervised.status }

    public var subscriptions: [UserSubscription] {
        get async { supervised.wantedSubscriptions }
    }

    /// Wanted subscriptions the server refused, with its message. They stay wanted and are
    /// retried (see ``HubStatus/degraded(reason:)``) until accepted or unsubscribed.
    public var refusedSubscriptions: [UserSubscription: String] {
        get async { supervised.refusedSubscriptions }
    }

    /// Events received and events that could not be read.
    public var statistics: (events: Int, malformed: Int) {
        let statistics = supervised.statistics
        return (statistics.events, statistics.malformed)
    }

    /// Connects. Throws a ``HubError`` when the first connection fails; after that, reconnects
    /// happen by themselves.
    public func start() async throws { try await supervised.start() }

    /// Disconnects; the wanted subscriptions are kept for a later ``start()``.
    public func stop() async { await supervised.stop() }

    /// Subscribes; kept across reconnects until unsubscribed. When connected, waits for the
    /// gateway's answer: a refusal is thrown (``HubError/Code/refused``) and the subscription
    /// stays wanted and retried; no answer in time is thrown (``HubError/Code/timedOut``) and the
    /// hub reconnects.
    public func subscribe(_ subscription: UserSubscription) async throws {
        try await supervised.subscribe(subscription)
    }

    /// Subscribes to orders, positions and trades of an account (and account updates).
    public func subscribeAll(accountId: Int) async throws {
        try await subscribe(.accounts)
        try await subscribe(.orders(accountId: accountId))
        try await subscribe(.positions(accountId: accountId))
        try await subscribe(.trades(accountId: accountId))
    }

    public func unsubscribe(_ subscription: UserSubscription) async throws {
        try await supervised.unsubscribe(subscription)
    }

    /// Drops the connection and connects anew, restoring every subscription.
    public func reconnect(reason: String = "requested") async {
        supervised.reconnect(reason: HubError(code: .reconnectRequested, message: "reconnect requested: \(reason)"))
    }

    private func registerHandlers() {
        let decoder = GatewayJSON.decoder()
        register("GatewayUserAccount", Account.self, decoder) { .account($0) }
        register("GatewayUserOrder", Order.self, decoder) { .order($0) }
        register("GatewayUserPosition", Position.self, decoder) { .position($0) }
        register("GatewayUserTrade", Trade.self, decoder) { .trade($0) }
    }

    private func register<T: Decodable & Sendable>(_ event: String, _ type: T.Type, _ decoder: JSONDecoder, wrap: @escaping @Sendable (T) -> UserEvent) {
        supervised.on(event) { [weak self] arguments in
            guard let self else { return }
            // User events carry one argument; tolerate a leading id as some clients have seen.
            guard let payload = arguments.last, !payload.isNull else { return }
            do {
                let value = try payload.decode(T.self, decoder: decoder)
                self.broadcaster.yield(wrap(value))
            } catch {
                self.supervised.countMalformed()
                self.logger.warning("Ignored a malformed \(event).", metadata: ["error": "\(error)"])
                // The update it carried is lost: say so, so that account state is rebuilt.
                self.broadcaster.yield(.gap(reason: "an unreadable \(event) was ignored"))
            }
        }
    }
}
