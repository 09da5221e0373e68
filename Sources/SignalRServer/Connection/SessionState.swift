/// The mutable state of one connection's session, kept under the connection's lock.
struct SessionState: Sendable {
    var lifecycle: ConnectionLifecycle
    var keepAlive: KeepAliveState
    /// Whether a frame arrived since the last tick.
    var receivedSinceTick = false
    /// Whether a (non-streaming) hub method is running.
    var invocationInProgress = false
    /// Running server-to-client streams by invocation id.
    var streams: [String: Task<Void, Never>] = [:]
    /// Why the connection is closing, for `onDisconnected`.
    var closeError: (any Error)?

    init(configuration: HubServerConfiguration, now: ContinuousClock.Instant) {
        lifecycle = ConnectionLifecycle(now: now)
        keepAlive = KeepAliveState(
            keepAliveInterval: configuration.keepAliveInterval,
            clientTimeout: configuration.clientTimeoutInterval,
            now: now
        )
    }
}
