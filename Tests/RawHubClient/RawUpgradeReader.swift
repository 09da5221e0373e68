import Foundation
import NIOCore
import NIOWebSocket

/// The client side of a raw WebSocket upgrade: reads the server's response head. On `101` it
/// installs a frame decoder without reassembly (the tests see every frame as sent) and hands
/// frames to `deliver` on the event loop; otherwise it reports the status: hubs must answer
/// refusals with real HTTP statuses, which the 401 tests are about.
public final class RawUpgradeReader: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer

    public struct Head: Sendable {
        public var status: Int
        public var headers: [String: String]
    }

    private var buffer = ByteBuffer()
    private let promise: EventLoopPromise<Head>
    private let deliver: @Sendable (SocketEvent) -> Void
    private var done = false

    public init(promise: EventLoopPromise<Head>, deliver: @escaping @Sendable (SocketEvent) -> Void) {
        self.promise = promise
        self.deliver = deliver
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        guard !done else {
            context.fireChannelRead(data)
            return
        }
        buffer.writeBuffer(&incoming)
        let bytes = Array(buffer.readableBytesView)
        guard let end = Self.headEnd(bytes) else { return }
        done = true
        var lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
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
            try sync.addHandler(RawFrameForwarder(deliver: deliver))
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

    public func channelInactive(context: ChannelHandlerContext) {
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
