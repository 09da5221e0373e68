import SignalRProtocol

/// Appends JSON tokens to a byte array. The market hub writes every event payload with it instead
/// of `JSONEncoder`: the hot path then costs one pass over the fields and no intermediate objects.
///
/// Numbers are written the way `JSONEncoder` writes them, so REST and hub payloads look alike:
/// integers as digits, prices (``FixedDecimal``) as their exact decimal text without trailing
/// zeros (`6123.25`, `6123`, never `6123.0`). Strings and raw tokens go through the protocol's
/// own `JSONWriter`, so they are escaped exactly as every other hub message.
struct HubJSONWriter {
    private var json: JSONWriter

    init(capacity: Int = 256) {
        json = JSONWriter(capacity: capacity)
    }

    var bytes: [UInt8] { json.bytes }

    var count: Int { json.bytes.count }

    mutating func raw(_ text: StaticString) {
        json.raw(text)
    }

    mutating func byte(_ value: UInt8) {
        json.byte(value)
    }

    /// A string literal with the escapes JSON requires (RFC 8259, as the protocol writes them).
    mutating func string(_ value: String) {
        json.string(value)
    }

    mutating func integer(_ value: Int) {
        if value < 0 {
            json.byte(UInt8(ascii: "-"))
            unsigned(value.magnitude)
        } else {
            unsigned(UInt(value))
        }
    }

    /// An exact decimal (a price) as a JSON number: its digits with the point in place, no
    /// exponent, no trailing zeros (`6123.25`, `6123`, `-0.5`, `0.0000005`). No `Double` is
    /// involved, so what is written is exactly the simulator's price.
    mutating func number(_ value: FixedDecimal) {
        if value.units < 0 { json.byte(UInt8(ascii: "-")) }
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
            json.append(contentsOf: buffer[(20 - length)..<(20 - places)])
            if places > 0 {
                json.byte(UInt8(ascii: "."))
                json.append(contentsOf: buffer[(20 - places)...])
            }
        }
    }

    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    private mutating func unsigned(_ value: UInt) {
        guard value >= 10 else {
            json.byte(UInt8(ascii: "0") + UInt8(value))
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
            json.append(contentsOf: buffer[(20 - length)...])
        }
    }

    /// The bytes as one JSON value (the caller wrote exactly one).
    var rawJSON: RawJSON { RawJSON(unchecked: json.bytes[...]) }

    /// `value` as a JSON string value.
    static func stringValue(_ value: String) -> RawJSON {
        var writer = HubJSONWriter(capacity: value.utf8.count + 2)
        writer.string(value)
        return writer.rawJSON
    }
}
