/// The SignalR JSON hub protocol (`{"protocol":"json","version":1}`): each message is one JSON
/// object followed by the record separator `0x1E`.
///
/// Reading is lenient (unknown properties and unknown message types are ignored, property order is
/// free); writing is strict and byte-exact to the reference. Split a byte stream into messages with
/// ``RecordSeparatorFramer`` first.
///
/// ```swift
/// var framer = RecordSeparatorFramer()
/// for message in try framer.feed(frameBytes) {
///     if let decoded = try JSONHubProtocol.decode(message) { handle(decoded) }
/// }
/// ```
public enum JSONHubProtocol {
    /// The record separator that ends every message.
    public static let recordSeparator: UInt8 = 0x1E

    /// The protocol name used in the handshake.
    public static let name = "json"

    /// The protocol version sent in the handshake (2 only with stateful reconnect).
    public static let version = 1

    /// Decodes one message (without its record separator).
    ///
    /// - Returns: the message, or `nil` for a message `type` this implementation does not know,
    ///   which the reference says to ignore.
    /// - Throws: ``HubProtocolError`` for malformed JSON, a missing or mistyped required field, or a
    ///   Completion with both `result` and `error`.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(HubProtocolError) -> HubMessage? {
        var fields = MessageFields()
        var scanner = JSONScanner(bytes)
        try scanner.readObject { (scanner: inout JSONScanner, key: String) throws(HubProtocolError) in
            try fields.read(key: key, from: &scanner)
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw HubProtocolError("Unexpected bytes after the message object.")
        }
        return try fields.message()
    }

    /// Decodes one message from an array of bytes (without its record separator).
    public static func decode(_ bytes: [UInt8]) throws(HubProtocolError) -> HubMessage? {
        try decode(bytes[...])
    }

    /// Encodes `message` followed by the record separator.
    public static func encode(_ message: HubMessage) -> [UInt8] {
        var writer = JSONWriter()
        write(message, to: &writer)
        writer.byte(recordSeparator)
        return writer.bytes
    }

    /// Appends `message` and its record separator to `output`, so that several messages can share
    /// one transport frame.
    public static func encode(_ message: HubMessage, into output: inout [UInt8]) {
        output.append(contentsOf: encode(message))
    }

    private static func write(_ message: HubMessage, to writer: inout JSONWriter) {
        switch message {
        case .invocation(let invocation):
            writer.raw("{\"type\":1")
            writeHeaders(invocation.headers, to: &writer)
            if let id = invocation.invocationId {
                writer.raw(",\"invocationId\":")
                writer.string(id)
            }
            writeCall(target: invocation.target, arguments: invocation.arguments, streamIds: invocation.streamIds, to: &writer)
        case .streamInvocation(let invocation):
            writer.raw("{\"type\":4")
            writeHeaders(invocation.headers, to: &writer)
            writer.raw(",\"invocationId\":")
            writer.string(invocation.invocationId)
            writeCall(target: invocation.target, arguments: invocation.arguments, streamIds: invocation.streamIds, to: &writer)
        case .streamItem(let item):
            writer.raw("{\"type\":2")
            writeHeaders(item.headers, to: &writer)
            writer.raw(",\"invocationId\":")
            writer.string(item.invocationId)
            writer.raw(",\"item\":")
            writer.raw(item.item)
        case .completion(let completion):
            writer.raw("{\"type\":3")
            writeHeaders(completion.headers, to: &writer)
            writer.raw(",\"invocationId\":")
            writer.string(completion.invocationId)
            switch completion.outcome {
            case .void:
                break
            case .result(let value):
                writer.raw(",\"result\":")
                writer.raw(value)
            case .error(let text):
                writer.raw(",\"error\":")
                writer.string(text)
            }
        case .cancelInvocation(let cancel):
            writer.raw("{\"type\":5")
            writeHeaders(cancel.headers, to: &writer)
            writer.raw(",\"invocationId\":")
            writer.string(cancel.invocationId)
        case .ping:
            writer.raw("{\"type\":6")
        case .close(let close):
            writer.raw("{\"type\":7")
            if let error = close.error {
                writer.raw(",\"error\":")
                writer.string(error)
            }
            if close.allowReconnect {
                writer.raw(",\"allowReconnect\":true")
            }
        case .ack(let sequenceId):
            writer.raw("{\"type\":8,\"sequenceId\":")
            writer.integer(sequenceId)
        case .sequence(let sequenceId):
            writer.raw("{\"type\":9,\"sequenceId\":")
            writer.integer(sequenceId)
        }
        writer.byte(UInt8(ascii: "}"))
    }

    private static func writeHeaders(_ headers: [String: String], to writer: inout JSONWriter) {
        guard !headers.isEmpty else { return }
        writer.raw(",\"headers\":")
        writer.headers(headers)
    }

    private static func writeCall(target: String, arguments: [RawJSON], streamIds: [String], to writer: inout JSONWriter) {
        writer.raw(",\"target\":")
        writer.string(target)
        writer.raw(",\"arguments\":[")
        for (position, argument) in arguments.enumerated() {
            if position > 0 { writer.byte(UInt8(ascii: ",")) }
            writer.raw(argument)
        }
        writer.byte(UInt8(ascii: "]"))
        if !streamIds.isEmpty {
            writer.raw(",\"streamIds\":")
            writer.stringArray(streamIds)
        }
    }
}
