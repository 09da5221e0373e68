import SignalR

/// Timers for tests: generous connect timeouts (test machines can be heavily loaded), short
/// keep-alive.
func loopbackOptions(token: String? = "good", provider: AccessTokenProvider? = nil, retry: (any RetryPolicy)? = nil) -> HubConnectionOptions {
    var options = HubConnectionOptions(accessTokenProvider: provider ?? { _ in token }, retryPolicy: retry)
    options.handshakeTimeout = .seconds(20)
    options.keepAliveInterval = .seconds(1)
    options.serverTimeout = .seconds(10)
    options.closeTimeout = .milliseconds(300)
    options.connectTimeout = .seconds(20)
    options.logger.logLevel = .warning
    return options
}
