import Foundation

extension JSONScanner {
    /// Powers of ten that a `Double` holds exactly: the range of the exact fast path.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Reads a JSON number as a finite `Double`, correctly rounded.
    ///
    /// Prices on the wire are short decimals (`5321.25`). Those take the exact fast path:
    /// at most 15 significant digits make an integer below 2^53, and dividing it by an exact power
    /// of ten up to 10^22 is one correctly rounded IEEE operation (Clinger's fast path). Anything
    /// else is handed to the standard library's parser. A number too large for a `Double` is an
    /// error, as it is for `JSONDecoder`.
    mutating func readDouble() throws(HubProtocolError) -> Double {
        let range = try readNumberRange()
        if let value = Self.fastDouble(slice(range)) { return value }
        let text = String(decoding: slice(range), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw HubProtocolError("The number \(text) does not fit in a Double.")
        }
        return value
    }

    /// Reads a JSON number as an exact `Decimal`: `71.23` is 71.23, not the nearest binary
    /// fraction, with the value `JSONDecoder` gives for `Decimal`.
    ///
    /// Prices on the wire are short decimals (`5321.25`). Those take the fast path: up to 19
    /// digits accumulate into a `UInt64` mantissa and the decimal is built from it and the count
    /// of fraction digits, without a `Double` or a `String`. Anything else (an exponent, more
    /// digits) is parsed by Foundation's decimal parser, the one `JSONDecoder` uses. A number
    /// beyond `Decimal`'s range is an error, as it is for `JSONDecoder`.
    mutating func readDecimal() throws(HubProtocolError) -> Decimal {
        let range = try readNumberRange()
        if let value = Self.fastDecimal(slice(range)) { return value }
        let text = String(decoding: slice(range), as: UTF8.self)
        guard let value = Decimal(string: text), !value.isNaN else {
            throw HubProtocolError("The number \(text) does not fit in a Decimal.")
        }
        return value
    }

    /// Reads an integral JSON number that fits in Int64 (`1`, `1.0` and `1e0` are accepted).
    mutating func readInteger() throws(HubProtocolError) -> Int64 {
        let range = try readNumberRange()
        if let value = Self.fastInteger(slice(range)) { return value }
        let text = String(decoding: slice(range), as: UTF8.self)
        if let value = Int64(text) { return value }
        if let double = Double(text), double.rounded() == double, abs(double) < 9.2e18 {
            return Int64(double)
        }
        throw HubProtocolError("Expected an integer but found \(text).")
    }

    /// Validates the number at the cursor and returns the range of its bytes.
    private mutating func readNumberRange() throws(HubProtocolError) -> Range<Int> {
        let found = try peek()
        guard found == UInt8(ascii: "-") || (found >= UInt8(ascii: "0") && found <= UInt8(ascii: "9")) else {
            throw HubProtocolError("Expected a number but found \(Self.describe(found)).")
        }
        return try skipValue()
    }

    /// `-?digits` with at most 18 digits, else nil (the caller takes the general path).
    private static func fastInteger(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var index = bytes.startIndex
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let digitCount = bytes.endIndex - index
        guard digitCount > 0, digitCount <= 18 else { return nil }
        var value: Int64 = 0
        while index < bytes.endIndex {
            let digit = Int64(bytes[index]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value &* 10 &+ digit
            index += 1
        }
        return negative ? -value : value
    }

    /// A validated JSON number without an exponent and with at most 19 digits, as an exact
    /// `Decimal`; nil for anything else.
    private static func fastDecimal(_ bytes: ArraySlice<UInt8>) -> Decimal? {
        var index = bytes.startIndex
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var inFraction = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                inFraction = true
                continue
            }
            let digit = UInt64(byte) &- 48
            // An exponent ('e', 'E') or anything unexpected: not for the fast path.
            guard digit <= 9 else { return nil }
            digits += 1
            // 19 digits stay below 10^19 < 2^64; leading zeros count too, which keeps the rule simple.
            guard digits <= 19 else { return nil }
            mantissa = mantissa &* 10 &+ digit
            if inFraction { fractionDigits += 1 }
        }
        // Zero has no sign in Decimal (and `-0` reads as 0, as JSONDecoder reads it).
        guard mantissa != 0 else { return Decimal() }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(mantissa))
    }

    /// A validated JSON number without an exponent and with at most 15 significant digits, as an
    /// exactly rounded `Double`; nil for anything else.
    private static func fastDouble(_ bytes: ArraySlice<UInt8>) -> Double? {
        var index = bytes.startIndex
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var fractionDigits = 0
        var inFraction = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                inFraction = true
                continue
            }
            let digit = UInt64(byte) &- 48
            // An exponent ('e', 'E') or anything unexpected: not for the fast path.
            guard digit <= 9 else { return nil }
            if mantissa != 0 || digit != 0 { significantDigits += 1 }
            guard significantDigits <= 15 else { return nil }
            mantissa = mantissa * 10 + digit
            if inFraction { fractionDigits += 1 }
        }
        guard fractionDigits < exactPowersOfTen.count else { return nil }
        let magnitude = Double(mantissa) / exactPowersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }
}
