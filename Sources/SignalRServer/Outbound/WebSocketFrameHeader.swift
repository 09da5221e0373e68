import NIOCore

/// Writes the header of an unmasked (server-to-client) WebSocket frame, RFC 6455 §5.2.
///
/// The hub writes finished frames straight to the socket so that a broadcast is framed once and the
/// same bytes are shared by every recipient.
enum WebSocketFrameHeader {
    enum Opcode: UInt8 {
        case continuation = 0x0
        case text = 0x1
        case binary = 0x2
        case close = 0x8
        case ping = 0x9
        case pong = 0xA
    }

    /// The longest header: two bytes plus a 64-bit length.
    static let maximumLength = 10

    /// The header's length for a payload of `payloadLength` bytes.
    static func length(payloadLength: Int) -> Int {
        switch payloadLength {
        case 0...125: 2
        case 126...0xFFFF: 4
        default: 10
        }
    }

    /// Appends a header for a frame of `payloadLength` bytes.
    static func write(opcode: Opcode, fin: Bool, payloadLength: Int, into buffer: inout ByteBuffer) {
        buffer.writeInteger((fin ? 0x80 : 0x00) | opcode.rawValue)
        switch payloadLength {
        case 0...125:
            buffer.writeInteger(UInt8(payloadLength))
        case 126...0xFFFF:
            buffer.writeInteger(UInt8(126))
            buffer.writeInteger(UInt16(payloadLength))
        default:
            buffer.writeInteger(UInt8(127))
            buffer.writeInteger(UInt64(payloadLength))
        }
    }

    /// A whole frame: header followed by a copy of `payload`.
    static func frame(opcode: Opcode, fin: Bool = true, payload: ByteBuffer) -> ByteBuffer {
        var frame = ByteBuffer()
        frame.reserveCapacity(length(payloadLength: payload.readableBytes) + payload.readableBytes)
        write(opcode: opcode, fin: fin, payloadLength: payload.readableBytes, into: &frame)
        var payload = payload
        frame.writeBuffer(&payload)
        return frame
    }

    /// A close frame carrying `code` and no reason.
    static func closeFrame(code: UInt16 = 1000) -> ByteBuffer {
        var payload = ByteBuffer()
        payload.writeInteger(code)
        return frame(opcode: .close, payload: payload)
    }
}
