import NIOCore
import NIOHTTP1

/// Added when the server answers the WebSocket upgrade request with something other than
/// `101 Switching Protocols`: `NIOTypedHTTPClientUpgradeHandler` runs its not-upgrading
/// completion handler and then forwards the buffered response head, which this handler reads to
/// report the status (for example 401) before closing the channel.
final class RefusedUpgradeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let statusPromise: EventLoopPromise<HTTPResponseHead>

    init(statusPromise: EventLoopPromise<HTTPResponseHead>) {
        self.statusPromise = statusPromise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            statusPromise.succeed(head)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        statusPromise.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        statusPromise.fail(error)
        context.close(promise: nil)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        statusPromise.fail(ChannelError.ioOnClosedChannel)
    }
}

@available(*, unavailable)
extension RefusedUpgradeHandler: Sendable {}
