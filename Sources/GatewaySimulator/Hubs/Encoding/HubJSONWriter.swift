import SignalRProtocol

/// Appends JSON tokens to a byte array. The market hub writes every event payload with it instead
/// of `JSONEncoder`: the hot path then costs one pass over the fields and no intermediate objects.
///
/// Numbers are written the way `JSONEncoder` writes them, so REST and hub payloads look alike:
/// integers as digits, prices (``FixedDecimal``) as their exact decimal text without trailing
/// zeros (`6123.25`, `6123`, never `6123.0`).
struct HubJSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// A string literal with the escapes JSON requires (quote, backslash, control characters).
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0xF))
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func integer(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            unsigned(value.magnitude)
        } else {
            unsigned(UInt(value))
        }
    }

    /// An exact decimal (a price) as a JSON number: its digits with the point in place, no
    /// exponent, no trailing zeros (`6123.25`, `6123`, `-0.5`, `0.0000005`). No `Double` is
    /// involved, so what is written is exactly the simulator's price.
    mutating func number(_ value: FixedDecimal) {
        if value.units < 0 { bytes.append(UInt8(ascii: "-")) }
        // 20 digits hold any UInt64, and places <= 18 needs at most 19 with the leading "0".
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48)
        var remaining = value.units.magnitude
        var length = 0
        let places = value.places
        withUnsafeMutableBytes(of: &digits) { buffer in
            while remaining > 0 {
                buffer[19 - length] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                length += 1
            }
            // At least one digit before the point (0.05, not .05); the buffer is "0"-filled.
            length = max(length, places + 1)
            bytes.append(contentsOf: buffer[(20 - length)..<(20 - places)])
            if places > 0 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(contentsOf: buffer[(20 - places)...])
            }
        }
    }

    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    private mutating func unsigned(_ value: UInt) {
        guard value >= 10 else {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var remaining = value
        var length = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while remaining > 0 {
                buffer[19 - length] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                length += 1
            }
            bytes.append(contentsOf: buffer[(20 - length)...])
        }
    }

    /// The bytes as one JSON value (the caller wrote exactly one).
    var rawJSON: RawJSON { RawJSON(unchecked: bytes[...]) }

    /// `value` as a JSON string value.
    static func stringValue(_ value: String) -> RawJSON {
        var writer = HubJSONWriter(capacity: value.utf8.count + 2)
        writer.string(value)
        return writer.rawJSON
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
