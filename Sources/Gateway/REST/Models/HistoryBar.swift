import Foundation

/// One history bar (`AggregateBarModel`).
public struct HistoryBar: Codable, Sendable, Hashable {
    /// The bar's start time.
    public var time: Date
    public var open: Decimal
    public var high: Decimal
    public var low: Decimal
    public var close: Decimal
    public var volume: Int64

    public init(time: Date, open: Decimal, high: Decimal, low: Decimal, close: Decimal, volume: Int64) {
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }

    enum CodingKeys: String, CodingKey {
        case time = "t", open = "o", high = "h", low = "l", close = "c", volume = "v"
    }
}
