import Foundation
import NIOCore
import NIOPosix
import NIOWebSocket
import SignalRProtocol

/// A raw WebSocket client for tests: it shows every frame as sent on the wire (no reassembly), the
/// status of a refused upgrade, and whether the server closed with or without a close frame.
///
/// Used by one test task at a time.
final class TestWebSocket {
    /// The result of an upgrade attempt.
    enum Upgrade {
        case upgraded(TestWebSocket)
        case refused(status: Int, headers: [String: String])
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    let channel: any Channel
    private var iterator: AsyncStream<ClientEvent>.AsyncIterator
    private var framer = RecordSeparatorFramer(maximumMessageSize: 64 << 20)
    private var pending: [ArraySlice<UInt8>] = []
    private var nextTimeoutId = 0
    private let inbox: FrameInbox
    /// The close frame the server sent, if any (its status code).
    private(set) var receivedCloseCode: UInt16??
    private(set) var isClosed = false

    private init(channel: any Channel, inbox: FrameInbox) {
        self.channel = channel
        self.inbox = inbox
        self.iterator = inbox.stream.makeAsyncIterator()
    }

    /// Opens a TCP connection and asks for a WebSocket upgrade at `target` (path and query).
    static func connect(port: Int, target: String, headers: [(String, String)] = []) async throws -> Upgrade {
        let inbox = FrameInbox()
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.any().makePromise(of: UpgradeResponseReader.Head.self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(UpgradeResponseReader(promise: promise, inbox: inbox))
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        var request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: \(NIOWebSocketClientUpgrader.randomRequestKey())\r\nSec-WebSocket-Version: 13\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        try await channel.writeAndFlush(ByteBuffer(string: request))
        let head = try await promise.futureResult.get()
        guard head.status == 101 else {
            channel.close(promise: nil)
            return .refused(status: head.status, headers: head.headers)
        }
        return .upgraded(TestWebSocket(channel: channel, inbox: inbox))
    }

    /// Connects and expects `101`.
    static func open(port: Int, target: String, headers: [(String, String)] = []) async throws -> TestWebSocket {
        switch try await connect(port: port, target: target, headers: headers) {
        case .upgraded(let socket): return socket
        case .refused(let status, _): throw Failure("upgrade refused with \(status)")
        }
    }

    /// Connects, sends the handshake and expects `{}`.
    static func handshaken(port: Int, target: String = "/hub", headers: [(String, String)] = []) async throws -> TestWebSocket {
        let socket = try await open(port: port, target: target, headers: headers)
        try await socket.sendText("{\"protocol\":\"json\",\"version\":1}\u{1e}")
        let response = try await socket.nextRecord()
        guard response == Array("{}".utf8)[...] else { throw Failure("unexpected handshake answer \(String(decoding: response, as: UTF8.self))") }
        return socket
    }

    // MARK: Sending

    func sendText(_ text: String) async throws {
        try await send(Array(text.utf8), opcode: .text)
    }

    func send(_ bytes: [UInt8], opcode: WebSocketOpcode = .text, fin: Bool = true) async throws {
        let frame = WebSocketFrame(fin: fin, opcode: opcode, maskKey: .random(), data: ByteBuffer(bytes: bytes))
        try await channel.writeAndFlush(frame)
    }

    func send(_ message: HubMessage) async throws {
        try await send(JSONHubProtocol.encode(message))
    }

    /// Sends a close frame (the client starting a close).
    func sendClose(code: UInt16 = 1000) async throws {
        var data = ByteBuffer()
        data.writeInteger(code)
        try await channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: data))
    }

    func invoke(_ target: String, _ arguments: [String] = [], id: String? = "1") async throws {
        let raw = try arguments.map { try RawJSON(validating: $0) }
        try await send(.invocation(InvocationMessage(invocationId: id, target: target, arguments: raw)))
    }

    // MARK: Receiving

