import NIOCore

/// One entry of a connection's send queue.
enum OutboundItem: Sendable {
    /// A hub message, subject to the connection's framing.
    case message(EncodedHubMessage)
    /// A finished WebSocket control frame (pong, close), written as is and never batched.
    case control(ByteBuffer)
}
