import NIOCore
import NIOWebSocket

/// Hands every received frame (and the end of the connection) to `deliver`.
public final class RawFrameForwarder: ChannelInboundHandler {
    public typealias InboundIn = WebSocketFrame

    private let deliver: @Sendable (SocketEvent) -> Void

    public init(deliver: @escaping @Sendable (SocketEvent) -> Void) {
        self.deliver = deliver
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deliver(.frame(unwrapInboundIn(data)))
    }

    public func channelInactive(context: ChannelHandlerContext) {
        deliver(.closed)
        context.fireChannelInactive()
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