    /// The next event, or `nil` after `timeout`.
    func nextEvent(timeout: Duration = .seconds(5)) async -> ClientEvent? {
        if isClosed { return .closed }
        nextTimeoutId += 1
        let id = nextTimeoutId
        let inbox = self.inbox
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { inbox.deliver(.timeout(id)) }
        defer { timer.cancel() }
        while true {
            guard let event = await iterator.next() else {
                isClosed = true
                return .closed
            }
            switch event {
            case .timeout(let firing):
                if firing == id { return nil }
            case .closed:
                isClosed = true
                return .closed
            case .frame(let frame):
                if frame.opcode == .connectionClose {
                    var data = frame.unmaskedData
                    receivedCloseCode = .some(data.readInteger(as: UInt16.self))
                }
                return .frame(frame)
            }
        }
    }

    /// The next frame, failing on timeout or close.
    func nextFrame(timeout: Duration = .seconds(5)) async throws -> WebSocketFrame {
        switch await nextEvent(timeout: timeout) {
        case .frame(let frame): return frame
        case .closed: throw Failure("connection closed while waiting for a frame")
        case .timeout, nil: throw Failure("no frame within \(timeout)")
        }
    }

    /// The next record (bytes up to a record separator) across frames, skipping control frames.
    func nextRecord(timeout: Duration = .seconds(5)) async throws -> ArraySlice<UInt8> {
        while pending.isEmpty {
            let frame = try await nextFrame(timeout: timeout)
            switch frame.opcode {
            case .text, .binary, .continuation:
                pending += try framer.feed(Array(frame.unmaskedData.readableBytesView))
            case .connectionClose:
                throw Failure("close frame while waiting for a message")
            default:
                continue
            }
        }
        return pending.removeFirst()
    }

    /// The next hub message, skipping Pings unless `includePings`.
    func nextMessage(timeout: Duration = .seconds(5), includePings: Bool = false) async throws -> HubMessage {
        while true {
            let record = try await nextRecord(timeout: timeout)
            guard let message = try JSONHubProtocol.decode(record) else { continue }
            if case .ping = message, !includePings { continue }
            return message
        }
    }

    /// Waits for the server to end the connection. Returns the close frame's code, or `nil` when
    /// the TCP connection ended without a close frame. Messages before it are returned too.
    func waitForClose(timeout: Duration = .seconds(5), echo: Bool = true) async throws -> (code: UInt16?, sawCloseFrame: Bool, messages: [HubMessage]) {
        var messages: [HubMessage] = []
        var sawCloseFrame = false
        var code: UInt16?
        while true {
            switch await nextEvent(timeout: timeout) {
            case .frame(let frame):
                switch frame.opcode {
                case .connectionClose:
                    sawCloseFrame = true
                    var data = frame.unmaskedData
                    code = data.readInteger(as: UInt16.self)
                    if echo { try? await sendClose(code: code ?? 1000) }
                case .text, .binary, .continuation:
                    for record in try framer.feed(Array(frame.unmaskedData.readableBytesView)) {
                        if let message = try? JSONHubProtocol.decode(record) { messages.append(message) }
                    }
                default:
                    continue
                }
            case .closed:
                return (code, sawCloseFrame, messages)
            case .timeout, nil:
                throw Failure("the server did not close the connection within \(timeout)")
            }
        }
    }

    /// Expects nothing but (optionally) Pings for `duration`.
    func expectNoMessage(for duration: Duration, allowPings: Bool = true) async throws {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            guard case .frame(let frame) = await nextEvent(timeout: deadline - ContinuousClock.now) else { return }
            guard [.text, .binary, .continuation].contains(frame.opcode) else { continue }
            let records = try framer.feed(Array(frame.unmaskedData.readableBytesView))
            for record in records {
                let message = try JSONHubProtocol.decode(record)
                if case .ping = message, allowPings { continue }
                throw Failure("unexpected message \(String(decoding: record, as: UTF8.self))")
            }
        }
    }

    func close() async {
        try? await channel.close()
    }
}
