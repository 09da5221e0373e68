import Foundation
import Gateway
import MarketData

/// Builds an ``OrderBook`` from a contract's depth events and shows it after every update.
///
/// - On a terminal (human output), one live ladder redrawn in place with ANSI cursor movement;
///   gap and status lines appear above it, and the ladder goes on below them.
/// - Otherwise, one ``DepthLadder`` snapshot per update, separated by a blank line; `--json`
///   gets one ``StreamRecord`` of type `depth` with the top levels per update.
///
/// The live ladder fits the terminal: as many levels as its rows allow, size bars as wide as its
/// columns allow; when the terminal is resized it is laid out again and redrawn at once.
///
/// After a gap the book is invalid until the gateway's next snapshot (a Reset): the display says
/// "book invalid: <reason> — waiting for snapshot", and JSON lines carry `"valid":false`.
struct DepthRenderer: StreamRenderer {
    let output: Output
    let contract: Contract
    /// Levels per side in snapshots (the live ladder may show fewer to fit the terminal).
    let levels: Int
    private var ladder: DepthLadder
    private let live: Bool
    private(set) var book: OrderBook
    private var display = LiveDisplay()
    /// The terminal's size, when known: live lines are cut to its width.
    private var size: TerminalSize?
    private var seenDepth = false

    init(output: Output, contract: Contract, levels: Int, terminal: TerminalSize? = TerminalSize.of()) {
        self.output = output
        self.contract = contract
        self.levels = levels
        live = !output.json && output.isTerminal
        size = terminal
        book = OrderBook(tickSize: contract.tickGrid)
        var ladder = DepthLadder(name: contract.name, levels: levels, decimals: QuoteRenderer.decimals(of: contract), tickSize: contract.tickGrid)
        if live {
            ladder.color = TerminalSize.allowsColor
            ladder = Self.fitted(ladder, levels: levels, to: terminal)
        }
        self.ladder = ladder
    }

    /// `ladder` laid out for a terminal of `size`: as many of `levels` as fit in its rows, size
    /// bars as wide as its columns allow (up to 20).
    static func fitted(_ ladder: DepthLadder, levels: Int, to size: TerminalSize?) -> DepthLadder {
        var ladder = ladder
        guard let size else {
            ladder.levels = levels
            ladder.barWidth = 12
            return ladder
        }
        // Title, banner, header and spread take 4 rows; keep one for the cursor.
        ladder.levels = max(1, min(levels, (size.rows - 5) / 2))
        ladder.barWidth = 0
        ladder.barWidth = min(20, max(0, (size.columns - ladder.width) / 2 - 1))
        return ladder
    }

    /// The ladder as the live display draws it now.
    var liveLadder: DepthLadder { ladder }

    mutating func render(_ event: MarketEvent, limit: Int) throws -> Int {
        guard limit > 0, case .depth(let contractId, let entries) = event, contractId == contract.id else { return 0 }
        book.apply(entries)
        seenDepth = true
        try show()
        return 1
    }

    mutating func gap(contractIds: [String], reason: String) throws {
        guard contractIds.isEmpty || contractIds.contains(contract.id) else { return }
        book.invalidate(reason: reason)
        // The live ladder redraws itself after the gap line; plain output says it in one line.
        if seenDepth && !live { output.text(DepthLadder.banner(reason)) }
    }

    mutating func willReport() {
        guard live else { return }
        output.raw(display.clear())
    }

    mutating func didReport() throws {
        if live && seenDepth { try show() }
    }

    mutating func resize(to size: TerminalSize) throws {
        guard live else { return }
        ladder = Self.fitted(ladder, levels: levels, to: size)
        self.size = size
        if seenDepth { try show() }
    }

    mutating func finish() {
        output.raw(display.end())
    }

    private var time: Date {
        book.lastTimestamp.flatMap(GatewayTimestamp.parse) ?? Date()
    }

    private mutating func show() throws {
        if output.json {
            var record = StreamRecord.market("depth", contract: contract)
            record.book = DepthSnapshot(book, levels: levels)
            try output.jsonLine(record)
        } else if live {
            var lines = ladder.lines(for: book, time: time)
            if let columns = size?.columns {
                // A line wider than the terminal would wrap and break the redraw in place.
                lines = lines.map { TerminalText.cut($0, to: columns) }
            }
            output.raw(display.frame(lines))
        } else {
            output.text(ladder.lines(for: book, time: time).joined(separator: "\n") + "\n")
        }
    }
}
