import Foundation

/// Aggregates trades into OHLCV time bars of one ``BarPeriod``, aligned to UTC boundaries.
///
/// Feed trades in arrival order. A trade in a **later** period than the current bar completes
/// that bar, which ``add(price:volume:at:)`` returns, and starts a new one. Periods without
/// trades produce no bars (no empty filler bars; a chart can draw gaps itself).
///
/// Ordering rules, since the feed gives no guarantee:
/// - A trade out of order but **within the current bar** is folded in: it updates high, low,
///   volume and count, becomes the open if it is earlier than the current open trade and the
///   close if it is not earlier than the current close trade (ties: the later arrival closes).
/// - A trade **older than the current bar** (or older than the end of the last bar emitted or
///   flushed) is late: the bar it belongs to has already been handed out, and rewriting history
///   would be worse than losing one print. It is ignored and counted in ``lateCount``.
/// - A trade with a NaN price, a non-finite time or a negative volume is ignored and counted in
///   ``rejectedCount``; so is a ``MarketTrade`` without a price or a parseable timestamp. A
///   missing volume counts as 0 (the price is still a print).
///
/// ``current`` shows the partial bar without closing it; ``flush()`` closes and returns it (at
/// the end of a session or of a replay). After a flush, trades in the flushed period are late.
///
/// ```swift
/// var bars = BarAggregator(period: .minutes(1))
/// for trade in try JSONDecoder().decode(OneOrMany<MarketTrade>.self, from: payload) {
///     if let bar = bars.add(trade) { print("closed", bar) }
/// }
/// let partial = bars.current
/// ```
public struct BarAggregator: Sendable {
    /// The bar length.
    public let period: BarPeriod
    /// Trades ignored because their bar had already been emitted or flushed.
    public private(set) var lateCount = 0
    /// Trades ignored because they had no usable price or time, or a negative volume.
    public private(set) var rejectedCount = 0

    /// The bar being built, with the times that decide its open and close.
    private struct Partial: Sendable {
        var bar: Bar
        var index: Int
        var openTime: Double
        var closeTime: Double
    }

    private var partial: Partial?
    /// Trades in periods below this index are late; nil until the first bar starts.
    private var earliestOpenIndex: Int?

    /// `Date` counts seconds from 2001-01-01 and converting to Unix time adds 978,307,200 s,
    /// which rounds away the last ~10^-7 s: 10:00:59.9999999 would land in the 10:01 bar.
    /// So period math stays in reference-date seconds: the Unix offset is split once into
    /// whole periods (`referenceIndex`) and a remainder (`referenceRemainder`, 0 for every
    /// period that divides a day), and only that small remainder is added per trade.
    private let referenceIndex: Int
    private let referenceRemainder: Int

    /// Creates an aggregator with no bar in progress.
    public init(period: BarPeriod) {
        self.period = period
        let unixSecondsAtReferenceDate = 978_307_200
        referenceIndex = unixSecondsAtReferenceDate / period.seconds
        referenceRemainder = unixSecondsAtReferenceDate % period.seconds
    }

    /// The bar in progress, or nil when no trade has arrived since the last emitted bar.
    public var current: Bar? { partial?.bar }

    /// The UTC-aligned start of the period that contains `time`.
    public func periodStart(for time: Date) -> Date? {
        periodIndex(for: time.timeIntervalSinceReferenceDate).map(start(ofIndex:))
    }

    /// Adds one trade; returns the bar it completed, if it opened a later period.
    public mutating func add(price: Decimal, volume: Int, at time: Date) -> Bar? {
        let seconds = time.timeIntervalSinceReferenceDate
        guard !price.isNaN, volume >= 0, let index = periodIndex(for: seconds) else {
            rejectedCount &+= 1
            return nil
        }
        if let floor = earliestOpenIndex, index < floor {
            lateCount &+= 1
            return nil
        }
        guard var current = partial, current.index == index else {
            // First trade, or the first trade of a later period: that completes the current bar.
            let completed = partial?.bar
            partial = Partial(
                bar: Bar(
                    start: start(ofIndex: index), open: price, high: price, low: price, close: price,
                    volume: volume, tradeCount: 1),
                index: index, openTime: seconds, closeTime: seconds)
            earliestOpenIndex = index
            return completed
        }
        current.bar.high = max(current.bar.high, price)
        current.bar.low = min(current.bar.low, price)
        current.bar.volume &+= volume
        current.bar.tradeCount &+= 1
        if seconds < current.openTime {
            current.openTime = seconds
            current.bar.open = price
        }
        if seconds >= current.closeTime {
            current.closeTime = seconds
            current.bar.close = price
        }
        partial = current
        return nil
    }

    /// Adds one decoded gateway trade (see the type's discussion for missing fields).
    public mutating func add(_ trade: MarketTrade) -> Bar? {
        guard let price = trade.price, let time = trade.timestampDate else {
            rejectedCount &+= 1
            return nil
        }
        return add(price: price, volume: trade.volume ?? 0, at: time)
    }

    /// Adds trades in order, calling `onBar` for each bar they complete (a batch can span
    /// several periods), without collecting them in an array.
    public mutating func add(_ trades: some Sequence<MarketTrade>, onBar: (Bar) throws -> Void) rethrows {
        for trade in trades {
            if let bar = add(trade) { try onBar(bar) }
        }
    }

    /// Closes and returns the bar in progress, or nil if there is none.
    ///
    /// Later trades in the flushed period count as late: the bar has been handed out.
    public mutating func flush() -> Bar? {
        guard let current = partial else { return nil }
        partial = nil
        earliestOpenIndex = current.index == Int.max ? current.index : current.index + 1
        return current.bar
    }

    /// The Unix-aligned period index of a time given in reference-date seconds, or nil for a
    /// time that cannot be placed.
    private func periodIndex(for seconds: Double) -> Int? {
        let index = ((seconds + Double(referenceRemainder)) / Double(period.seconds)).rounded(.down)
        // Below 2^52 every such Double is an exact integer, well inside Int.
        guard index.isFinite, index.magnitude < 4.5e15 else { return nil }
        return referenceIndex + Int(index)
    }

    private func start(ofIndex index: Int) -> Date {
        Date(timeIntervalSinceReferenceDate:
            Double(index - referenceIndex) * Double(period.seconds) - Double(referenceRemainder))
    }
}
