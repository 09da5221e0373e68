import Foundation
import Gateway
import MarketData

/// The `quote` board on a terminal: one row per contract, laid out as a pure function of its
/// state and the terminal's size, so that a renderer only redraws the lines it returns.
///
/// Each row shows the contract, its last price, the change (the gateway's, else since the first
/// quote seen), the sizes and prices at the best bid and ask, the session volume and the
/// gateway's time of the update. With colours a row is green when its last price last moved up,
/// red when it moved down. No line is wider than the terminal (they are cut, never wrapped), and
/// when the terminal has fewer rows than contracts the last line says how many are not shown.
///
/// ```
/// CONTRACT       LAST            CHANGE                BID x ASK                 VOLUME  TIME (UTC)
/// MESZ6       5000.00   +12.25 (+0.25%)       9    5000.00 x 5000.25    3          1234  14:30:02.500
/// ESZ6              -                 -                  - x -                        -  -
/// ```
struct QuoteBoard: Sendable {
    private(set) var rows: [QuoteBoardRow]
    private let nameWidth: Int

    init(contracts: [Contract]) {
        var seen = Set<String>()
        rows = contracts.filter { seen.insert($0.id).inserted }.map {
            QuoteBoardRow(contractId: $0.id, name: $0.name, decimals: QuoteRenderer.decimals(of: $0), tickSize: $0.tickGrid)
        }
        nameWidth = max(8, rows.map(\.name.count).max() ?? 0)
    }

    /// The row of a contract.
    func row(_ contractId: String) -> QuoteBoardRow? {
        rows.first { $0.contractId == contractId }
    }

    /// Applies a quote or depth event of one of the board's contracts; returns whether the board
    /// changed (false for other events and contracts).
    @discardableResult
    mutating func apply(_ event: MarketEvent) -> Bool {
        switch event {
        case .quote(let contractId, let update):
            guard let index = rows.firstIndex(where: { $0.contractId == contractId }) else { return false }
            rows[index].apply(update)
            return true
        case .depth(let contractId, let entries):
            guard let index = rows.firstIndex(where: { $0.contractId == contractId }) else { return false }
            rows[index].apply(entries)
            return true
        case .trades, .gap, .live:
            return false
        }
    }

    /// Data may have been missed for `contractIds` (every contract when empty).
    mutating func invalidate(contractIds: [String], reason: String) {
        for index in rows.indices where contractIds.isEmpty || contractIds.contains(rows[index].contractId) {
            rows[index].invalidate(reason: reason)
        }
    }

    /// The board's lines, top to bottom, without newlines: a header, then one line per contract.
    ///
    /// - Parameters:
    ///   - size: the terminal's size; lines are cut to its columns, and rows that do not fit in
    ///     its rows (less one, for the cursor) are summed up in a last line. Nil: no limit.
    ///   - color: whether to colour rows by their last tick's direction (and dim the header).
    func lines(size: TerminalSize? = nil, color: Bool = false) -> [String] {
        let header = "CONTRACT".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            + Self.right("LAST", 11) + Self.right("CHANGE", 18) + "  "
            + Self.right("BID", 17) + " x " + Self.left("ASK", 17) + Self.right("VOLUME", 9) + "  TIME (UTC)"
        var body = rows.map { (text: line($0), direction: $0.direction) }
        if let size {
            // The header and the cursor's line take two rows; a summary line takes one more.
            let room = max(1, size.rows - 2)
            if body.count > room {
                let shown = max(0, room - 1)
                let hidden = body.count - shown
                body = Array(body.prefix(shown)) + [(text: "(\(hidden) more contract\(hidden == 1 ? "" : "s"): enlarge the terminal to see them)", direction: .none)]
            }
        }
        let width = size?.columns
        var lines = [Self.style(Self.fit(header, width), color ? "2" : nil)]
        for item in body {
            let code: String? = switch item.direction {
            case .up where color: "32"
            case .down where color: "31"
            default: nil
            }
            lines.append(Self.style(Self.fit(item.text, width), code))
        }
        return lines
    }

    /// One contract's line, uncut and without colour.
    func line(_ row: QuoteBoardRow) -> String {
        let quote = row.state.quote
        var change = Formatting.signed(row.change, decimals: row.decimals)
        if let percent = row.changePercent, !percent.isNaN {
            change += " (\(Formatting.signed(percent, decimals: 2))%)"
        }
        let text = row.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            + Self.right(Formatting.price(quote.lastPrice, decimals: row.decimals), 11)
            + Self.right(change, 18) + "  "
            + Self.right(row.bidSize.map(String.init) ?? "", 6) + Self.right(Formatting.price(quote.bestBid, decimals: row.decimals), 11)
            + " x "
            + Self.left(Formatting.price(quote.bestAsk, decimals: row.decimals), 11) + Self.left(row.askSize.map(String.init) ?? "", 6)
            + Self.right(quote.volume.map(String.init) ?? "-", 9)
            + "  " + (row.state.lastUpdate.map(Formatting.timeOfDay) ?? "-")
        return Self.trimmed(text)
    }

    /// `text` cut to `width` columns (nil: as is).
    static func fit(_ text: String, _ width: Int?) -> String {
        guard let width, text.count > width else { return text }
        return String(text.prefix(max(0, width)))
    }

    /// `text` right-aligned in `width` columns, with a space before it when it fills them.
    private static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }

    /// `text` left-aligned in `width` columns, with a space after it when it fills them.
    private static func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private static func trimmed(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }

    private static func style(_ text: String, _ code: String?) -> String {
        guard let code, !text.isEmpty else { return trimmed(text) }
        return "\u{1B}[\(code)m" + trimmed(text) + "\u{1B}[0m"
    }
}
