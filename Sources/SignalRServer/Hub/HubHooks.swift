/// Called after a connection's handshake, before its first hub message is dispatched. Throwing
/// closes the connection with `{"type":7,"error":"Connection closed with an error.","allowReconnect":true}`.
public typealias HubConnectedHandler = @Sendable (HubConnectionContext) async throws -> Void

/// Called once a handshaken connection has closed and left its groups, with the server's reason
/// (``HubConnectionError``) or `nil` for a normal close.
public typealias HubDisconnectedHandler = @Sendable (HubConnectionContext, (any Error)?) async -> Void

/// The lifecycle hooks of a hub.
struct HubHooks: Sendable {
    var onConnected: [HubConnectedHandler] = []
    var onDisconnected: [HubDisconnectedHandler] = []
}
