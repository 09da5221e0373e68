import Foundation
import Logging
import MarketData
import SignalR
import SignalRProtocol
import NIOConcurrencyHelpers

/// Real-time market data: quotes, trades and depth for contracts, from the gateway's market hub.
///
/// The hub asks the ``TokenManager`` for a token on every connect and reconnect, keeps the wanted
/// subscriptions and re-applies all of them on every new connection before it reports itself live,
/// reports a ``MarketEvent/gap(contractIds:reason:)`` whenever data may have been missed, and
/// forces a reconnect when a subscribed feed stays silent for ``Options/staleFeedWindow``.
///
/// ```swift
/// let market = MarketHub(client: client)
/// let events = market.events()
/// try await market.start()
/// try await market.subscribe(.quotes, "CON.F.US.EP.U25")
/// for await event in events {
///     if case .quote(let contract, let quote) = event { print(contract, quote.lastPrice ?? 0) }
/// }
/// ```
public final class MarketHub: Sendable {
    /// Settings of the market hub.
    public struct Options: Sendable {
        public var hub = HubOptions()
        /// A connected feed with subscriptions that delivers nothing for this long is treated as
        /// frozen: the hub reports a gap and reconnects. `nil` turns the watchdog off. Default 30 s.
        public var staleFeedWindow: Duration? = .seconds(30)

        public init() {}
    }

    private let supervised: SupervisedHub<MarketSubscription>
    private let broadcaster: EventBroadcaster<MarketEvent>
    private let logger: Logger

    /// A market hub for the gateway of `client`, sharing its token manager.
    public convenience init(client: GatewayClient, options: Options = .init(), logger: Logger = Logger(label: "gateway.market")) {
        var options = options
        if options.hub.metricsFactory == nil { options.hub.metricsFactory = client.configuration.metricsFactory }
        self.init(url: client.configuration.marketHubURL, tokens: client.tokens, options: options, logger: logger)
    }

    public init(url: URL, tokens: TokenManager, options: Options = .init(), logger: Logger = Logger(label: "gateway.market")) {
        let metrics = HubMetrics(hub: "market", factory: options.hub.metricsFactory)
        let broadcaster = EventBroadcaster<MarketEvent>(
            bufferSize: options.hub.eventBufferSize,
            counters: (metrics.eventsDelivered, metrics.eventsDropped)
        )
        self.broadcaster = broadcaster
        self.logger = logger
        supervised = SupervisedHub(
            url: url,
            tokens: tokens,
            options: options.hub,
            staleFeedWindow: options.staleFeedWindow,
            logger: logger,
            metrics: metrics,
            hooks: .init(
                apply: { connection, subscription in
                    try await connection.invoke(subscription.kind.subscribeMethod, subscription.contractId)
                },
                remove: { connection, subscription in
                    try await connection.invoke(subscription.kind.unsubscribeMethod, subscription.contractId)
                },
                gap: { reason, subscriptions in
                    let affected = Set(subscriptions.map(\.contractId)).sorted()
                    broadcaster.yield(.gap(contractIds: affected, reason: reason))
                },
                live: { connectionId in broadcaster.yield(.live(connectionId: connectionId)) }
            )
        )
        registerHandlers()
    }

    /// A new stream of every market event from now on. Create it before ``start()`` to see the
    /// first ``MarketEvent/live(connectionId:)``.
    public func events() -> AsyncStream<MarketEvent> { broadcaster.stream() }

    /// The hub's status now, then every change.
    public func statusUpdates() -> AsyncStream<HubStatus> { supervised.statusUpdates() }

    /// The hub's status now.
    public var status: HubStatus { supervised.status }

    /// The subscriptions the hub keeps applied.
    public var subscriptions: [MarketSubscription] {
        get async { supervised.wantedSubscriptions }
    }

    /// Wanted subscriptions the server refused, with its message. They stay wanted and are
    /// retried (see ``HubStatus/degraded(reason:)``) until accepted or unsubscribed.
    public var refusedSubscriptions: [MarketSubscription: String] {
        get async { supervised.refusedSubscriptions }
    }

    /// Events received, events that could not be read, and reconnects forced by the watchdog.
    public var statistics: (events: Int, malformed: Int, staleReconnects: Int) {
        let statistics = supervised.statistics
        return (statistics.events, statistics.malformed, statistics.staleRestarts)
    }

    /// Elements lost because a consumer did not keep up.
    public var droppedEvents: Int { broadcaster.droppedCount }

