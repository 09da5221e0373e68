import NIOCore
import NIOWebSocket

/// Hands every received frame (and the end of the connection) to `deliver`.
final class RawFrameForwarder: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame

    private let deliver: @Sendable (SocketEvent) -> Void

    init(deliver: @escaping @Sendable (SocketEvent) -> Void) {
        self.deliver = deliver
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deliver(.frame(unwrapInboundIn(data)))
    }

    func channelInactive(context: ChannelHandlerContext) {
        deliver(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
