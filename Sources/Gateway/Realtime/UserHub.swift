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
/// event could not be read, or the consumer fell so far behind that its buffer overflowed. A
/// subscription the server refuses stays wanted and is retried (``HubStatus/degraded(reason:)``).
/// It has no stale-feed watchdog: a flat account is legitimately silent.
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
    private let session: HubSession<UserSubscription>
    private let broadcaster: EventBroadcaster<UserEvent>
    private let counters = NIOLockedValueBox((events: 0, malformed: 0))
    private let logger: Logger

    /// A user hub for the gateway of `client`, sharing its token manager.
    public convenience init(client: GatewayClient, options: HubOptions = .init(), logger: Logger = Logger(label: "gateway.user")) {
        self.init(url: client.configuration.userHubURL, tokens: client.tokens, options: options, logger: logger)
    }

    public init(url: URL, tokens: TokenManager, options: HubOptions = .init(), logger: Logger = Logger(label: "gateway.user")) {
        let bufferSize = options.eventBufferSize
        let broadcaster = EventBroadcaster<UserEvent>(bufferSize: bufferSize, overflowMarker: {
            .gap(reason: "events were dropped: this consumer fell more than \(bufferSize) events behind")
        })
        self.broadcaster = broadcaster
        self.logger = logger
        session = HubSession(
            url: url,
            tokens: tokens,
            options: options,
            logger: logger,
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
            onGap: { reason in broadcaster.yield(.gap(reason: reason)) },
            onLive: { connectionId in broadcaster.yield(.live(connectionId: connectionId)) }
        )
        registerHandlers()
    }

    /// A new stream of every user event from now on.
    public func events() -> AsyncStream<UserEvent> { broadcaster.stream() }

    /// The hub's status now, then every change.
    public func statusUpdates() -> AsyncStream<HubStatus> { session.statusUpdates() }

    public var status: HubStatus { session.status }

    public var subscriptions: [UserSubscription] {
        get async { await session.coordinator.wantedSubscriptions }
    }

    /// Wanted subscriptions the server refused, with its message. They stay wanted and are
    /// retried (see ``HubStatus/degraded(reason:)``) until accepted or unsubscribed.
    public var refusedSubscriptions: [UserSubscription: String] {
        get async { await session.coordinator.refusedSubscriptions }
    }

    /// Events received and events that could not be read.
    public var statistics: (events: Int, malformed: Int) { counters.withLockedValue { $0 } }

    public func start() async throws { try await session.start() }

    public func stop() async { await session.stop() }

    /// Subscribes; kept across reconnects until unsubscribed. A subscription the server refuses
    /// is thrown (`SignalRError.invocationFailed`) and stays wanted: the hub reports itself
    /// degraded and retries it until it is accepted or unsubscribed.
    public func subscribe(_ subscription: UserSubscription) async throws {
        try await session.subscribe(subscription)
    }

    /// Subscribes to orders, positions and trades of an account (and account updates).
    public func subscribeAll(accountId: Int) async throws {
        try await subscribe(.accounts)
        try await subscribe(.orders(accountId: accountId))
        try await subscribe(.positions(accountId: accountId))
        try await subscribe(.trades(accountId: accountId))
    }

    public func unsubscribe(_ subscription: UserSubscription) async throws {
        try await session.unsubscribe(subscription)
    }

    /// Drops the connection and connects anew, restoring every subscription.
    public func reconnect(reason: String = "requested") async {
        await session.restart(reason: reason)
    }

    private func registerHandlers() {
        let decoder = GatewayJSON.decoder()
        register("GatewayUserAccount", Account.self, decoder) { .account($0) }
        register("GatewayUserOrder", Order.self, decoder) { .order($0) }
        register("GatewayUserPosition", Position.self, decoder) { .position($0) }
        register("GatewayUserTrade", Trade.self, decoder) { .trade($0) }
    }

    private func register<T: Decodable & Sendable>(_ event: String, _ type: T.Type, _ decoder: JSONDecoder, wrap: @escaping @Sendable (T) -> UserEvent) {
        session.connection.onRaw(event) { [weak self] arguments in
            guard let self else { return }
            // User events carry one argument; tolerate a leading id as some clients have seen.
            guard let payload = arguments.last, !payload.isNull else { return }
            do {
                let value = try payload.decode(T.self, decoder: decoder)
                self.counters.withLockedValue { $0.events += 1 }
                self.broadcaster.yield(wrap(value))
            } catch {
                // The update it carried is lost: say so, so that account state is rebuilt.
                self.counters.withLockedValue { $0.malformed += 1 }
                self.logger.warning("Ignored a malformed \(event).", metadata: ["error": "\(error)"])
                self.broadcaster.yield(.gap(reason: "an unreadable \(event) was ignored"))
            }
        }
    }
}
