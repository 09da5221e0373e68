import Metrics
import Logging
import NIOSSL

/// How a ``HubConnection`` connects, authenticates, keeps alive and reconnects.
///
/// The defaults follow the official clients: handshake timeout 15 s, a Ping after 15 s without
/// sending, server timeout 30 s, no automatic reconnect, no invocation timeout.
///
/// ```swift
/// var options = HubConnectionOptions()
/// options.accessTokenProvider = { request in try await tokens.validToken(forceRefresh: request.reason.isAuthenticationFailure) }
/// options.accessTokenInQuery = true            // the ProjectX gateway reads `access_token`
/// options.skipNegotiation = true
/// options.retryPolicy = ExponentialBackoffRetryPolicy()
/// let connection = HubConnection(url: URL(string: "https://rtc.topstepx.com/hubs/market")!, options: options)
/// ```
public struct HubConnectionOptions: Sendable {
    /// Asked for a token on every negotiate and every WebSocket connect. `nil`: no token.
    public var accessTokenProvider: AccessTokenProvider?
    /// Also send the token as the `access_token` query parameter (URL-encoded), besides the
    /// `Authorization: Bearer` header. The ProjectX gateway reads the query.
    public var accessTokenInQuery: Bool = false
    /// Connect straight to the WebSocket without `POST /negotiate` (WebSockets only).
    public var skipNegotiation: Bool = false
    /// Extra HTTP headers for negotiate and the WebSocket upgrade.
    public var headers: [(name: String, value: String)] = []

    /// How long the server may take to answer the handshake.
    public var handshakeTimeout: Duration = .seconds(15)
    /// A Ping is sent when nothing was sent for this long (and right after the handshake).
    public var keepAliveInterval: Duration = .seconds(15)
    /// The connection is closed when nothing was received for this long.
    public var serverTimeout: Duration = .seconds(30)
    /// The limit on TCP connect, TLS and the WebSocket upgrade.
    public var connectTimeout: Duration = .seconds(15)
    /// The limit on one negotiate request.
    public var negotiateTimeout: Duration = .seconds(100)
    /// How long ``HubConnection/stop()`` waits for the server to close the WebSocket.
    public var closeTimeout: Duration = .seconds(2)
    /// How long an invocation may wait for the server's Completion before it fails with
    /// ``SignalRError/invocationTimedOut(method:timeout:)``; `nil` (the default, as in the official
    /// clients) waits as long as the connection lives. Each call can override it
    /// (``HubConnection/invoke(_:_:timeout:)``). A timed-out invocation is not cancelled on the
    /// server (SignalR has no cancel for it): the server may still carry it out.
    public var invocationTimeout: Duration?

    /// The largest message (one WebSocket message, and one hub message) accepted from the server.
    public var maximumMessageSize: Int = 4 << 20

    /// Reconnects after the connection is lost; `nil` for no automatic reconnect. A failed
    /// initial ``HubConnection/start()`` is never retried by the policy.
    public var retryPolicy: (any RetryPolicy)?
    /// How many times in a row the connection asks for a fresh token and retries at once after
    /// HTTP 401/403, before falling back to ``retryPolicy`` (or failing ``HubConnection/start()``).
    public var authenticationFailureRetryLimit: Int = 3

    /// TLS for `https`/`wss` WebSockets. `nil`: the platform's trust roots with full
    /// certificate and host name verification. Negotiate uses the `HTTPClient`'s own TLS settings.
    public var tlsConfiguration: TLSConfiguration?

    /// Where the connection logs. Tokens are never logged.
    public var logger: Logger = Logger(label: "SignalR")

    /// Where the connection's metrics go (`signalr_*`, see the README); `nil`, the default: the
    /// process-wide `MetricsSystem.factory` as it is when the connection is created (a no-op
    /// until a program bootstraps a backend). Tests give a factory of their own.
    public var metricsFactory: (any MetricsFactory)?

    public init(
        accessTokenProvider: AccessTokenProvider? = nil,
        accessTokenInQuery: Bool = false,
        skipNegotiation: Bool = false,
        retryPolicy: (any RetryPolicy)? = nil
    ) {
        self.accessTokenProvider = accessTokenProvider
        self.accessTokenInQuery = accessTokenInQuery
        self.skipNegotiation = skipNegotiation
        self.retryPolicy = retryPolicy
    }
}
