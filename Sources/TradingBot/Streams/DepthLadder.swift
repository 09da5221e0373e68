import Foundation
import MarketData

/// Draws an order book as a price ladder: asks above with the best ask nearest the middle, the
/// spread, bids below; each size beside its price. On a terminal it adds size bars and colours
/// (bids green, asks red); an invalid book is dimmed under a banner that says why.
///
/// ```
/// MESZ6 depth at 14:30:01.123 UTC
///     BID       PRICE    ASK
///             5001.00     12
///             5000.75      7
///             5000.50      3
/// ---- spread 0.25 (1 tick) ----
///       9     5000.25
///      14     5000.00
/// ```
struct DepthLadder: Sendable, Equatable {
    /// The contract's name (`MESZ6`).
    var name: String
    /// Levels shown per side.
    var levels: Int
    /// Decimals of the contract's prices.
    var decimals: Int
    /// The contract's tick size, to say the spread in ticks.
    var tickSize: TickSize?
    /// Width of the size bars; 0 draws none.
    var barWidth = 0
    /// Whether to use ANSI colours.
    var color = false

    private static let sizeWidth = 7
    private static let priceWidth = 12

    /// The banner of an invalid book.
    static func banner(_ reason: String) -> String {
        "book invalid: \(reason == OrderBook.awaitingSnapshotReason ? "no snapshot yet" : reason) — waiting for snapshot"
    }

    /// The ladder's lines, top to bottom, without newlines.
    func lines(for book: OrderBook, time: Date) -> [String] {
        var lines = [style("\(name) depth at \(Formatting.timeOfDay(time)) UTC", "1")]
        if let reason = book.invalidReason { lines.append(style(Self.banner(reason), "1;33")) }
        let dim = !book.isValid
        let asks = book.asks(limit: levels)
        let bids = book.bids(limit: levels)
        let largest = max(1, (asks + bids).map(\.size).max() ?? 1)
        lines.append(style(row(bid: "BID", price: "PRICE", ask: "ASK", bidBar: 0, askBar: 0, colored: false), "2"))
        for level in asks.reversed() {
            lines.append(dimmed(row(bid: "", price: price(level.price), ask: String(level.size), bidBar: 0, askBar: bar(level.size, largest), colored: !dim), dim))
        }
        lines.append(dimmed(spreadLine(book), dim))
        for level in bids {
            lines.append(dimmed(row(bid: String(level.size), price: price(level.price), ask: "", bidBar: bar(level.size, largest), askBar: 0, colored: !dim), dim))
        }
        if asks.isEmpty && bids.isEmpty { lines.append("(no levels)") }
        return lines
    }

    /// The width of a row, bars included.
    var width: Int {
        (barWidth > 0 ? 2 * (barWidth + 1) : 0) + 2 * Self.sizeWidth + Self.priceWidth
    }

    private func row(bid: String, price: String, ask: String, bidBar: Int, askBar: Int, colored: Bool) -> String {
        var bidPart = pad(bid, Self.sizeWidth)
        var askPart = pad(ask, Self.sizeWidth)
        if barWidth > 0 {
            bidPart = pad(String(repeating: bar, count: bidBar), barWidth) + " " + bidPart
            askPart += " " + String(repeating: bar, count: askBar)
        }
        if colored && color {
            if !bid.isEmpty { bidPart = "\u{1B}[32m" + bidPart + "\u{1B}[0m" }
            if !ask.isEmpty { askPart = "\u{1B}[31m" + askPart + "\u{1B}[0m" }
        }
        var text = bidPart + pad(price, Self.priceWidth) + askPart
        while text.last == " " { text.removeLast() }
        return text
    }

    private func spreadLine(_ book: OrderBook) -> String {
        let label: String
        if let spread = book.spread {
            let ticks = tickSize?.ticks(in: spread)
            let tickText = ticks.map { " (\($0) tick\($0 == 1 ? "" : "s"))" } ?? ""
            label = book.isCrossed
                ? " crossed by \(Formatting.price(-spread, decimals: decimals)) "
                : " spread \(Formatting.price(spread, decimals: decimals))\(tickText) "
        } else {
            label = book.bestBid == nil && book.bestAsk == nil ? " empty book " : (book.bestBid == nil ? " no bids " : " no asks ")
        }
        let dash = color ? "─" : "-"
        let total = max(width, label.count + 8)
        let left = (total - label.count) / 2
        return String(repeating: dash, count: left) + label + String(repeating: dash, count: total - left - label.count)
    }

    private var bar: String { color ? "█" : "#" }

    private func bar(_ size: Int, _ largest: Int) -> Int {
        guard barWidth > 0, size > 0 else { return 0 }
        return max(1, Int((Double(size) / Double(largest) * Double(barWidth)).rounded()))
    }

    private func price(_ value: Decimal) -> String { Formatting.price(value, decimals: decimals) }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    private func style(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
    }

    private func dimmed(_ text: String, _ dim: Bool) -> String {
        dim && color ? "\u{1B}[2m" + text + "\u{1B}[0m" : text
    }
}
