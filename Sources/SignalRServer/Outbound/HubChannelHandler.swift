import NIOCore

/// The first handler of an upgraded hub connection's pipeline: it writes finished WebSocket frames
/// straight to the socket (below the frame encoder, so a broadcast frame is shared, not re-encoded),
/// and reports writability changes and server quiescing.
///
/// Confined to its event loop; others reach it through `NIOLoopBound`.
final class HubChannelHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private var context: ChannelHandlerContext?
    /// Called on the event loop when the socket becomes writable again.
    var onWritable: (@Sendable () -> Void)?
    /// Called on the event loop when the server begins a graceful shutdown.
    var onQuiesce: (@Sendable () -> Void)?

    init() {}

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { onWritable?() }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            onQuiesce?()
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    var isWritable: Bool { context?.channel.isWritable ?? false }

    func write(_ frame: ByteBuffer) {
        context?.write(NIOAny(frame), promise: nil)
    }

    func flush() {
        context?.flush()
    }

    func close() {
        context?.close(promise: nil)
    }
}
