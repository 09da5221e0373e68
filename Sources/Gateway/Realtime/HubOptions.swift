import Metrics
/// Connection settings shared by ``MarketHub`` and ``UserHub``.
///
/// ```swift
/// var options = HubOptions()
/// options.invocationTimeout = .seconds(5)
/// options.reconnectPolicy = ReconnectPolicy(initialDelay: .seconds(1), maximumDelay: .seconds(30))
/// let user = UserHub(client: client, options: options)
/// ```
public struct HubOptions: Sendable {
    /// Connect straight to the WebSocket, as the gateway's own sample does. Default `true`.
    public var skipNegotiation = true
    /// Also send the token as the `access_token` query parameter, which the gateway reads.
    /// Default `true`.
    public var accessTokenInQuery = true
    public var keepAliveInterval: Duration = .seconds(15)
    public var serverTimeout: Duration = .seconds(30)
    public var handshakeTimeout: Duration = .seconds(15)
    /// How long a subscribe or unsubscribe may wait for the gateway's answer. A subscribe not
    /// answered in time is thrown as ``HubError/Code/timedOut``, and since the gateway may or may
    /// not have it, the hub replaces the connection (a gap, then a reconnect that applies every
    /// wanted subscription). Default 15 s.
    public var invocationTimeout: Duration = .seconds(15)
    /// How reconnects are paced: one policy for every reconnect, never giving up, since a bot
    /// must not lose its data for good. See ``ReconnectPolicy``.
    public var reconnectPolicy = ReconnectPolicy()
    /// How many times in a row a refused token (401/403) is answered with a fresh token and an
    /// immediate retry within one connect attempt, before the attempt fails. Default 3.
    public var authenticationFailureRetryLimit = 3
    /// How soon a subscription the server refused is tried again on the same connection; the
    /// pause doubles after each refusal up to ``refusedSubscriptionRetryMaximumDelay``. Every new
    /// connection also tries it again. Default 1 s.
    public var refusedSubscriptionRetryDelay: Duration = .seconds(1)
    /// The longest pause between retries of a refused subscription. Default 60 s.
    public var refusedSubscriptionRetryMaximumDelay: Duration = .seconds(60)
    /// Events buffered per consumer before the oldest are dropped. Default 10,000.
    public var eventBufferSize = 10_000
    /// Where the hub's metrics go (`projectx_hub_*` and the connection's `signalr_*`, see the
    /// README); `nil`, the default: the client's ``GatewayConfiguration/metricsFactory`` for a hub
    /// made with `init(client:)`, else the process-wide `MetricsSystem.factory` as it is when the
    /// hub is created (a no-op until a program bootstraps a backend: bootstrap first).
    public var metricsFactory: (any MetricsFactory)?

    public init() {}
}
