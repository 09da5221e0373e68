import NIOCore
import SignalRProtocol

/// A hub message encoded once, as JSON plus record separator, already framed as one WebSocket text
/// frame, ready to be written to any number of connections without copying.
///
/// `HubServer.send(_:_:toGroup:)` encodes for you; build one yourself to reuse the same bytes across
/// several sends:
///
/// ```swift
/// let quote = EncodedHubMessage.invocation("GatewayQuote", [contractId, payload])
/// hub.send(quote, toGroup: "quotes:\(contractId)")
/// hub.send(quote, toConnection: watcherId)
/// ```
public struct EncodedHubMessage: Sendable {
    /// Header and payload: the whole WebSocket frame.
    let frame: ByteBuffer
    /// The JSON and its record separator (a slice of ``frame``).
    let payload: ByteBuffer

    /// Encodes `message` with `JSONHubProtocol` (from `SignalRProtocol`).
    public init(_ message: HubMessage) {
        self.init(payloadBytes: JSONHubProtocol.encode(message))
    }

    /// Wraps bytes that are already one or more complete JSON hub messages, each ending with `0x1E`.
    init(payloadBytes bytes: [UInt8]) {
        let headerLength = WebSocketFrameHeader.length(payloadLength: bytes.count)
        var frame = ByteBuffer()
        frame.reserveCapacity(headerLength + bytes.count)
        WebSocketFrameHeader.write(opcode: .text, fin: true, payloadLength: bytes.count, into: &frame)
        frame.writeBytes(bytes)
        var payload = frame
        payload.moveReaderIndex(forwardBy: headerLength)
        self.frame = frame
        self.payload = payload
    }

    /// An event: an Invocation without `invocationId`, which the client must not answer.
    public static func invocation(_ target: String, _ arguments: [RawJSON]) -> EncodedHubMessage {
        EncodedHubMessage(.invocation(InvocationMessage(target: target, arguments: arguments)))
    }

    /// The size of the JSON message including its record separator.
    public var byteCount: Int { payload.readableBytes }

    /// The encoded message's bytes (JSON plus record separator).
    public var bytes: [UInt8] { Array(payload.readableBytesView) }

    static let ping = EncodedHubMessage(.ping)
    static let handshakeSuccess = EncodedHubMessage(payloadBytes: HandshakeResponse.success.encoded())

    /// An event padded with one long string argument so that the encoded message is exactly
    /// `totalBytes` long (or as short as possible when `totalBytes` is smaller than the frame).
    static func padded(target: String, totalBytes: Int) -> EncodedHubMessage {
        let empty = JSONHubProtocol.encode(.invocation(InvocationMessage(target: target, arguments: [RawJSON(unchecked: [0x22, 0x22][...])])))
        let padding = max(0, totalBytes - empty.count)
        var argument: [UInt8] = []
        argument.reserveCapacity(padding + 2)
        argument.append(0x22)
        argument.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: padding))
        argument.append(0x22)
        return EncodedHubMessage(.invocation(InvocationMessage(target: target, arguments: [RawJSON(unchecked: argument[...])])))
    }
}
