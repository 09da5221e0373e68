/// The step of a connection attempt at which something failed or a token was requested.
public enum ConnectPhase: String, Sendable, Hashable, CustomStringConvertible {
    /// `POST {hub}/negotiate`.
    case negotiate
    /// The HTTP request that upgrades to a WebSocket (`GET ws(s)://{hub}?id=...`).
    case webSocketUpgrade
    /// The SignalR handshake over the open WebSocket.
    case handshake

    public var description: String {
        switch self {
        case .negotiate: "the negotiate request"
        case .webSocketUpgrade: "the WebSocket upgrade"
        case .handshake: "the handshake"
        }
    }
}
