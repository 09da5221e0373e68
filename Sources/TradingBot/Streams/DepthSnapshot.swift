import Foundation
import MarketData

/// The `book` of a `depth` JSON line: the order book after an update.
///
/// `valid` is false after a gap (and before the first snapshot) until the gateway sends a new
/// snapshot; the levels are then the last ones known and must not be traded on.
struct DepthSnapshot: Encodable, Sendable, Equatable {
    var valid: Bool
    /// Why the book is invalid, when it is.
    var invalidReason: String?
    /// Best (highest) first.
    var bids: [BookLevel]
    /// Best (lowest) first.
    var asks: [BookLevel]
    /// Best ask minus best bid, when both sides have levels.
    var spread: Decimal?
    var lastTradePrice: Decimal?

    /// The top `levels` levels of each side of `book`.
    init(_ book: OrderBook, levels: Int) {
        valid = book.isValid
        invalidReason = book.invalidReason
        bids = book.bids(limit: levels)
        asks = book.asks(limit: levels)
        spread = book.spread
        lastTradePrice = book.lastTradePrice
    }
}
