import Metrics
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOPosix
import SignalRProtocol
import NIOConcurrencyHelpers

/// A client connection to an ASP.NET Core SignalR hub over WebSockets with the JSON protocol.
///
/// Register handlers, start, then invoke, send and stream. The access-token provider is asked on
/// every negotiate and every WebSocket connect, reconnects included, and told why (initial
/// connect, reconnect, or "the last token was refused"); a 401/403 is retried at once with a
/// fresh token. With a ``RetryPolicy`` the connection reconnects after it is lost: every pending
/// invocation fails at once, each reconnect is a new server connection (re-subscribe when the
/// state becomes ``HubConnectionState/connected(connectionId:)`` again).
///
/// ```swift
/// var options = HubConnectionOptions()
/// options.accessTokenProvider = { request in
///     try await tokenManager.validToken(forceRefresh: request.reason.isAuthenticationFailure)
/// }
/// options.accessTokenInQuery = true
/// options.retryPolicy = ExponentialBackoffRetryPolicy()
/// let connection = HubConnection(url: URL(string: "https://rtc.topstepx.com/hubs/market")!, options: options)
///
/// connection.on("GatewayQuote") { (contractId: String, quote: Quote) in
///     print(contractId, quote.lastPrice)
/// }
/// Task {
///     for await state in connection.states where state.isConnected {
///         try? await connection.invoke("SubscribeContractQuotes", "CON.F.US.EP.U25")   // after every (re)connect
///     }
/// }
/// try await connection.start()
/// let echoed = try await connection.invoke("Echo", "hi", returning: String.self)
/// await connection.stop()
/// ```
///
/// Handlers run one after another on the connection's receive task, in the order the server sent
/// the messages; a handler that suspends for long delays everything behind it (and, past the
/// server timeout, the connection itself). Call ``stop()`` when done: a started connection keeps
/// itself alive.
public final class HubConnection: Sendable {
    /// The hub URL, with secrets redacted.
    public let url: String
    /// The parsed hub URL, or why it cannot be used (reported by ``start()``).
    let endpoint: Result<HubEndpoint, SignalRError>
    let options: HubConnectionOptions
    let httpClient: HTTPClient
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger
    let tlsContexts: TLSContextCache
    let core: NIOLockedValueBox<ConnectionCore>
    let handlers = NIOLockedValueBox(HandlerRegistry())
    let metrics: ConnectionMetrics

    /// Creates a connection; nothing happens until ``start()``.
    ///
    /// - Parameters:
    ///   - url: the hub URL (`http`, `https`, `ws` or `wss`); its query string is kept on every request.
    ///   - options: tokens, timeouts, retry policy, logger.
    ///   - httpClient: the client used for negotiate; by default one process-wide client that fails
    ///     fast when the server is unreachable. Its TLS settings apply to `https` negotiate.
    ///   - eventLoopGroup: the group the WebSocket runs on; by default NIO's singleton group.
    public convenience init(
        url: URL,
        options: HubConnectionOptions = HubConnectionOptions(),
        httpClient: HTTPClient? = nil,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.init(url: url, options: options, httpClient: httpClient, eventLoopGroup: eventLoopGroup,
                  tlsContexts: TLSContextCache(configuration: options.tlsConfiguration))
    }

    /// A connection that shares `tlsContexts` with others: a supervisor that makes a new
    /// connection for every reconnect builds its TLS context (its trust roots) once.
    package init(
        url: URL,
        options: HubConnectionOptions,
        httpClient: HTTPClient? = nil,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        tlsContexts: TLSContextCache
    ) {
        var logger = options.logger
        self.endpoint = Result { () throws(SignalRError) in try HubEndpoint(url) }
        self.metrics = ConnectionMetrics(
            hub: ConnectionMetrics.hubName(path: (try? endpoint.get())?.path ?? ""),
            factory: options.metricsFactory ?? MetricsSystem.factory
        )
        self.url = Redaction.url(url.absoluteString)
        logger[metadataKey: "signalr.hub"] = "\(self.url)"
        self.options = options
        self.httpClient = httpClient ?? DefaultHTTPClient.shared
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.tlsContexts = tlsContexts
        self.core = NIOLockedValueBox(
            ConnectionCore(
                machine: ConnectionStateMachine(
                    configuration: .init(
                        retryPolicy: options.retryPolicy,
                        authenticationFailureRetryLimit: max(0, options.authenticationFailureRetryLimit)
                    )
                )
            )
        )
    }

    /// The current state.
    public var state: HubConnectionState {
        core.withLockedValue { $0.state }
    }

    /// The server's id for the current connection; `nil` when not connected or negotiation was skipped.
    public var connectionId: String? {
        if case .connected(let id) = state { return id }
        return nil
    }

    /// The state now, then every change, for as long as the caller iterates. Each access creates
    /// a new independent sequence.
    public var states: AsyncStream<HubConnectionState> {
        let (stream, continuation) = AsyncStream<HubConnectionState>.makeStream()
        core.withLockedValue { core in
            continuation.yield(core.state)
            core.observers[core.makeObserverId()] = continuation
        }
        return stream
    }

    /// Connects: negotiate (unless skipped), WebSocket, handshake.
    ///
    /// Throws the attempt's error; after a 401/403 the token provider is asked again (reason
    /// ``AccessTokenRequest/Reason/authenticationFailure(status:phase:)``) and the attempt repeated
    /// up to ``HubConnectionOptions/authenticationFailureRetryLimit`` times first. A failed start is
    /// not retried by the retry policy. Cancelling the calling task stops the connection.
    public func start() async throws {
        if case .failure(let error) = endpoint {
            logger.error("Cannot start: \(error)")
            throw error
        }
        logger.info("Starting connection")
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                process { machine, _ in
                    machine.start()
                } prepare: { core in
                    core.startWaiters.append(continuation)
                }
            }
        } onCancel: {
            Task { await self.stop() }
        }
    }

    /// Stops: fails pending invocations, sends a Close message as a best effort, closes the
    /// WebSocket, cancels a connect attempt or a reconnect delay. Returns when disconnected;
    /// safe to call in any state and more than once.
    public func stop() async {
        logger.info("Stopping connection")
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            process { machine, _ in
                machine.stop()
            } prepare: { core in
                core.stopWaiters.append(continuation)
            }
        }
    }
}
