import Testing
@testable import SignalRProtocol
import TestGate

@Suite("Record separator framing", .gated)
struct RecordSeparatorFramerTests {
    private func texts(_ slices: [ArraySlice<UInt8>]) -> [String] {
        slices.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func batchedFrame() throws {
        var framer = RecordSeparatorFramer()
        #expect(try texts(framer.feed(Array("a\u{1E}b\u{1E}c\u{1E}".utf8))) == ["a", "b", "c"])
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func splitFrameKeepsTail() throws {
        var framer = RecordSeparatorFramer()
        #expect(try texts(framer.feed(Array("ab".utf8))) == [])
        #expect(framer.bufferedByteCount == 2)
        #expect(try texts(framer.feed(Array("c\u{1E}de".utf8))) == ["abc"])
        #expect(try texts(framer.feed(Array("f\u{1E}".utf8))) == ["def"])
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func emptyMessagesAreSkipped() throws {
        var framer = RecordSeparatorFramer()
        #expect(try texts(framer.feed(Array("\u{1E}\u{1E}x\u{1E}".utf8))) == ["x"])
    }

    @Test func oversizedMessageIsRefused() throws {
        var framer = RecordSeparatorFramer(maximumMessageSize: 4)
        #expect(try texts(framer.feed(Array("abcd\u{1E}".utf8))) == ["abcd"])
        #expect(throws: HubProtocolError.self) { try framer.feed(Array("abcde".utf8)) }
        var other = RecordSeparatorFramer(maximumMessageSize: 4)
        _ = try other.feed(Array("ab".utf8))
        #expect(throws: HubProtocolError.self) { try other.feed(Array("cde\u{1E}".utf8)) }
    }

    @Test func resetForgetsTail() throws {
        var framer = RecordSeparatorFramer()
        _ = try framer.feed(Array("abc".utf8))
        framer.reset()
        #expect(try texts(framer.feed(Array("x\u{1E}".utf8))) == ["x"])
    }
}
