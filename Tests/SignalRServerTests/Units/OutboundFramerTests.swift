import NIOCore
import SignalRProtocol
import Testing

@testable import SignalRServer
import TestGate

@Suite("Outbound framing", .gated)
struct OutboundFramerTests {
    private func frames(_ items: [OutboundItem], _ framing: HubFraming) -> [[UInt8]] {
        var result: [[UInt8]] = []
        OutboundFramer.frames(for: items, framing: framing) { result.append(Array($0.readableBytesView)) }
        return result
    }

    private func message(_ text: String) throws -> EncodedHubMessage {
        EncodedHubMessage.invocation("T", [try RawJSON(encoding: text)])
    }

    @Test("normal framing writes each message's prepared frame")
    func normal() throws {
        let one = try message("a")
        let written = frames([.message(one), .message(one)], .normal)
        #expect(written.count == 2)
        #expect(written[0] == [0x81, UInt8(one.byteCount)] + one.bytes)
    }

    @Test("a 16-bit and a 64-bit payload length are encoded per RFC 6455")
    func headerLengths() {
        var buffer = ByteBuffer()
        WebSocketFrameHeader.write(opcode: .text, fin: true, payloadLength: 300, into: &buffer)
        #expect(Array(buffer.readableBytesView) == [0x81, 126, 0x01, 0x2C])
        buffer.clear()
        WebSocketFrameHeader.write(opcode: .continuation, fin: false, payloadLength: 70_000, into: &buffer)
        #expect(Array(buffer.readableBytesView) == [0x00, 127, 0, 0, 0, 0, 0, 0x01, 0x11, 0x70])
        #expect(Array(WebSocketFrameHeader.closeFrame(code: 1000).readableBytesView) == [0x88, 0x02, 0x03, 0xE8])
    }

    @Test("split framing cuts on UTF-8 boundaries into complete text frames of at most the size")
    func split() throws {
        let one = try message("ééééééé")
        let written = frames([.message(one)], .split(maxFrameBytes: 10))
        #expect(written.count >= 3)
        var joined: [UInt8] = []
        for frame in written {
            #expect(frame[0] == 0x81)
            let payload = Array(frame[2...])
            #expect(payload.count <= 10)
            #expect(String(validating: payload, as: UTF8.self) != nil)
            joined += payload
        }
        #expect(joined == one.bytes)
    }

    @Test("chunks are never empty, and a character longer than the limit stays whole")
    func chunkEdges() {
        #expect(OutboundFramer.chunks(of: ByteBuffer(bytes: [1, 2]), maxBytes: 1).map(\.readableBytes) == [1, 1])
        #expect(OutboundFramer.chunks(of: ByteBuffer(bytes: [1, 2]), maxBytes: 0).map(\.readableBytes) == [1, 1])
        #expect(OutboundFramer.chunks(of: ByteBuffer(string: "€€"), maxBytes: 2).map(\.readableBytes) == [3, 3])
        #expect(OutboundFramer.chunks(of: ByteBuffer(string: "a€"), maxBytes: 3).map(\.readableBytes) == [1, 3])
        #expect(OutboundFramer.chunks(of: ByteBuffer(string: "abc"), maxBytes: 5).map(\.readableBytes) == [3])
    }

    @Test("fragment framing uses one text frame then continuations, FIN on the last")
    func fragment() throws {
        let one = try message("abcdefghij")
        let written = frames([.message(one)], .fragment(maxFrameBytes: (one.byteCount + 2) / 3))
        #expect(written.map { $0[0] } == [0x01, 0x00, 0x80])
    }

    @Test("batch framing groups messages and flushes around control frames")
    func batch() throws {
        let one = try message("x")
        let pong = OutboundItem.control(WebSocketFrameHeader.frame(opcode: .pong, payload: ByteBuffer()))
        let written = frames([.message(one), .message(one), .message(one), .message(one), pong, .message(one)], .batch(maxMessages: 3))
        #expect(written.count == 4)
        #expect(written[0].count(where: { $0 == 0x1E }) == 3)
        #expect(written[1].count(where: { $0 == 0x1E }) == 1)
        #expect(written[2] == [0x8A, 0x00])
        #expect(written[3].count(where: { $0 == 0x1E }) == 1)
    }

    @Test("a padded message has exactly the requested size")
    func padded() throws {
        for size in [100, 4096, 1 << 20] {
            let padded = EncodedHubMessage.padded(target: "Big", totalBytes: size)
            #expect(padded.byteCount == size)
            #expect(try JSONHubProtocol.decode(Array(padded.bytes.dropLast())) != nil)
        }
    }
}
