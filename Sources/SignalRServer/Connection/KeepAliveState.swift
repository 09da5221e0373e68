/// Keep-alive and client timeout of one connection, advanced by the connection's tick.
///
/// Mirrors ASP.NET Core's `HubConnectionContext`: a Ping goes out when nothing was sent for the
/// keep-alive interval (checked per tick, so the real gap may reach interval + tick); the client
/// timeout applies only once the client has sent a Ping, so clients that never ping are never
/// timed out.
///
/// ```swift
/// var keepAlive = KeepAliveState(keepAliveInterval: .seconds(15), clientTimeout: .seconds(30), now: .now)
/// switch keepAlive.tick(now: .now, sent: false, received: true, busy: false) { ... }
/// ```
struct KeepAliveState: Sendable {
    enum Action: Equatable {
        case none
        case sendPing
        case clientTimedOut
    }

    let keepAliveInterval: Duration
    let clientTimeout: Duration
    private(set) var lastSent: ContinuousClock.Instant
    private(set) var lastReceived: ContinuousClock.Instant
    /// Whether the client has sent its first Ping.
    private(set) var clientTimeoutArmed = false

    init(keepAliveInterval: Duration, clientTimeout: Duration, now: ContinuousClock.Instant) {
        self.keepAliveInterval = keepAliveInterval
        self.clientTimeout = clientTimeout
        self.lastSent = now
        self.lastReceived = now
    }

    /// The client sent a Ping: from now on it must keep sending.
    mutating func pingReceived(now: ContinuousClock.Instant) {
        if !clientTimeoutArmed { lastReceived = now }
        clientTimeoutArmed = true
    }

    /// One tick.
    ///
    /// - Parameters:
    ///   - sent: whether anything was sent since the last tick.
    ///   - received: whether anything was received since the last tick.
    ///   - busy: whether a hub method is running; its client's frames wait unread meanwhile, so the
    ///     client timeout is not applied.
    mutating func tick(now: ContinuousClock.Instant, sent: Bool, received: Bool, busy: Bool) -> Action {
        if received { lastReceived = now }
        if sent { lastSent = now }
        if clientTimeoutArmed && !busy && now - lastReceived >= clientTimeout {
            return .clientTimedOut
        }
        if now - lastSent >= keepAliveInterval {
            lastSent = now
            return .sendPing
        }
        return .none
    }
}
