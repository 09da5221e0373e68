import NIOCore
import NIOWebSocket

/// Counts record separators in text and binary frames; closes the channel when all arrived.
final class SeparatorCounter: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let expected: Int
    private let finished: EventLoopPromise<Void>
    private var seen = 0

    init(expected: Int, finished: EventLoopPromise<Void>) {
        self.expected = expected
        self.finished = finished
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // Written on the next tick: the upgrade handler refuses writes until it has removed itself.
        let handshake = context.channel.allocator.buffer(string: "{\"protocol\":\"json\",\"version\":1}\u{1E}")
        let frame = wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: handshake))
        context.eventLoop.assumeIsolated().execute {
            context.writeAndFlush(frame, promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard frame.opcode == .text || frame.opcode == .binary else { return }
        frame.unmaskedData.withUnsafeReadableBytes { bytes in
            for byte in bytes where byte == 0x1E { seen += 1 }
        }
        if seen >= expected {
            finished.succeed(())
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finished.fail(ChannelError.ioOnClosedChannel)
    }
}

@available(*, unavailable)
extension SeparatorCounter: Sendable {}
