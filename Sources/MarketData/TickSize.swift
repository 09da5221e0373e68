/// A contract's minimum price increment, with helpers to snap `Double` prices to its grid.
///
/// **Why prices are `Double` in this module.** The gateway sends prices as JSON numbers
/// (the docs print 9 fractional digits); `JSONDecoder` turns a number into a binary
/// floating-point value before it could become a `Decimal`, so `Decimal` would add cost without
/// adding exactness. Futures prices need far fewer than Double's 15 significant digits, a given
/// decimal string always decodes to the same `Double` (so book levels compare exactly), and
/// `Double` keeps the hot path allocation-free. Where arithmetic can leave a residue
/// (`0.1 * 3 == 0.30000000000000004`), snap with ``round(_:)`` or work in whole ``ticks(in:)``.
///
/// ```swift
/// let tick = TickSize(0.25)
/// tick.round(5000.13)          // 5000.25
/// tick.ticks(in: 5000.25)      // 20001
/// tick.price(ticks: 20001)     // 5000.25
/// ```
public struct TickSize: Sendable, Hashable {
    /// The increment, for example `0.25` for ES.
    public let value: Double
    /// Decimal places of `value` (capped at 9, the gateway's precision), for clean results.
    public let decimals: Int
    private let scale: Double

    /// Creates a tick size; nil unless `value` is finite and positive.
    public init?(_ value: Double) {
        guard value.isFinite, value > 0 else { return nil }
        self.value = value
        var decimals = 0
        var scale = 1.0
        // Count decimal places by checking when value * 10^d is (nearly) a whole number.
        while decimals < 9 {
            let scaled = value * scale
            if (scaled - scaled.rounded()).magnitude < 1e-9 * max(1, scaled.magnitude) { break }
            decimals += 1
            scale *= 10
        }
        self.decimals = decimals
        self.scale = scale
    }

    /// The number of whole ticks nearest to `price` (price / tick, rounded half away from zero).
    /// Returns nil for a non-finite price or one too large for `Int`.
    public func ticks(in price: Double) -> Int? {
        let ticks = (price / value).rounded()
        guard ticks.isFinite, ticks.magnitude < 9.0e15 else { return nil }
        return Int(ticks)
    }

    /// The price of `ticks` whole ticks, as the closest `Double` to the exact decimal value.
    public func price(ticks: Int) -> Double {
        // Multiply in the decimal domain and divide by an exact power of ten once, so the
        // result is the correctly rounded decimal (5000.25, not 5000.250000000001).
        ((Double(ticks) * value * scale).rounded()) / scale
    }

    /// `price` snapped to the nearest tick; non-finite input is returned unchanged.
    public func round(_ price: Double) -> Double {
        guard let ticks = ticks(in: price) else { return price }
        return self.price(ticks: ticks)
    }

    /// True when `price` lies on the grid (within a billionth of a tick).
    public func isAligned(_ price: Double) -> Bool {
        let ticks = price / value
        return ticks.isFinite && (ticks - ticks.rounded()).magnitude < 1e-9
    }
}

extension TickSize: Codable {
    /// Encoded as the bare number (`0.25`); decoding rejects zero, negative and non-finite values.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Double.self)
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
