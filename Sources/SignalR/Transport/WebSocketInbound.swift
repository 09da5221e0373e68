import NIOCore

/// What the WebSocket transport hands to the connection: whole messages and the peer's close.
enum WebSocketInbound: Sendable {
    /// One complete text or binary message (fragments already reassembled).
    case message(ByteBuffer)
    /// The server sent a close frame with this code (`nil`: no code) and reason.
    case closed(code: Int?, reason: String)
    /// The WebSocket layer failed (a protocol error, a message over the size limit); the channel
    /// is being closed.
    case failed(SignalRError)
}
