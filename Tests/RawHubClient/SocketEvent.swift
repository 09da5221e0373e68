import NIOWebSocket

/// What the raw test socket receives, in order.
public enum SocketEvent: Sendable {
    case frame(WebSocketFrame)
    case closed
    case timeout(Int)
}
