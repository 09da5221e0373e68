import Foundation
import NIOCore
import NIOPosix
import NIOWebSocket
import Synchronization
import RawHubClient

/// A market-hub client that only counts: every hub message received (record separators in text
/// and continuation frames) is counted on the event loop, without buffering, so that the count
/// measures the server's push rate rather than the test's parsing.
final class CountingHubSocket: Sendable {
    private let channel: any Channel
    private let messages: Counter

    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        private let open = Atomic<Bool>(true)
        func add(_ count: Int) { value.add(count, ordering: .relaxed) }
        func close() { open.store(false, ordering: .relaxed) }
        var count: Int { value.load(ordering: .relaxed) }
        var isOpen: Bool { open.load(ordering: .relaxed) }
    }

    private init(channel: any Channel, messages: Counter) {
        self.channel = channel
        self.messages = messages
    }

    /// Received hub messages so far (the handshake answer included).
    var count: Int { messages.count }
    var isOpen: Bool { messages.isOpen }

    static func connect(port: Int, target: String) async throws -> CountingHubSocket {
        let counter = Counter()
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.any().makePromise(of: RawUpgradeReader.Head.self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RawUpgradeReader(promise: promise) { event in
                        switch event {
                        case .frame(let frame):
                            guard frame.opcode == .text || frame.opcode == .continuation else { return }
                            counter.add(Self.recordSeparators(in: frame.unmaskedData))
                        case .closed:
                            counter.close()
                        case .timeout:
                            break
                        }
                    })
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        try await channel.writeAndFlush(ByteBuffer(string: RawHubSocket.upgradeRequest(port: port, target: target)))
        let head = try await promise.futureResult.get()
        guard head.status == 101 else {
            try? await channel.close()
            throw RawHubSocket.Failure("upgrade refused with \(head.status)")
        }
        let socket = CountingHubSocket(channel: channel, messages: counter)
        try await socket.send("{\"protocol\":\"json\",\"version\":1}\u{1e}")
        return socket
    }

    /// Counts `0x1E` bytes with `memchr` (fast even in debug builds).
    static func recordSeparators(in buffer: ByteBuffer) -> Int {
        buffer.withUnsafeReadableBytes { bytes in
            guard var cursor = bytes.baseAddress else { return 0 }
            let end = cursor + bytes.count
            var found = 0
            while cursor < end, let hit = memchr(cursor, 0x1E, end - cursor) {
                found += 1
                cursor = UnsafeRawPointer(hit) + 1
            }
            return found
        }
    }

    /// Sends one text frame.
    func send(_ text: String) async throws {
        try await channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: ByteBuffer(string: text)))
    }

    func close() async {
        try? await channel.close()
    }
}
