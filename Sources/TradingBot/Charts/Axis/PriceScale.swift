import Foundation
import MarketData

/// The vertical scale of a chart: prices from `low` (the bottom row) to `high` (the top row),
/// and labels chosen on the contract's tick grid so that every label is an exact price.
///
/// Positions are computed with `Decimal` and rounded to a row; labels are whole multiples of a
/// round step of whole ticks (see ``steps(on:)``), written with the grid's decimals:
///
/// ```swift
/// let scale = PriceScale(low: 5000, high: 5010, tick: TickSize(0.25)!, rows: 11)
/// scale.labels(spacing: 3).map(\.text)  // ["5010.00", "5005.00", "5000.00"]
/// ```
struct PriceScale: Sendable {
    let low: Decimal
    let high: Decimal
    let tick: TickSize
    let rows: Int

    /// A label: the row it stands on, its exact price and that price as text.
    struct Label: Sendable, Equatable {
        var row: Int
        var price: Decimal
        var text: String
    }

    init(low: Decimal, high: Decimal, tick: TickSize, rows: Int) {
        self.low = min(low, high)
        self.high = max(low, high)
        self.tick = tick
        self.rows = max(1, rows)
    }

    /// The row of `price`, 0 at the top: the nearest row, clamped to the chart. In a flat market
    /// (high == low) every price is on the middle row.
    func row(of price: Decimal) -> Int {
        let range = high - low
        guard range > 0, rows > 1 else { return rows / 2 }
        var exact = (high - price) / range * Decimal(rows - 1)
        // Clamped while still a Decimal, so the conversion below only ever sees a small integer.
        guard !exact.isNaN, exact > 0 else { return 0 }
        guard exact < Decimal(rows - 1) else { return rows - 1 }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 0, .plain)
        return NSDecimalNumber(decimal: rounded).intValue
    }

    /// The labels, top first: multiples of the smallest round step that keeps labels at least
    /// `spacing` rows apart. When no multiple falls inside the range, the high and (if far
    /// enough below) the low are labelled instead; a flat market has one label.
    func labels(spacing: Int = 3) -> [Label] {
        let spacing = max(1, spacing)
        guard let lowTicks = tick.ticks(in: low), let highTicks = tick.ticks(in: high) else { return [] }
        let range = highTicks - lowTicks
        guard range > 0, rows > 1 else { return [label(high)] }
        var prices: [Decimal] = []
        let steps = Self.steps(on: tick)
        for step in steps {
            // Labels `step` ticks apart are step × (rows - 1) / range rows apart.
            let apart = Decimal(step) * Decimal(rows - 1)
            guard apart >= Decimal(spacing) * Decimal(range) else { continue }
            var ticks = Self.ceiling(lowTicks, step)
            while ticks <= highTicks {
                prices.append(tick.price(ticks: ticks))
                ticks += step
            }
            break
        }
        if prices.isEmpty {
            prices = [low]
            if row(of: low) - row(of: high) >= spacing { prices.append(high) }
        }
        return prices.reversed().map(label)
    }

    private func label(_ price: Decimal) -> Label {
        Label(row: row(of: price), price: price, text: Formatting.price(price, decimals: tick.decimals))
    }

    /// Label steps in whole ticks, smallest first: the round prices 1, 2, 2.5 and 5 times a
    /// power of ten and the binary fractions ½, ¼, … 1/1024 that are whole multiples of the
    /// tick, so a 0.25 grid is labelled in 0.25, 0.5, 1, 2, 2.5, 5 … and a 1/64 grid in 1/64,
    /// 1/32, 1/16, 1/8, ¼, ½, 1 …
    static func steps(on tick: TickSize) -> [Int] {
        var prices: [Decimal] = []
        for exponent in -12...12 {
            for significand in [10, 20, 25, 50] as [Decimal] {
                prices.append(significand * Decimal(sign: .plus, exponent: exponent - 1, significand: 1))
            }
        }
        var half = Decimal(1)
        for _ in 0..<10 {
            half /= 2
            prices.append(half)
        }
        let steps = prices.compactMap { price in price >= tick.value ? tick.ticks(exactly: price) : nil }
        return Array(Set(steps)).filter { $0 > 0 }.sorted()
    }

    /// The smallest multiple of `step` at or above `value`.
    private static func ceiling(_ value: Int, _ step: Int) -> Int {
        let remainder = value % step
        guard remainder != 0 else { return value }
        return value > 0 ? value - remainder + step : value - remainder
    }

    /// The tick grid to label `prices` on: the contract's, or when it reported none (a tick size
    /// that is not positive), the finest decimal step the prices themselves use.
    static func grid(_ contractTick: TickSize?, prices: [Decimal]) -> TickSize? {
        if let contractTick { return contractTick }
        let places = min(prices.map(decimalPlaces).max() ?? 0, 18)
        return TickSize(Decimal(sign: .plus, exponent: -places, significand: 1))
    }

    /// Digits after the point of `value` without trailing zeros (at most 38).
    private static func decimalPlaces(of value: Decimal) -> Int {
        var input = value
        var rounded = Decimal()
        for places in 0..<38 {
            NSDecimalRound(&rounded, &input, places, .plain)
            if rounded == value { return places }
        }
        return 38
    }
}
