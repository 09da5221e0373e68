/// Why the server closed a connection, as passed to `onDisconnected`.
///
/// ```swift
/// hub.onDisconnected { connection, error in
///     if case .clientTimeout = error as? HubConnectionError { metrics.timeouts += 1 }
///     subscriptions.drop(connection.connectionId)
/// }
/// ```
public enum HubConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The client pinged once and then sent nothing within the client timeout.
    case clientTimeout
    /// The client sent a message larger than the maximum receive size.
    case messageTooLarge(limit: Int)
    /// The client sent something that is not the JSON hub protocol.
    case protocolViolation(String)
    /// The handshake failed or did not arrive in time.
    case handshakeFailed(String)
    /// The principal's token expired (`closeOnAuthenticationExpiration`).
    case authenticationExpired
    /// The client did not read fast enough; more than the queue limit waited.
    case slowConsumer
    /// `onConnected` threw.
    case connectedHandlerFailed(String)

    public var description: String {
        switch self {
        case .clientTimeout: "Client hasn't sent a message/ping within the configured ClientTimeoutInterval."
        case .messageTooLarge(let limit): "The maximum message size of \(limit)B was exceeded."
        case .protocolViolation(let detail): "Protocol violation: \(detail)"
        case .handshakeFailed(let detail): "Handshake failed: \(detail)"
        case .authenticationExpired: "The connection's authentication expired."
        case .slowConsumer: "The client did not read its messages fast enough."
        case .connectedHandlerFailed(let detail): "onConnected failed: \(detail)"
        }
    }
}
