import Foundation
import MarketData

/// One contract's row of the ``QuoteBoard``: its merged quote, the direction of its last price
/// change, the base of its change and the sizes at its best bid and ask.
///
/// The gateway's quotes carry no bid or ask sizes; they come from the contract's depth events,
/// kept in an ``OrderBook``: the size shown beside a price is the book's size at that price, or
/// none while the book has no such level (or is invalid after a gap).
///
/// ```swift
/// var row = QuoteBoardRow(contractId: "CON.F.US.MES.Z26", name: "MESZ6", decimals: 2)
/// row.apply(Quote(lastPrice: 5000))
/// row.apply(Quote(lastPrice: Decimal(string: "5000.25")))
/// row.direction        // .up
/// row.change           // 0.25: since the first quote seen, the gateway gave no change
/// ```
struct QuoteBoardRow: Sendable {
    /// Which way the last price moved on its latest change.
    enum Direction: Sendable, Equatable {
        case none, up, down
    }

    let contractId: String
    /// The contract's name (`MESZ6`).
    let name: String
    /// Decimals of the contract's prices (its tick size's).
    let decimals: Int
    private(set) var state = QuoteState()
    private(set) var direction = Direction.none
    /// The first last price seen: the base of the change while the gateway gives none.
    private(set) var firstLast: Decimal?
    private(set) var book: OrderBook

    init(contractId: String, name: String, decimals: Int, tickSize: TickSize? = nil) {
        self.contractId = contractId
        self.name = name
        self.decimals = decimals
        book = OrderBook(tickSize: tickSize)
    }

    /// Whether a quote has been seen.
    var hasQuote: Bool { !state.isEmpty }

    /// Merges a (possibly partial) quote; a new last price sets the direction.
    mutating func apply(_ update: Quote) {
        let previous = state.quote.lastPrice
        state.apply(update)
        guard let last = state.quote.lastPrice else { return }
        if firstLast == nil { firstLast = last }
        if let previous, last != previous { direction = last > previous ? .up : .down }
    }

    /// Applies depth events to the book the sizes come from.
    mutating func apply(_ depth: [DepthEntry]) {
        book.apply(depth)
    }

    /// Data was missed: the sizes are unknown until the gateway's next snapshot.
    mutating func invalidate(reason: String) {
        book.invalidate(reason: reason)
    }

    /// The change the gateway gives (its base: the previous close or the session's first price),
    /// else the change since the first quote seen; nil without a last price.
    var change: Decimal? {
        if let change = state.quote.change { return change }
        guard let first = firstLast, let last = state.quote.lastPrice else { return nil }
        return last - first
    }

    /// The percentage of ``change``, on the same base.
    var changePercent: Decimal? {
        if state.quote.change != nil { return state.quote.changePercent }
        guard let first = firstLast, first != 0, let change else { return nil }
        return change / first * 100
    }

    /// The size at the quote's best bid, from the book.
    var bidSize: Int? { size(at: state.quote.bestBid, in: book.bids(limit: Self.sizeLevels)) }

    /// The size at the quote's best ask, from the book.
    var askSize: Int? { size(at: state.quote.bestAsk, in: book.asks(limit: Self.sizeLevels)) }

    /// How deep into the book a quote's price is looked for (a quote and the book may be a few
    /// updates apart).
    private static let sizeLevels = 10

    private func size(at price: Decimal?, in levels: [BookLevel]) -> Int? {
        guard book.isValid, let price else { return nil }
        return levels.first { $0.price == price }?.size
    }
}
