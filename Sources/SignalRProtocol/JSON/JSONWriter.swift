/// Writes the strict JSON the hub protocol sends: fixed property order, no white space, strings
/// escaped per RFC 8259.
///
/// Package-wide so that the simulator's payload writer escapes strings exactly as the protocol
/// does, instead of keeping a copy that drifts.
package struct JSONWriter {
    package private(set) var bytes: [UInt8]

    package init(capacity: Int = 128) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    package mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    package mutating func raw(_ value: RawJSON) {
        bytes.append(contentsOf: value.bytes)
    }

    /// Appends text that is already valid JSON, such as a number's description.
    package mutating func verbatim(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    package mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// Appends bytes that are already valid JSON (digits a caller formatted itself).
    package mutating func append(contentsOf values: some Sequence<UInt8>) {
        bytes.append(contentsOf: values)
    }

    package mutating func integer(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    package mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(Self.hex(byte >> 4))
                bytes.append(Self.hex(byte & 0xF))
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    package mutating func stringArray(_ values: [String]) {
        byte(UInt8(ascii: "["))
        for (position, value) in values.enumerated() {
            if position > 0 { byte(UInt8(ascii: ",")) }
            string(value)
        }
        byte(UInt8(ascii: "]"))
    }

    package mutating func headers(_ headers: [String: String]) {
        byte(UInt8(ascii: "{"))
        for (position, key) in headers.keys.sorted().enumerated() {
            if position > 0 { byte(UInt8(ascii: ",")) }
            string(key)
            byte(UInt8(ascii: ":"))
            string(headers[key] ?? "")
        }
        byte(UInt8(ascii: "}"))
    }

    private static func hex(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
