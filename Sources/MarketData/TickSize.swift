import Foundation

/// A contract's minimum price increment, and exact arithmetic on its grid of valid prices.
///
/// Prices are Foundation `Decimal`s, exactly as the gateway writes them: `71.23` is seventy-one
/// and twenty-three hundredths, not the nearest binary fraction, so a price on the grid stays on
/// it through every step here, and a price ten ticks away is `71.33`, never
/// `71.33000000000001`. Every function below is exact for the grids futures use (0.25, 0.1,
/// 0.01, 0.005, 1/32 = 0.03125, 1/64 = 0.015625, ...), whose multiples are short decimals.
///
/// Build prices from text or integers, not from `Double` literals: `Decimal(71.23)` (and a
/// `71.23` literal typed as `Decimal`) passes through a `Double` and is not 71.23.
///
/// ```swift
/// let tick = TickSize(Decimal(string: "0.01")!)!
/// let price = Decimal(string: "71.23")!
/// tick.isAligned(price)                                    // true
/// tick.price(price, movedBy: 10)                           // 71.33
/// tick.nearestValidPrices(to: Decimal(string: "71.235")!)  // (below: 71.23, above: 71.24)
/// tick.ticks(in: price)                                    // 7123
/// ```
public struct TickSize: Sendable, Hashable {
    /// The increment, for example 0.25 for ES or 0.015625 (1/64) for ZN.
    public let value: Decimal
    /// Decimal places of `value`: 2 for 0.25, 6 for 0.015625, 0 for 1 or 5. Prices on the grid
    /// never need more.
    public let decimals: Int
    /// Half a tick, the largest distance to the nearest tick.
    private let half: Decimal

    /// Creates a tick size; nil unless `value` is a positive number.
    public init?(_ value: Decimal) {
        guard !value.isNaN, value > 0 else { return nil }
        self.value = value
        self.decimals = Self.decimalPlaces(of: value)
        self.half = value * Decimal(sign: .plus, exponent: -1, significand: 5)
    }

    /// The number of whole ticks nearest to `price` (ties away from zero), or nil for NaN or a
    /// count beyond `Int`.
    public func ticks(in price: Decimal) -> Int? {
        guard let ticks = nearestTicks(to: price) else { return nil }
        return Self.integer(ticks)
    }

    /// The number of ticks `price` is made of, or nil when it is not on the grid.
    public func ticks(exactly price: Decimal) -> Int? {
        guard isAligned(price) else { return nil }
        return ticks(in: price)
    }

    /// The price of `ticks` whole ticks.
    public func price(ticks: Int) -> Decimal {
        Decimal(ticks) * value
    }

    /// `price` moved `ticks` ticks up (positive) or down (negative): a bracket's price.
    public func price(_ price: Decimal, movedBy ticks: Int) -> Decimal {
        price + Decimal(ticks) * value
    }

    /// `price` snapped to the nearest tick (ties away from zero); NaN is returned unchanged.
    public func round(_ price: Decimal) -> Decimal {
        guard let ticks = nearestTicks(to: price) else { return price }
        return ticks * value
    }

    /// True when `price` is a whole number of ticks.
    public func isAligned(_ price: Decimal) -> Bool {
        guard let ticks = nearestTicks(to: price) else { return false }
        return ticks * value == price
    }

    /// The valid prices nearest to `price`: the highest at or below it and the lowest at or above
    /// it. Both are `price` itself when it is on the grid; nil for NaN.
    public func nearestValidPrices(to price: Decimal) -> (below: Decimal, above: Decimal)? {
        guard let ticks = nearestTicks(to: price) else { return nil }
        let nearest = ticks * value
        if nearest == price { return (price, price) }
        return nearest < price ? (nearest, nearest + value) : (nearest - value, nearest)
    }

    /// The nearest whole number of ticks as an integral `Decimal`, checked by exact
    /// multiplication (the quotient of a division is rounded to 38 digits, so it only proposes).
    private func nearestTicks(to price: Decimal) -> Decimal? {
        guard !price.isNaN else { return nil }
        var quotient = price / value
        var ticks = Decimal()
        NSDecimalRound(&ticks, &quotient, 0, .plain)
        guard !ticks.isNaN else { return nil }
        // Correct a proposal that the rounded quotient got wrong by one: the distance to the
        // chosen tick must be at most half a tick, ties going away from zero.
        for _ in 0..<2 {
            let distance = price - ticks * value
            if distance > half || (distance == half && price > 0) {
                ticks += 1
            } else if -distance > half || (-distance == half && price < 0) {
                ticks -= 1
            } else {
                break
            }
        }
        return ticks
    }

    /// An integral `Decimal` as an `Int`, or nil when it does not fit.
    static func integer(_ value: Decimal) -> Int? {
        guard value.magnitude < Decimal(Int.max) else { return nil }
        let converted = NSDecimalNumber(decimal: value).int64Value
        // The conversion is checked, not trusted: it must give back the same number.
        guard Decimal(converted) == value else { return nil }
        return Int(converted)
    }

    /// Digits after the decimal point of `value` written without trailing zeros.
    static func decimalPlaces(of value: Decimal) -> Int {
        var compact = value
        var rounded = Decimal()
        var places = 0
        // The representation's exponent may keep trailing zeros, so count by rounding instead.
        while places < 38 {
            NSDecimalRound(&rounded, &compact, places, .plain)
            if rounded == value { return places }
            places += 1
        }
        return places
    }
}

extension TickSize: Codable {
    /// Encoded as the bare number (`0.25`); decoding rejects zero and negative values.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Decimal.self)
        guard let tick = TickSize(value) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "tick size \(value) is not positive")
        }
        self = tick
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
