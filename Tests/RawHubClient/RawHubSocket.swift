import Foundation
import NIOCore
import NIOPosix
import NIOWebSocket
import SignalRProtocol

/// A raw WebSocket + SignalR JSON client for testing hub servers (`SignalRServer`, the simulator's
/// hubs) independently of the project's own client: it shows every frame as sent (no reassembly),
/// the status of a refused upgrade, and whether the server closed with or without a close frame.
/// Shared by the SignalRServer and GatewaySimulator tests.
///
/// Used by one test task at a time.
///
/// ```swift
/// let socket = try await RawHubSocket.handshaken(port: port, target: "/hubs/market?access_token=\(token)")
/// let completion = try await socket.call("SubscribeContractQuotes", ["\"CON.F.US.EP.Z26\""])
/// let quote = try await socket.nextInvocation("GatewayQuote")
/// ```
public final class RawHubSocket {
    public enum Upgrade {
        case upgraded(RawHubSocket)
        case refused(status: Int, headers: [String: String])
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// How the server ended the connection.
    public struct Ending {
        /// The close frame's status code (nil without a close frame or without a code).
        public var code: UInt16?
        public var sawCloseFrame: Bool
        /// The hub messages that arrived before the end.
        public var messages: [HubMessage]
    }

    public let channel: any Channel
    private var iterator: AsyncStream<SocketEvent>.AsyncIterator
    private var framer = RecordSeparatorFramer(maximumMessageSize: 64 << 20)
    private var pending: [ArraySlice<UInt8>] = []
    /// Messages that arrived while ``call(_:_:id:timeout:)`` waited for its completion, for the
    /// next ``nextMessage(timeout:includePings:)``: a subscription's snapshot may come before or
    /// after its completion, and must not be lost either way.
    private var stashed: [HubMessage] = []
    private var nextTimeoutId = 0
    private let inbox: SocketInbox
    public private(set) var isClosed = false
    /// The close frame the server sent, if any: `.some(code)` (the code may be absent).
    public private(set) var receivedCloseCode: UInt16??

    private init(channel: any Channel, inbox: SocketInbox) {
        self.channel = channel
        self.inbox = inbox
        self.iterator = inbox.stream.makeAsyncIterator()
    }

    /// Opens a TCP connection and asks for a WebSocket upgrade at `target` (path and query).
    public static func connect(port: Int, target: String, headers: [(String, String)] = []) async throws -> Upgrade {
        let inbox = SocketInbox()
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.any().makePromise(of: RawUpgradeReader.Head.self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RawUpgradeReader(promise: promise, deliver: inbox.deliver))
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        try await channel.writeAndFlush(ByteBuffer(string: upgradeRequest(port: port, target: target, headers: headers)))
        let head = try await promise.futureResult.get()
        guard head.status == 101 else {
            channel.close(promise: nil)
            return .refused(status: head.status, headers: head.headers)
        }
        return .upgraded(RawHubSocket(channel: channel, inbox: inbox))
    }

    /// The HTTP/1.1 request asking for a WebSocket upgrade at `target` on the loopback `port`.
    public static func upgradeRequest(port: Int, target: String, headers: [(String, String)] = []) -> String {
        var request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: \(NIOWebSocketClientUpgrader.randomRequestKey())\r\nSec-WebSocket-Version: 13\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        return request + "\r\n"
    }

    /// Connects and expects `101`.
    public static func open(port: Int, target: String, headers: [(String, String)] = []) async throws -> RawHubSocket {
        switch try await connect(port: port, target: target, headers: headers) {
        case .upgraded(let socket): return socket
        case .refused(let status, _):
            throw Failure("the upgrade to \(target.prefix(while: { $0 != "?" })) was refused with \(status)")
        }
    }

    /// Connects, sends the JSON handshake and expects `{}`.
    public static func handshaken(port: Int, target: String = "/hub", headers: [(String, String)] = []) async throws -> RawHubSocket {
        let socket = try await open(port: port, target: target, headers: headers)
        try await socket.sendText("{\"protocol\":\"json\",\"version\":1}\u{1e}")
        let response = try await socket.nextRecord()
        guard response.elementsEqual("{}".utf8) else {
            throw Failure("unexpected handshake answer \(String(decoding: response, as: UTF8.self))")
        }
        return socket
    }

    // MARK: Sending

    public func sendText(_ text: String) async throws {
        try await send(Array(text.utf8), opcode: .text)
    }

