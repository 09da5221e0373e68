import Foundation

/// A price as a whole number of billionths (10^-9, the gateway's precision), for ordering book
/// levels with integer comparisons; nil for a price with more than nine decimals or beyond
/// ±9.2 billion, which then compares as a `Decimal`.
///
/// Why: Foundation's `Decimal` comparison aligns exponents in 128-bit arithmetic on every call
/// (about 0.1 µs here), and a book update makes several; an `Int64` comparison is a nanosecond.
/// swift-foundation offers no public way to read a `Decimal`'s integer significand, so the key is
/// read from the value's representation (exponent byte, flags byte, 16-bit mantissa words) and
/// then **checked by rebuilding the decimal from it**: if the representation is not the expected
/// one (another Foundation), the check fails and the caller compares `Decimal`s; an order is never
/// decided by a misread key.
struct PriceKey: Sendable, Hashable, Comparable {
    /// The price × 10^9.
    let billionths: Int64

    /// The key of `price`, or nil when it has none (see the type's discussion).
    init?(_ price: Decimal) {
        guard let parts = Self.parts(of: price), parts.exponent >= -9 else { return nil }
        var scaled = Int64(bitPattern: parts.mantissa)
        guard scaled >= 0 else { return nil }
        for _ in 0..<(parts.exponent + 9) {
            let (product, overflow) = scaled.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            scaled = product
        }
        billionths = parts.negative ? -scaled : scaled
    }

    static func < (lhs: PriceKey, rhs: PriceKey) -> Bool { lhs.billionths < rhs.billionths }

    /// The size of swift-foundation's `Decimal`: an exponent, a flags byte, 16 reserved bits and
    /// eight 16-bit mantissa words.
    private static let expectedSize = 20

    /// Sign, exponent and a mantissa that fits in 64 bits, read from `value` and verified.
    private static func parts(of value: Decimal) -> (negative: Bool, exponent: Int, mantissa: UInt64)? {
        guard MemoryLayout<Decimal>.size == expectedSize, !value.isNaN else { return nil }
        if value.isZero { return (false, 0, 0) }
        let read: (negative: Bool, exponent: Int, mantissa: UInt64)? = withUnsafeBytes(of: value) { raw in
            let exponent = Int(raw.load(fromByteOffset: 0, as: Int8.self))
            let flags = raw[1]
            let length = Int(flags >> 4)
            guard length >= 1, length <= 4 else { return nil }
            var mantissa: UInt64 = 0
            for word in (0..<length).reversed() {
                let low = UInt64(raw[4 + 2 * word])
                let high = UInt64(raw[5 + 2 * word])
                mantissa = mantissa << 16 | high << 8 | low
            }
            return ((flags >> 3) & 1 == 1, exponent, mantissa)
        }
        guard let read, read.mantissa != 0 else { return nil }
        // The check that makes the read trustworthy: the parts must spell the same number.
        let rebuilt = Decimal(sign: read.negative ? .minus : .plus, exponent: read.exponent, significand: Decimal(read.mantissa))
        return rebuilt == value ? read : nil
    }
}
