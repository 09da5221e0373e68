import NIOCore
import NIOWebSocket

/// Server side of one benchmark connection: waits for the handshake, answers it, then writes
/// the scenario's frames while the channel is writable.
final class ScenarioSender: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let scenario: Scenario
    private var frames: [ByteBuffer] = []
    private var next = 0
    private var started = false

    init(scenario: Scenario) {
        self.scenario = scenario
    }

    func handlerAdded(context: ChannelHandlerContext) {
        frames = scenario.frames(allocator: context.channel.allocator)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            guard !started, frame.unmaskedData.readableBytesView.contains(0x1E) else { return }
            started = true
            let response = WebSocketFrame(fin: true, opcode: .text, data: context.channel.allocator.buffer(string: "{}\u{1E}"))
            context.write(wrapOutboundOut(response), promise: nil)
            pump(context: context)
        case .connectionClose:
            var payload = context.channel.allocator.buffer(capacity: 2)
            payload.write(webSocketErrorCode: .normalClosure)
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)))
                .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        default:
            break
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if started, context.channel.isWritable { pump(context: context) }
        context.fireChannelWritabilityChanged()
    }

    private func pump(context: ChannelHandlerContext) {
        while next < frames.count, context.channel.isWritable {
            context.write(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: frames[next])), promise: nil)
            next += 1
            if next % 64 == 0 { context.flush() }
        }
        context.flush()
    }
}

@available(*, unavailable)
extension ScenarioSender: Sendable {}
