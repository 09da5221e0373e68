import Foundation
import NIOCore
import NIOWebSocket

/// The client side of a raw WebSocket upgrade: collects the server's response head. On `101` it
/// installs the frame codec and forwards frames to the test's inbox; otherwise it reports the
/// status, which is the point: the hub must answer refusals with real HTTP statuses.
final class UpgradeResponseReader: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    struct Head: Sendable {
        var status: Int
        var headers: [String: String]
    }

    private var buffer = ByteBuffer()
    private let promise: EventLoopPromise<Head>
    private let inbox: FrameInbox
    private var done = false

    init(promise: EventLoopPromise<Head>, inbox: FrameInbox) {
        self.promise = promise
        self.inbox = inbox
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        guard !done else {
            context.fireChannelRead(data)
            return
        }
        buffer.writeBuffer(&incoming)
        let bytes = Array(buffer.readableBytesView)
        guard let end = Self.headEnd(bytes) else { return }
        done = true
        let text = String(decoding: bytes[..<end], as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        let status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let head = Head(status: status, headers: headers)
        guard status == 101 else {
            promise.succeed(head)
            return
        }
        do {
            let sync = context.pipeline.syncOperations
            try sync.addHandler(ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 64 << 20)))
            try sync.addHandler(WebSocketFrameEncoder())
            try sync.addHandler(FrameForwarder(inbox: inbox))
        } catch {
            promise.fail(error)
            return
        }
        promise.succeed(head)
        buffer.moveReaderIndex(forwardBy: end + 4)
        if buffer.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(buffer))
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !done {
            done = true
            promise.fail(ChannelError.eof)
        }
        context.fireChannelInactive()
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}



/// Hands every received frame (and the end of the connection) to the inbox.
final class FrameForwarder: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame

    private let inbox: FrameInbox

    init(inbox: FrameInbox) {
        self.inbox = inbox
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        inbox.deliver(.frame(unwrapInboundIn(data)))
    }

    func channelInactive(context: ChannelHandlerContext) {
        inbox.deliver(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