    /// Connects. Throws a ``HubError`` when the first connection fails (including a token refused
    /// even after a refresh); after that, reconnects happen by themselves.
    public func start() async throws {
        try await supervised.start()
    }

    /// Disconnects for good and ends every event stream's pending work (the streams stay open
    /// for a later ``start()``, which restores the wanted subscriptions).
    public func stop() async {
        await supervised.stop()
    }

    /// Subscribes to `kind` data for a contract; kept across reconnects until unsubscribed.
    ///
    /// When the hub is connected this waits for the gateway's answer. A refusal is thrown
    /// (``HubError/Code/refused``) and the subscription stays wanted: the hub reports itself
    /// degraded and retries it until it is accepted or unsubscribed. No answer within
    /// ``HubOptions/invocationTimeout`` is thrown (``HubError/Code/timedOut``) and the hub
    /// reconnects, applying every wanted subscription anew.
    public func subscribe(_ kind: MarketSubscription.Kind, _ contractId: String) async throws {
        try await supervised.subscribe(MarketSubscription(kind, contractId))
    }

    /// Subscribes to quotes, trades and depth of a contract.
    public func subscribeAll(_ contractId: String) async throws {
        for kind in MarketSubscription.Kind.allCases { try await subscribe(kind, contractId) }
    }

    /// Unsubscribes; waits for the gateway's answer when it had the subscription.
    public func unsubscribe(_ kind: MarketSubscription.Kind, _ contractId: String) async throws {
        try await supervised.unsubscribe(MarketSubscription(kind, contractId))
    }

    /// Drops the connection and connects anew, restoring every subscription.
    public func reconnect(reason: String = "requested") async {
        supervised.reconnect(reason: HubError(code: .reconnectRequested, message: "reconnect requested: \(reason)"))
    }

    // MARK: Events

    private func registerHandlers() {
        supervised.on("GatewayQuote") { [weak self] arguments in
            guard let self, let (contract, payload) = self.split(arguments, event: "GatewayQuote") else { return }
            // A null quote has been seen; it carries nothing.
            guard !payload.isNull else { return }
            guard let quote = self.decode(Quote.self, payload, event: "GatewayQuote") else { return }
            self.deliver(.quote(contractId: contract, quote))
        }
        supervised.on("GatewayTrade") { [weak self] arguments in
            guard let self, let (contract, payload) = self.split(arguments, event: "GatewayTrade"),
                let trades = self.decodeBatch(MarketTrade.self, payload, event: "GatewayTrade")
            else { return }
            self.deliver(.trades(contractId: contract, trades))
        }
        supervised.on("GatewayDepth") { [weak self] arguments in
            guard let self, let (contract, payload) = self.split(arguments, event: "GatewayDepth"),
                let depth = self.decodeBatch(DepthEntry.self, payload, event: "GatewayDepth")
            else { return }
            self.deliver(.depth(contractId: contract, depth))
        }
    }

    private func deliver(_ event: MarketEvent) {
        broadcaster.yield(event)
    }

    /// `(contractId, data)`; the contract id is the handler's first argument because quotes
    /// carry the symbol id, not the contract id.
    private func split(_ arguments: [RawJSON], event: String) -> (String, RawJSON)? {
        guard arguments.count >= 2, let contract = try? String(hubPayload: arguments[0]) else {
            supervised.countMalformed()
            logger.warning("Ignored a \(event) without (contractId, data) arguments.", metadata: ["arguments": "\(arguments.count)"])
            return nil
        }
        return (contract, arguments[1])
    }

    /// Decodes straight from the frame's bytes (see ``HubPayloadDecodable``). A payload that does
    /// not decode is dropped and counted; array items that do not decode are skipped, counted
    /// and logged, and the rest of the batch is delivered.
    private func decode<T: HubPayloadDecodable>(_ type: T.Type, _ payload: RawJSON, event: String) -> T? {
        let value: T
        do {
            value = try T(hubPayload: payload)
        } catch {
            supervised.countMalformed()
            logger.warning("Ignored a malformed \(event).", metadata: ["error": "\(error.message)"])
            return nil
        }
        return value
    }

    private func decodeBatch<Element: HubPayloadDecodable>(_ type: Element.Type, _ payload: RawJSON, event: String) -> [Element]? {
        guard let batch = decode(OneOrMany<Element>.self, payload, event: event) else { return nil }
        if batch.skippedCount > 0 {
            supervised.countMalformed(batch.skippedCount)
            logger.warning("Skipped malformed items of a \(event).", metadata: ["skipped": "\(batch.skippedCount)"])
        }
        return batch.elements
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