    /// Sends one masked frame as given (a fragment when `fin` is false).
    public func send(_ bytes: [UInt8], opcode: WebSocketOpcode = .text, fin: Bool = true) async throws {
        let frame = WebSocketFrame(fin: fin, opcode: opcode, maskKey: .random(), data: ByteBuffer(bytes: bytes))
        try await channel.writeAndFlush(frame)
    }

    public func send(_ message: HubMessage) async throws {
        try await send(JSONHubProtocol.encode(message))
    }

    /// Sends a close frame (the client starting a close).
    public func sendClose(code: UInt16 = 1000) async throws {
        var data = ByteBuffer()
        data.writeInteger(code)
        try await channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: data))
    }

    /// Invokes `target` with arguments given as JSON texts; `id` nil sends fire-and-forget.
    public func invoke(_ target: String, _ arguments: [String] = [], id: String? = "1") async throws {
        let raw = try arguments.map { try RawJSON(validating: $0) }
        try await send(.invocation(InvocationMessage(invocationId: id, target: target, arguments: raw)))
    }

    /// Invokes and returns the Completion; events that arrive meanwhile are kept for the next
    /// ``nextMessage(timeout:includePings:)``.
    /// Waits at most `timeout` in all, however many events arrive meanwhile.
    /// How long a wait for something that should come (a frame, a message, a close) lasts by
    /// default. Generous on purpose: it only bounds a failure, and under Thread Sanitizer beside a
    /// build a handshake answer once took over 5 s. Waits that prove something does *not* come
    /// name their own window.
    public static let defaultWait: Duration = .seconds(20)

    public func call(_ target: String, _ arguments: [String] = [], id: String = "1", timeout: Duration = RawHubSocket.defaultWait) async throws -> CompletionMessage {
        try await invoke(target, arguments, id: id)
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw Failure("no completion of '\(target)' within \(timeout)") }
            let message = try await nextArrivingMessage(timeout: left)
            if case .completion(let completion) = message, completion.invocationId == id { return completion }
            stashed.append(message)
        }
    }

    // MARK: Receiving

    /// The next event, or `nil` after `timeout`.
    public func nextEvent(timeout: Duration = RawHubSocket.defaultWait) async -> SocketEvent? {
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
                return event
            }
        }
    }

    /// The next frame, failing on timeout or close.
    public func nextFrame(timeout: Duration = RawHubSocket.defaultWait) async throws -> WebSocketFrame {
        switch await nextEvent(timeout: timeout) {
        case .frame(let frame): return frame
        case .closed: throw Failure("connection closed while waiting for a frame")
        case .timeout, nil: throw Failure("no frame within \(timeout)")
        }
    }

    /// The next frame, failing once `deadline` has passed: for loops that wait for a particular
    /// frame among others (Pings keep coming, so a per-frame timeout alone would never end them).
    public func nextFrame(before deadline: ContinuousClock.Instant) async throws -> WebSocketFrame {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { throw Failure("the frame waited for did not come in time") }
        return try await nextFrame(timeout: left)
    }

    /// Feeds a data frame to the record framer (frames as they come; reassembly happens here).
    public func feed(_ frame: WebSocketFrame) throws -> [ArraySlice<UInt8>] {
        try framer.feed(Array(frame.unmaskedData.readableBytesView))
    }

    /// The next record (bytes up to a record separator) across frames, skipping control frames,
    /// within `timeout` in all: frames that carry no record (control frames, fragments) do not
    /// extend it.
    public func nextRecord(timeout: Duration = RawHubSocket.defaultWait) async throws -> ArraySlice<UInt8> {
        let deadline = ContinuousClock.now + timeout
        while pending.isEmpty {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw Failure("no message within \(timeout)") }
            let frame = try await nextFrame(timeout: left)
            switch frame.opcode {
            case .text, .binary, .continuation:
                pending += try feed(frame)
            case .connectionClose:
                throw Failure("close frame while waiting for a message")
            default:
                continue
            }
        }
        return pending.removeFirst()
    }

    /// The next hub message, skipping Pings unless `includePings`.
    ///
    /// The timeout is for the whole wait: a server pinging more often than `timeout` must not
    /// keep a test waiting forever for a message that never comes.
    public func nextMessage(timeout: Duration = RawHubSocket.defaultWait, includePings: Bool = false) async throws -> HubMessage {
        if !stashed.isEmpty { return stashed.removeFirst() }
        return try await nextArrivingMessage(timeout: timeout, includePings: includePings)
    }

    /// The next hub message off the socket (not one already stashed).
    private func nextArrivingMessage(timeout: Duration, includePings: Bool = false) async throws -> HubMessage {
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw Failure("no message within \(timeout)") }
            let record = try await nextRecord(timeout: left)
            guard let message = try JSONHubProtocol.decode(record) else { continue }
            if case .ping = message, !includePings { continue }
            return message
        }
    }

    /// The next event invocation (any target, or `target`), skipping Completions and others.
    public func nextInvocation(_ target: String? = nil, timeout: Duration = RawHubSocket.defaultWait) async throws -> InvocationMessage {
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw Failure("no \(target ?? "event") within \(timeout)") }
            let message: HubMessage
            do {
                message = try await nextMessage(timeout: left)
            } catch is Failure where ContinuousClock.now >= deadline {
                throw Failure("no \(target ?? "event") within \(timeout)")
            }
            if case .invocation(let invocation) = message, target == nil || invocation.target == target {
                return invocation
            }
        }
    }

    /// Waits for the server to end the connection; echoes its close frame like a real client
    /// unless `echo` is false.
    public func waitForClose(timeout: Duration = RawHubSocket.defaultWait, echo: Bool = true) async throws -> Ending {
        var ending = Ending(code: nil, sawCloseFrame: false, messages: [])
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - ContinuousClock.now
            // Within `timeout` in all, however many frames (pings) arrive meanwhile.
            switch left > .zero ? await nextEvent(timeout: left) : nil {
            case .frame(let frame):
                switch frame.opcode {
                case .connectionClose:
                    ending.sawCloseFrame = true
                    var data = frame.unmaskedData
                    ending.code = data.readInteger(as: UInt16.self)
                    if echo { try? await sendClose(code: ending.code ?? 1000) }
                case .text, .binary, .continuation:
                    for record in try feed(frame) {
                        // A handshake answer may precede the close (a server that drops right
                        // after the handshake): it is no hub message, so it is not one of them.
                        if record.elementsEqual("{}".utf8) { continue }
                        if let message = try JSONHubProtocol.decode(record) { ending.messages.append(message) }
                    }
                default:
                    continue
                }
            case .closed:
                return ending
            case .timeout, nil:
                throw Failure("the server did not close the connection within \(timeout)")
            }
        }
    }

    /// Expects `count` Pings and nothing else, with the connection open, waiting at most `limit`
    /// for them; returns the number of Pings seen (fewer than `count` only when `limit` passed).
    ///
    /// Waits for the Pings themselves rather than counting those of a fixed window: on a loaded
    /// machine a server's ticks come late, and a 1.5 s window once held a single 150 ms Ping.
    public func expectOnlyPings(_ count: Int, within limit: Duration) async throws -> Int {
        var pings = 0
        let deadline = ContinuousClock.now + limit
        while pings < count, ContinuousClock.now < deadline {
            switch await nextEvent(timeout: deadline - ContinuousClock.now) {
            case .frame(let frame):
                guard [.text, .binary, .continuation].contains(frame.opcode) else { continue }
                for record in try feed(frame) {
                    guard case .ping = try JSONHubProtocol.decode(record) else {
                        throw Failure("unexpected message \(String(decoding: record, as: UTF8.self))")
                    }
                    pings += 1
                }
            case .closed:
                throw Failure("the connection closed")
            case .timeout, nil:
                return pings
            }
        }
        return pings
    }

    /// Expects no hub message for `duration` (Pings allowed unless `allowPings` is false), and the
    /// connection to stay open; returns the number of Pings.
    @discardableResult
    public func expectNoMessage(for duration: Duration, allowPings: Bool = true) async throws -> Int {
        var pings = 0
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            switch await nextEvent(timeout: deadline - ContinuousClock.now) {
            case .frame(let frame):
                guard [.text, .binary, .continuation].contains(frame.opcode) else { continue }
                for record in try feed(frame) {
                    if case .ping = try JSONHubProtocol.decode(record), allowPings {
                        pings += 1
                        continue
                    }
                    throw Failure("unexpected message \(String(decoding: record, as: UTF8.self))")
                }
            case .closed:
                throw Failure("the connection closed")
            case .timeout, nil:
                return pings
            }
        }
        return pings
    }

    public func close() async {
        try? await channel.close()
    }
}
