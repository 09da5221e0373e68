import NIOCore

/// The first handler of every accepted connection: it buffers bytes until the request head is
/// complete, lets `route` build the pipeline for it (hub upgrade or ordinary HTTP), replays the
/// buffered bytes into that pipeline and removes itself.
///
/// Routing before any HTTP parsing lets hub upgrades get their own pipeline, whose refusals are
/// real `401`/`404`/`409` responses, while all other requests go to Hummingbird unchanged.
final class HubRequestSniffer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// Builds the pipeline for the request (`nil`: not understood, use plain HTTP). On the event loop.
    private let route: (any Channel, RequestHeadPeek?) throws -> Void
    /// Called when the connection ends or fails before it was routed.
    private let abandoned: (any Error) -> Void
    private var buffered: ByteBuffer?
    private var routed = false

    init(route: @escaping (any Channel, RequestHeadPeek?) throws -> Void, abandoned: @escaping (any Error) -> Void) {
        self.route = route
        self.abandoned = abandoned
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !routed else {
            context.fireChannelRead(data)
            return
        }
        var incoming = unwrapInboundIn(data)
        var pending = buffered ?? context.channel.allocator.buffer(capacity: incoming.readableBytes)
        pending.writeBuffer(&incoming)
        buffered = pending
        switch RequestHeadPeek.peek(pending.readableBytesView) {
        case .needMoreData:
            return
        case .head(let head):
            routeConnection(context: context, head: head)
        case .unrecognized:
            routeConnection(context: context, head: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !routed {
            routed = true
            abandoned(ChannelError.eof)
        }
        context.fireChannelInactive()
    }

    /// The handler can leave the pipeline without ever seeing `channelInactive`: a connection
    /// that closes before this handler is added, or a pipeline torn down at shutdown. The route
    /// promise must still be completed, or NIO reports it as leaked.
    func handlerRemoved(context: ChannelHandlerContext) {
        if !routed {
            routed = true
            abandoned(ChannelError.ioOnClosedChannel)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !routed else {
            context.fireErrorCaught(error)
            return
        }
        routed = true
        abandoned(error)
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if !routed, event is ChannelShouldQuiesceEvent {
            // The server is shutting down and this connection has not sent a request yet.
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func routeConnection(context: ChannelHandlerContext, head: RequestHeadPeek?) {
        routed = true
        do {
            try route(context.channel, head)
        } catch {
            abandoned(error)
            context.close(promise: nil)
            return
        }
        if let bytes = buffered {
            buffered = nil
            context.fireChannelRead(wrapInboundOut(bytes))
            context.fireChannelReadComplete()
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
