import Foundation

/// A `System.Decimal` written as a JSON string (`"71.23"`), which the gateway's binder accepts in
/// number fields: read exactly, and only when the whole text is a number.
enum WireDecimal {
    /// The number `text` spells in JSON's grammar (`-71.23`, `5`, `1.5e2`), exactly; nil for
    /// anything else (`"71.23abc"`, `" 5"`, `"0x10"`, `"NaN"`) or a number beyond `Decimal`.
    static func parse(_ text: String) -> Decimal? {
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard skipDigits(&bytes) else { return nil }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard skipDigits(&bytes) else { return nil }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard skipDigits(&bytes) else { return nil }
        }
        guard bytes.isEmpty, let value = Decimal(string: text), !value.isNaN else { return nil }
        return value
    }

    /// Consumes one or more ASCII digits; false when there is none.
    private static func skipDigits(_ bytes: inout Substring.UTF8View) -> Bool {
        let digits = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        bytes = bytes.dropFirst(digits.count)
        return !digits.isEmpty
    }
}
