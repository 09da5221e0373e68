/// The phases of a hub connection after its WebSocket opened, as a value whose transitions say
/// whether they happened.
///
/// ```
/// handshaking --handshakeSucceeded--> connected --beginClosing--> closing --closed--> closed
///      \______________________beginClosing_______________^
/// ```
struct ConnectionLifecycle: Sendable, Equatable {
    enum State: Sendable, Equatable {
        /// Waiting for the handshake request since the socket opened.
        case handshaking(since: ContinuousClock.Instant)
        /// Handshake done; hub messages flow.
        case connected
        /// A close frame is out (or the socket is being dropped); waiting for the peer.
        case closing(since: ContinuousClock.Instant)
        case closed
    }

    /// What a tick finds overdue.
    enum Timeout: Equatable {
        case none
        case handshake
        case close
    }

    private(set) var state: State

    init(now: ContinuousClock.Instant) {
        state = .handshaking(since: now)
    }

    var isConnected: Bool { state == .connected }

    var hasHandshaked: Bool {
        switch state {
        case .handshaking: false
        case .connected, .closing, .closed: true
        }
    }

    /// Returns `false` unless the connection was handshaking.
    mutating func handshakeSucceeded() -> Bool {
        guard case .handshaking = state else { return false }
        state = .connected
        return true
    }

    /// Returns `false` when already closing or closed.
    mutating func beginClosing(now: ContinuousClock.Instant) -> Bool {
        switch state {
        case .handshaking, .connected:
            state = .closing(since: now)
            return true
        case .closing, .closed:
            return false
        }
    }

    mutating func closed() {
        state = .closed
    }

    func overdue(now: ContinuousClock.Instant, handshakeTimeout: Duration, closeTimeout: Duration) -> Timeout {
        switch state {
        case .handshaking(let since): now - since >= handshakeTimeout ? .handshake : .none
        case .closing(let since): now - since >= closeTimeout ? .close : .none
        case .connected, .closed: .none
        }
    }
}
