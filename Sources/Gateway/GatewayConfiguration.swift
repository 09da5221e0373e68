import Metrics
import Foundation

/// Where the gateway is and how to talk to it.
///
/// The URLs are roots, as the gateway publishes them: REST lives under `{apiURL}/api`, the hubs at
/// `{realtimeURL}/hubs/user` and `{realtimeURL}/hubs/market`. A simulator serves both from one root.
///
/// ```swift
/// let configuration = GatewayConfiguration.topstepX(credentials: Credentials(userName: "me", apiKey: key))
/// ```
public struct GatewayConfiguration: Sendable {
    public var apiURL: URL
    public var realtimeURL: URL
    public var credentials: Credentials
    /// The limit on one REST exchange. Default 30 s.
    public var requestTimeout: Duration = .seconds(30)
    /// Client-side budget for every endpoint but bars: 200 requests per 60 s, as documented.
    public var generalRateLimit = RequestRate(requests: 200, per: .seconds(60))
    /// Client-side budget for `History/retrieveBars`: 30 per 30 s, the documented safe choice
    /// (the current docs say 50).
    public var historyRateLimit = RequestRate(requests: 30, per: .seconds(30))
    /// How many times a read is retried after HTTP 429 before the error surfaces. Default 4.
    public var rateLimitRetries = 4
    /// The prefix of the `customTag` generated for an order placed without one (see ``OrderTag``).
    public var orderTagPrefix = OrderTag.defaultPrefix
    /// How the real outcome of a write whose response was lost is found.
    public var reconciliation = ReconciliationPolicy()
    public var token = TokenManager.Configuration()
    /// Where the REST client's and token manager's metrics go (`projectx_rest_*`,
    /// `projectx_token_*`), and the default for hubs made from the client; `nil`, the default:
    /// the process-wide `MetricsSystem.factory` as it is when the client is created.
    public var metricsFactory: (any MetricsFactory)?

    public init(apiURL: URL, realtimeURL: URL, credentials: Credentials) {
        self.apiURL = apiURL
        self.realtimeURL = realtimeURL
        self.credentials = credentials
    }

    /// TopstepX: `https://api.topstepx.com` and `https://rtc.topstepx.com`.
    public static func topstepX(credentials: Credentials) -> GatewayConfiguration {
        // safe: constant, well-formed URLs.
        GatewayConfiguration(
            apiURL: URL(string: "https://api.topstepx.com")!,
            realtimeURL: URL(string: "https://rtc.topstepx.com")!,
            credentials: credentials
        )
    }

    /// The user hub's URL.
    public var userHubURL: URL { realtimeURL.appendingPathComponent("hubs/user") }
    /// The market hub's URL.
    public var marketHubURL: URL { realtimeURL.appendingPathComponent("hubs/market") }
}

/// A request budget: at most `requests` in any window of `window`.
public struct RequestRate: Sendable, Hashable {
    public var requests: Int
    public var window: Duration

    public init(requests: Int, per window: Duration) {
        self.requests = requests
        self.window = window
    }
}
