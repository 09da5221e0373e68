import Testing
@testable import SignalRProtocol
import TestGate

@Suite("Properties: round trips and arbitrary framing", .gated)
struct PropertyTests {
    @Test(arguments: 0..<20)
    func randomMessagesRoundTrip(seed: Int) throws {
        var random = RandomMessages(seed: UInt64(seed))
        for _ in 0..<200 {
            let message = random.message()
            var bytes = JSONHubProtocol.encode(message)
            #expect(bytes.last == 0x1E)
            bytes.removeLast()
            #expect(!bytes.contains(0x1E), "JSON must never contain a raw record separator")
            let decoded = try JSONHubProtocol.decode(bytes)
            #expect(decoded == message)
            // Encoding what was decoded gives the same bytes: writing is deterministic.
            if let decoded {
                #expect(JSONHubProtocol.encode(decoded) == bytes + [0x1E])
            }
        }
    }

    @Test(arguments: 0..<30)
    func anySplitOfAStreamYieldsTheSameMessages(seed: Int) throws {
        var random = RandomMessages(seed: UInt64(1000 + seed))
        var generator = SeededGenerator(seed: UInt64(seed))
        let messages = (0..<50).map { _ in random.message() }
        var stream: [UInt8] = []
        for message in messages { JSONHubProtocol.encode(message, into: &stream) }

        // Cut the stream at random points: some frames hold several messages, some a fraction.
        var framer = RecordSeparatorFramer()
        var decoded: [HubMessage] = []
        var position = 0
        while position < stream.count {
            let length = Int.random(in: 1...max(1, min(stream.count - position, Int.random(in: 1...400, using: &generator))), using: &generator)
            let frame = Array(stream[position..<(position + length)])
            for slice in try framer.feed(frame) {
                if let message = try JSONHubProtocol.decode(slice) { decoded.append(message) }
            }
            position += length
        }
        #expect(framer.bufferedByteCount == 0)
        #expect(decoded == messages)
    }

    @Test func byteByByteFraming() throws {
        var random = RandomMessages(seed: 7)
        let messages = (0..<20).map { _ in random.message() }
        var stream: [UInt8] = []
        for message in messages { JSONHubProtocol.encode(message, into: &stream) }
        var framer = RecordSeparatorFramer()
        var decoded: [HubMessage] = []
        for byte in stream {
            for slice in try framer.feed([byte]) {
                if let message = try JSONHubProtocol.decode(slice) { decoded.append(message) }
            }
        }
        #expect(decoded == messages)
    }
}
