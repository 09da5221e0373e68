import Foundation

/// One price level of an ``OrderBook``: a price and the contracts resting there.
///
/// ```swift
/// if let best = book.bestBid { print("\(best.size) @ \(best.price)") }
/// ```
public struct BookLevel: Sendable, Hashable, Codable {
    /// The level's price.
    public var price: Decimal
    /// Contracts at this price; always > 0 for a level held in a book.
    public var size: Int

    /// Creates a level.
    public init(price: Decimal, size: Int) {
        self.price = price
        self.size = size
    }
}
