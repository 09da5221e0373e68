import Foundation

/// One complete JSON value kept as the exact UTF-8 bytes it arrived as (or was encoded to).
///
/// Hub message arguments, results and stream items travel as `RawJSON`, so the protocol layer never
/// decodes a payload it does not need and never alters a payload it forwards: what is read is what
/// is written. Decode to a concrete type when the value is consumed:
///
/// ```swift
/// let price = try message.arguments[1].decode(Double.self)
/// let argument = try RawJSON(encoding: ["CON.F.US.EP.U25"])
/// ```
public struct RawJSON: Sendable, Hashable, CustomStringConvertible {
    /// The UTF-8 bytes of the value. They share storage with the frame they were read from.
    public let bytes: ArraySlice<UInt8>

    /// Wraps bytes that are already known to be one valid JSON value.
    ///
    /// The protocol decoder validates every value it hands out; callers building values by hand
    /// should prefer ``init(validating:)`` or ``init(encoding:encoder:)``.
    public init(unchecked bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    /// Validates that `text` is exactly one JSON value (surrounding white space allowed).
    public init(validating text: String) throws(HubProtocolError) {
        let array = Array(text.utf8)
        var scanner = JSONScanner(array[...])
        scanner.skipWhitespace()
        let start = scanner.index
        try scanner.skipValue()
        let end = scanner.index
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw HubProtocolError("Unexpected bytes after the JSON value at offset \(scanner.index).")
        }
        self.bytes = array[start..<end]
    }

    /// Encodes `value` with `JSONEncoder`.
    public init(encoding value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws {
        let data = try encoder.encode(value)
        self.bytes = Array(data)[...]
    }

    /// The JSON literal `null`.
    public static let null = RawJSON(unchecked: Array("null".utf8)[...])

    /// Whether this value is the literal `null`.
    public var isNull: Bool {
        bytes.elementsEqual("null".utf8)
    }

    /// Decodes the value with `JSONDecoder`.
    public func decode<T: Decodable>(_ type: T.Type = T.self, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(T.self, from: Data(bytes))
    }

    /// The value as text.
    public var text: String {
        String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { text }

    public static func == (lhs: RawJSON, rhs: RawJSON) -> Bool {
        lhs.bytes.elementsEqual(rhs.bytes)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        for byte in bytes { hasher.combine(byte) }
    }
}
