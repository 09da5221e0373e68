import Metrics

/// The swift-metrics instruments of the REST client and its token manager (`projectx_*`), made
/// once with the ``GatewayClient``. REST calls are not a hot path; these are counted per call.
struct GatewayMetrics: Sendable {
    /// `projectx_rest_unauthorized_total`: REST answers 401/403 (the token was refused).
    let unauthorized: Counter
    /// `projectx_rest_rate_limited_total`: REST answers 429.
    let rateLimited: Counter
    /// `projectx_token_refreshes_total`: token refreshes performed (login or validate).
    let tokenRefreshes: Counter
    /// `projectx_token_refresh_failures_total`: token refreshes that failed.
    let tokenRefreshFailures: Counter
    /// `projectx_token_rejections_total`: tokens a server refused (REST or hub), reported once each.
    let tokenRejections: Counter

    init(factory: (any MetricsFactory)?) {
        let factory = factory ?? MetricsSystem.factory
        unauthorized = Counter(label: "projectx_rest_unauthorized_total", factory: factory)
        rateLimited = Counter(label: "projectx_rest_rate_limited_total", factory: factory)
        tokenRefreshes = Counter(label: "projectx_token_refreshes_total", factory: factory)
        tokenRefreshFailures = Counter(label: "projectx_token_refresh_failures_total", factory: factory)
        tokenRejections = Counter(label: "projectx_token_rejections_total", factory: factory)
    }
}
