/// Decides when to Ping and when the server has been silent too long, from the times messages
/// were sent and received. Pure: time is passed in, nothing sleeps.
///
/// A Ping is due right after the handshake and whenever nothing was sent for
/// `keepAliveInterval`; the server has timed out when nothing was received for `serverTimeout`.
/// The driver calls ``tick(now:)`` and sleeps until the instant it returns in ``Action/wait(until:)``.
struct KeepAliveStateMachine: Sendable {
    typealias Instant = ContinuousClock.Instant

    enum Action: Sendable, Hashable {
        /// Send a Ping now (already counted as a send).
        case sendPing
        /// Nothing was received for the server timeout: close the connection.
        case serverTimedOut
        /// Nothing to do before this instant.
        case wait(until: Instant)
        /// The server already timed out; the timer should stop.
        case stop
    }

    let keepAliveInterval: Duration
    let serverTimeout: Duration
    private(set) var lastSent: Instant?
    private(set) var lastReceived: Instant
    private(set) var hasTimedOut = false

    /// - Parameter connectedAt: when the handshake completed; no Ping has been sent yet.
    init(keepAliveInterval: Duration, serverTimeout: Duration, connectedAt: Instant) {
        self.keepAliveInterval = keepAliveInterval
        self.serverTimeout = serverTimeout
        self.lastReceived = connectedAt
    }

    mutating func messageSent(at now: Instant) {
        if lastSent.map({ now > $0 }) ?? true { lastSent = now }
    }

    mutating func messageReceived(at now: Instant) {
        if now > lastReceived { lastReceived = now }
    }

    mutating func tick(now: Instant) -> Action {
        if hasTimedOut { return .stop }
        let timeoutAt = lastReceived + serverTimeout
        if now >= timeoutAt {
            hasTimedOut = true
            return .serverTimedOut
        }
        guard let lastSent else {
            self.lastSent = now
            return .sendPing
        }
        let pingAt = lastSent + keepAliveInterval
        if now >= pingAt {
            self.lastSent = now
            return .sendPing
        }
        return .wait(until: min(pingAt, timeoutAt))
    }
}
