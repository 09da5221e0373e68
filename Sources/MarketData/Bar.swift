import Foundation

/// One OHLCV time bar produced by ``BarAggregator``.
///
/// `open` and `close` are the prices of the earliest and latest trade **by timestamp** within
/// the bar (not by arrival), `high`/`low` the extremes, `volume` the contracts traded and
/// `tradeCount` the number of trades.
///
/// ```swift
/// if let bar = aggregator.add(price: trade.price, volume: 2, at: time) {
///     print(bar.start, bar.open, bar.high, bar.low, bar.close, bar.volume)
/// }
/// ```
public struct Bar: Sendable, Hashable, Codable {
    /// The UTC-aligned start of the bar's period (inclusive); the bar ends at `start + period`.
    public var start: Date
    /// Price of the earliest trade by timestamp.
    public var open: Decimal
    /// Highest trade price.
    public var high: Decimal
    /// Lowest trade price.
    public var low: Decimal
    /// Price of the latest trade by timestamp.
    public var close: Decimal
    /// Contracts traded.
    public var volume: Int
    /// Trades aggregated.
    public var tradeCount: Int

    /// Creates a bar from its fields (for tests and for bars loaded from history).
    public init(
        start: Date, open: Decimal, high: Decimal, low: Decimal, close: Decimal, volume: Int, tradeCount: Int
    ) {
        self.start = start
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.tradeCount = tradeCount
    }
}
