import Foundation

/// One history bar (`AggregateBarModel`).
public struct HistoryBar: Codable, Sendable, Hashable {
    /// The bar's start time.
    public var time: Date
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    public var volume: Int64

    public init(time: Date, open: Double, high: Double, low: Double, close: Double, volume: Int64) {
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
