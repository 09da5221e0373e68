import Foundation

/// An exact decimal number held as a whole count of units of 10^-`places`: 71.23 is 7123 units
/// with 2 places.
///
/// The simulator computes prices in whole ticks, and every tick it lists is a finite decimal
/// (1/4, 1/100, 1/64 = 0.015625, ...), so a price is such a number. Writing it is integer
/// formatting: exact, without a `Double` in between, and cheap enough for the market hub's hot
/// path (Foundation's `Decimal.description` costs over a microsecond per number). The value is
/// kept without trailing zeros, so equal numbers have equal representations.
///
/// ```swift
/// let price = FixedDecimal(units: 712_300, places: 4)   // 71.23
/// price.description                                    // "71.23"
/// price.decimal == Decimal(string: "71.23")            // true
/// ```
public struct FixedDecimal: Sendable, Hashable, Comparable, Encodable, CustomStringConvertible {
    /// The number in units of 10^-``places``.
    public let units: Int64
    /// Digits after the decimal point (0 for a whole number), at most 18.
    public let places: Int

    /// `units` × 10^-`places`, with trailing zeros removed; `places` is clamped to 0...18.
    public init(units: Int64, places: Int) {
        var units = units
        var places = max(0, min(FixedDecimal.maximumPlaces, places))
        while places > 0, units % 10 == 0 {
            units /= 10
            places -= 1
        }
        self.units = units
        self.places = places
    }

    /// A whole number.
    public init(_ integer: Int64) {
        self.init(units: integer, places: 0)
    }

    /// 10^18 still fits in `Int64`.
    static let maximumPlaces = 18

    /// The same number as a Foundation `Decimal`, exactly.
    public var decimal: Decimal {
        guard units != 0 else { return Decimal() }
        return Decimal(sign: units < 0 ? .minus : .plus, exponent: -places, significand: Decimal(units.magnitude))
    }

    /// The exact decimal text: `71.23`, `-0.5`, `6000`, `0.0000005`.
    public var description: String {
        var writer = HubJSONWriter(capacity: 24)
        writer.number(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool {
        if lhs.places == rhs.places { return lhs.units < rhs.units }
        return lhs.decimal < rhs.decimal
    }

    /// Encoded as the JSON number it is (through `Decimal`, which `JSONEncoder` writes exactly).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(decimal)
    }
}
