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

    private let session: HubSession<MarketSubscription>
    private let broadcaster: EventBroadcaster<MarketEvent>
    private let watchdog: NIOLockedValueBox<FeedWatchdog>?
    private let watchdogTask = NIOLockedValueBox<Task<Void, Never>?>(nil)
    private let counters = NIOLockedValueBox(Counters())
    /// The contracts with at least one wanted subscription, readable without awaiting the
    /// coordinator (a gap is reported synchronously).
    private let contracts: NIOLockedValueBox<Set<String>>
    private let options: Options
    private let logger: Logger

    private struct Counters {
        var events = 0
        var malformed = 0
        var staleReconnects = 0
    }

    /// A market hub for the gateway of `client`, sharing its token manager.
    public convenience init(client: GatewayClient, options: Options = .init(), logger: Logger = Logger(label: "gateway.market")) {
        self.init(url: client.configuration.marketHubURL, tokens: client.tokens, options: options, logger: logger)
    }

    public init(url: URL, tokens: TokenManager, options: Options = .init(), logger: Logger = Logger(label: "gateway.market")) {
        let broadcaster = EventBroadcaster<MarketEvent>(bufferSize: options.hub.eventBufferSize)
        self.broadcaster = broadcaster
        self.options = options
        self.logger = logger
        let watchdog = options.staleFeedWindow.map { NIOLockedValueBox(FeedWatchdog(window: $0.timeInterval)) }
        self.watchdog = watchdog
        let contracts = NIOLockedValueBox<Set<String>>([])
        self.contracts = contracts
        session = HubSession(
            url: url,
            tokens: tokens,
            options: options.hub,
            logger: logger,
            apply: { connection, subscription in
                try await connection.invoke(subscription.kind.subscribeMethod, subscription.contractId)
            },
            remove: { connection, subscription in
                try await connection.invoke(subscription.kind.unsubscribeMethod, subscription.contractId)
            },
            onGap: { reason in
                watchdog?.withLockedValue { $0.disarm() }
                let affected = contracts.withLockedValue { $0 }.sorted()
                broadcaster.yield(.gap(contractIds: affected, reason: reason))
            },
            onLive: { connectionId in
                if !contracts.withLockedValue({ $0.isEmpty }) { watchdog?.withLockedValue { $0.arm(at: Date()) } }
                broadcaster.yield(.live(connectionId: connectionId))
            }
        )
        registerHandlers()
    }

    /// A new stream of every market event from now on. Create it before ``start()`` to see the
    /// first ``MarketEvent/live(connectionId:)``.
    public func events() -> AsyncStream<MarketEvent> { broadcaster.stream() }

    /// The hub's status now, then every change.
    public func statusUpdates() -> AsyncStream<HubStatus> { session.statusUpdates() }

    /// The hub's status now.
    public var status: HubStatus { session.status }

    /// The subscriptions the hub keeps applied.
    public var subscriptions: [MarketSubscription] {
        get async { await session.coordinator.wantedSubscriptions }
    }

    /// Wanted subscriptions the server refused, with its message. They stay wanted and are
    /// retried (see ``HubStatus/degraded(reason:)``) until accepted or unsubscribed.
    public var refusedSubscriptions: [MarketSubscription: String] {
        get async { await session.coordinator.refusedSubscriptions }
    }

    /// Events received, events that could not be read, and reconnects forced by the watchdog.
    public var statistics: (events: Int, malformed: Int, staleReconnects: Int) {
        counters.withLockedValue { ($0.events, $0.malformed, $0.staleReconnects) }
    }

    /// Elements lost because a consumer did not keep up.
    public var droppedEvents: Int { broadcaster.droppedCount }

    /// Connects. Throws when the first connection fails (including a token refused even after a
    /// refresh); after that, reconnects happen by themselves.
    public func start() async throws {
        try await session.start()
        startWatchdog()
    }

    /// Disconnects for good and ends every event stream's pending work (the streams stay open
    /// for a later ``start()``).
    public func stop() async {
        watchdogTask.withLockedValue { $0?.cancel(); $0 = nil }
        await session.stop()
    }

    /// Subscribes to `kind` data for a contract; kept across reconnects until unsubscribed. A
    /// subscription the server refuses is thrown (`SignalRError.invocationFailed`) and stays
    /// wanted: the hub reports itself degraded and retries it until it is accepted or unsubscribed.
    public func subscribe(_ kind: MarketSubscription.Kind, _ contractId: String) async throws {
        let subscription = MarketSubscription(kind, contractId)
        do {
            try await session.subscribe(subscription)
        } catch {
            // A refused subscription stays wanted and retried: its contract is one of the hub's.
            if await session.coordinator.wantedSubscriptions.contains(subscription) {
                contracts.withLockedValue { _ = $0.insert(contractId) }
            }
            throw error
        }
        contracts.withLockedValue { _ = $0.insert(contractId) }
        if status.isLive {
            // Arm (or keep armed) the watchdog from now: a new subscription may take a moment to flow.
            watchdog?.withLockedValue { $0.arm(at: Date()) }
        }
    }

    /// Subscribes to quotes, trades and depth of a contract.
    public func subscribeAll(_ contractId: String) async throws {
        for kind in MarketSubscription.Kind.allCases { try await subscribe(kind, contractId) }
    }

    public func unsubscribe(_ kind: MarketSubscription.Kind, _ contractId: String) async throws {
        try await session.unsubscribe(MarketSubscription(kind, contractId))
        let remaining = await session.coordinator.wantedSubscriptions
        contracts.withLockedValue { $0 = Set(remaining.map(\.contractId)) }
        if remaining.isEmpty { watchdog?.withLockedValue { $0.disarm() } }
    }

    /// Drops the connection and connects anew, restoring every subscription.
    public func reconnect(reason: String = "requested") async {
        await session.restart(reason: reason)
    }

    // MARK: Events

    private func registerHandlers() {
        session.connection.onRaw("GatewayQuote") { [weak self] arguments in
            guard let self, let (contract, payload) = self.split(arguments, event: "GatewayQuote") else { return }
            // A null quote has been seen; it carries nothing.
            guard !payload.isNull else { return }
            guard let quote = self.decode(Quote.self, payload, event: "GatewayQuote") else { return }
            self.deliver(.quote(contractId: contract, quote))
        }
        session.connection.onRaw("GatewayTrade") { [weak self] arguments in
            guard let self, let (contract, payload) = self.split(arguments, event: "GatewayTrade"),
                let trades = self.decodeBatch(MarketTrade.self, payload, event: "GatewayTrade")
            else { return }
            self.deliver(.trades(contractId: contract, trades))
        }
        session.connection.onRaw("GatewayDepth") { [weak self] arguments in
            guard let self, let (contract, payload) = self.split(arguments, event: "GatewayDepth"),
                let depth = self.decodeBatch(DepthEntry.self, payload, event: "GatewayDepth")
            else { return }
            self.deliver(.depth(contractId: contract, depth))
        }
    }

    private func deliver(_ event: MarketEvent) {
        counters.withLockedValue { $0.events += 1 }
        watchdog?.withLockedValue { $0.recordEvent(at: Date()) }
        broadcaster.yield(event)
    }

    /// `(contractId, data)`; the contract id is the handler's first argument because quotes
    /// carry the symbol id, not the contract id.
    private func split(_ arguments: [RawJSON], event: String) -> (String, RawJSON)? {
        guard arguments.count >= 2, let contract = try? String(hubPayload: arguments[0]) else {
            counters.withLockedValue { $0.malformed += 1 }
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
            counters.withLockedValue { $0.malformed += 1 }
            logger.warning("Ignored a malformed \(event).", metadata: ["error": "\(error.message)"])
            return nil
        }
        return value
    }

    private func decodeBatch<Element: HubPayloadDecodable>(_ type: Element.Type, _ payload: RawJSON, event: String) -> [Element]? {
        guard let batch = decode(OneOrMany<Element>.self, payload, event: event) else { return nil }
        if batch.skippedCount > 0 {
            counters.withLockedValue { $0.malformed += batch.skippedCount }
            logger.warning("Skipped malformed items of a \(event).", metadata: ["skipped": "\(batch.skippedCount)"])
        }
        return batch.elements
    }

    // MARK: Watchdog

    private func startWatchdog() {
        guard let watchdog, let window = options.staleFeedWindow else { return }
        let tick = max(window / 4, .milliseconds(100))
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                guard let self else { return }
                guard case .stale(let silence) = watchdog.withLockedValue({ $0.check(at: Date()) }) else { continue }
                self.counters.withLockedValue { $0.staleReconnects += 1 }
                let reason = "no market data for \(Int(silence)) s while connected (stale feed)"
                self.logger.error("Market feed is silent; forcing a reconnect.", metadata: ["silence": "\(silence)"])
                await self.session.restart(reason: reason)
            }
        }
        watchdogTask.withLockedValue { $0?.cancel(); $0 = task }
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
