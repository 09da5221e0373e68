import NIOCore
import NIOWebSocket

/// Sits on top of the WebSocket frame codec of a client channel:
/// - passes text and binary messages on as ``WebSocketInbound/message(_:)``;
/// - answers Ping with Pong;
/// - answers the server's close frame with a close frame (the same code), reports
///   ``WebSocketInbound/closed(code:reason:)`` and closes the channel;
/// - masks every outbound frame with a fresh random key, as RFC 6455 requires of clients;
/// - closes the channel once both sides have sent close frames.
final class WebSocketClientControlHandler: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketInbound
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let maximumMessageSize: Int
    private var sentClose = false
    private var receivedClose = false
    private var failed = false

    init(maximumMessageSize: Int) {
        self.maximumMessageSize = maximumMessageSize
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            context.fireChannelRead(wrapInboundOut(.message(frame.unmaskedData)))
        case .ping:
            guard !sentClose else { return }
            let pong = WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            guard !receivedClose else { return }
            receivedClose = true
            var payload = frame.unmaskedData
            let code = payload.readWebSocketErrorCode().map { Int(UInt16(webSocketErrorCode: $0)) }
            let reason = payload.readString(length: payload.readableBytes) ?? ""
            context.fireChannelRead(wrapInboundOut(.closed(code: code, reason: reason)))
            if sentClose {
                context.close(promise: nil)
            } else {
                sentClose = true
                var reply = context.channel.allocator.buffer(capacity: 2)
                reply.write(webSocketErrorCode: code.map { WebSocketErrorCode(codeNumber: $0) } ?? .normalClosure)
                let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: reply)
                context.writeAndFlush(wrapOutboundOut(frame)).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            }
        default:
            break
        }
    }

    /// WebSocket-level errors (from the frame decoder and the aggregator) become one
    /// ``WebSocketInbound/failed(_:)`` event, after which the channel closes; other errors go on.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let failure: SignalRError
        let code: WebSocketErrorCode
        switch error {
        case NIOWebSocketError.invalidFrameLength, NIOWebSocketFrameAggregator.Error.accumulatedFrameSizeIsTooLarge:
            failure = .protocolViolation("A WebSocket message exceeded the maximum message size of \(maximumMessageSize) bytes.")
            code = .messageTooLarge
        case let error as NIOWebSocketError:
            failure = .protocolViolation("WebSocket protocol error: \(error).")
            code = .protocolError
        case let error as NIOWebSocketFrameAggregator.Error:
            failure = .protocolViolation("Invalid WebSocket fragments: \(error).")
            code = .protocolError
        default:
            context.fireErrorCaught(error)
            return
        }
        guard !failed else { return }
        failed = true
        // Report first: closing can complete synchronously and end the inbound stream.
        context.fireChannelRead(wrapInboundOut(.failed(failure)))
        context.fireChannelReadComplete()
        guard !sentClose else {
            context.close(promise: nil)
            return
        }
        sentClose = true
        var payload = context.channel.allocator.buffer(capacity: 2)
        payload.write(webSocketErrorCode: code)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: payload)
        context.writeAndFlush(wrapOutboundOut(frame)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var frame = unwrapOutboundIn(data)
        if frame.opcode == .connectionClose {
            if sentClose {
                promise?.succeed(())
                return
            }
            sentClose = true
        }
        if frame.maskKey == nil {
            frame.maskKey = .random()
        }
        context.write(wrapOutboundOut(frame), promise: promise)
    }
}

@available(*, unavailable)
extension WebSocketClientControlHandler: Sendable {}
