import Foundation

/// A forward-only reader of one ``RawJSON`` value, for decoding hub payloads without
/// `JSONDecoder`.
///
/// Hub arguments arrive as ``RawJSON`` slices of the frame they came in. On a hot event stream
/// (quotes, depth) `JSONDecoder` costs a `Data` copy and a generic decoding pass per event; this
/// reader walks the bytes once, reads the members it is asked for and skips the rest. It never
/// traps on any input: every mistake is a ``HubProtocolError`` that says what was found where.
///
/// Values handed out by ``JSONHubProtocol`` were validated when the frame was decoded, so
/// skipping is cheap; a value built with ``RawJSON/init(unchecked:)`` is validated as it is read.
///
/// ```swift
/// var reader = JSONReader(payload)
/// var price: Decimal?
/// try reader.readObject { reader, key throws(HubProtocolError) in
///     if key == "lastPrice" {
///         price = try reader.readNull() ? nil : reader.readDecimal()
///     } else {
///         try reader.skipValue()
///     }
/// }
/// ```
public struct JSONReader {
    /// The JSON type of the next value.
    public enum ValueKind: Sendable, Hashable {
        case object, array, string, number, bool, null
    }

    private var scanner: JSONScanner

    /// A reader positioned before `value`.
    public init(_ value: RawJSON) {
        self.scanner = JSONScanner(value.bytes)
    }

    /// The type of the next value, without consuming it.
    public mutating func peekKind() throws(HubProtocolError) -> ValueKind {
        switch try scanner.peek() {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case let other:
            throw HubProtocolError("Unexpected \(JSONScanner.describe(other)) where a JSON value should start.")
        }
    }

    /// Reads an object, calling `body` once per member with its key; `body` must consume the
    /// member's value (read it or ``skipValue()``). A duplicate key is passed again, so the last
    /// value wins when `body` assigns.
    public mutating func readObject(
        _ body: (inout JSONReader, JSONKey) throws(HubProtocolError) -> Void
    ) throws(HubProtocolError) {
        try scanner.expect(UInt8(ascii: "{"))
        if try scanner.consume(UInt8(ascii: "}")) { return }
        while true {
            guard try scanner.peek() == UInt8(ascii: "\"") else {
                throw HubProtocolError("Expected a property name at offset \(scanner.index).")
            }
            let key = try readKey()
            try scanner.expect(UInt8(ascii: ":"))
            try body(&self, key)
            if try scanner.consume(UInt8(ascii: ",")) { continue }
            try scanner.expect(UInt8(ascii: "}"))
            return
        }
    }

    /// Reads an array, calling `body` once per element; `body` must consume the element.
    public mutating func readArray(_ body: (inout JSONReader) throws(HubProtocolError) -> Void) throws(HubProtocolError) {
        try scanner.expect(UInt8(ascii: "["))
        if try scanner.consume(UInt8(ascii: "]")) { return }
        while true {
            try body(&self)
            if try scanner.consume(UInt8(ascii: ",")) { continue }
            try scanner.expect(UInt8(ascii: "]"))
            return
        }
    }

    /// Consumes a `null` and returns true, or returns false and consumes nothing.
    public mutating func readNull() throws(HubProtocolError) -> Bool {
        guard try scanner.peek() == UInt8(ascii: "n") else { return false }
        try scanner.skipValue()
        return true
    }

    /// Reads a string (escapes decoded).
    public mutating func readString() throws(HubProtocolError) -> String {
        try scanner.readString()
    }

    /// Reads a number as a finite, correctly rounded `Double`.
    public mutating func readDouble() throws(HubProtocolError) -> Double {
        try scanner.readDouble()
    }

    /// Reads a number as an exact `Decimal` (`71.23` is 71.23, not the nearest binary fraction),
    /// the value `JSONDecoder` gives for `Decimal`; prices take an allocation-free fast path.
    public mutating func readDecimal() throws(HubProtocolError) -> Decimal {
        try scanner.readDecimal()
    }

    /// Reads an integral number that fits in `Int64` (`5`, `5.0` and `5e0` are accepted).
    public mutating func readInteger() throws(HubProtocolError) -> Int64 {
        try scanner.readInteger()
    }

    /// Reads `true` or `false`.
    public mutating func readBool() throws(HubProtocolError) -> Bool {
        try scanner.readBool()
    }

    /// Reads the next value as it stands, validated, sharing storage with the input.
    public mutating func readRawValue() throws(HubProtocolError) -> RawJSON {
        try scanner.readRawValue()
    }

    /// Steps over the next value, validating it.
    public mutating func skipValue() throws(HubProtocolError) {
        try scanner.skipValue()
    }

    /// Throws unless only white space is left.
    public mutating func expectEnd() throws(HubProtocolError) {
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw HubProtocolError("Unexpected bytes after the JSON value at offset \(scanner.index).")
        }
    }

    /// A key without escapes is a slice of the input; only an escaped key is decoded.
    private mutating func readKey() throws(HubProtocolError) -> JSONKey {
        let start = scanner.index
        try scanner.skipValue()
        let raw = scanner.slice((start + 1)..<(scanner.index - 1))
        if !raw.contains(UInt8(ascii: "\\")) { return JSONKey(utf8: raw) }
        var decoder = JSONScanner(scanner.slice(start..<scanner.index))
        return JSONKey(utf8: Array(try decoder.readString().utf8)[...])
    }
}
