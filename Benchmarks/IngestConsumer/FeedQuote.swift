import Foundation

/// A `GatewayQuote` as a user of the typed `on` API would declare it: every member the gateway
/// sends, prices as exact decimals (as everywhere in this package), plus the feed's `seq`.
struct FeedQuote: Decodable, Sendable {
    var symbol: String
    var symbolName: String
    var lastPrice: Decimal
    var bestBid: Decimal
    var bestAsk: Decimal
    var change: Decimal
    var changePercent: Decimal
    var open: Decimal
    var high: Decimal
    var low: Decimal
    var volume: Decimal
    var lastUpdated: String
    var timestamp: String
    /// The feed's running number, 1...N.
    var seq: Int
}
