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
/// After a gap the book is invalid until the gateway's next snapshot (a Reset): the display says
/// "book invalid: <reason> — waiting for snapshot", and JSON lines carry `"valid":false`.
struct DepthRenderer: StreamRenderer {
    let output: Output
    let contract: Contract
    /// Levels per side in snapshots (the live ladder may show fewer to fit the terminal).
    let levels: Int
    private let ladder: DepthLadder
    private let live: Bool
    private(set) var book: OrderBook
    private var drawnLines = 0
    private var cursorHidden = false
    private var seenDepth = false

    init(output: Output, contract: Contract, levels: Int, terminal: TerminalSize? = TerminalSize.of()) {
        self.output = output
        self.contract = contract
        self.levels = levels
        live = !output.json && output.isTerminal
        book = OrderBook(tickSize: contract.tickGrid)
        var ladder = DepthLadder(name: contract.name, levels: levels, decimals: QuoteRenderer.decimals(of: contract), tickSize: contract.tickGrid)
        if live {
            ladder.color = TerminalSize.allowsColor
            if let terminal {
                // Title, banner, header and spread take 4 rows; keep one for the cursor.
                ladder.levels = max(1, min(levels, (terminal.rows - 5) / 2))
                ladder.barWidth = min(20, max(0, (terminal.columns - ladder.width) / 2 - 1))
            } else {
                ladder.barWidth = 12
            }
        }
        self.ladder = ladder
    }

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
        guard live, drawnLines > 0 else { return }
        output.raw(Self.up(drawnLines) + "\u{1B}[J")
        drawnLines = 0
    }

    mutating func didReport() throws {
        if live && seenDepth { try show() }
    }

    mutating func finish() {
        if cursorHidden {
            output.raw("\u{1B}[?25h")
            cursorHidden = false
        }
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
            let lines = ladder.lines(for: book, time: time)
            var text = cursorHidden ? "" : "\u{1B}[?25l"
            cursorHidden = true
            text += Self.up(drawnLines)
            for line in lines { text += "\u{1B}[2K" + line + "\n" }
            output.raw(text + "\u{1B}[J")
            drawnLines = lines.count
        } else {
            output.text(ladder.lines(for: book, time: time).joined(separator: "\n") + "\n")
        }
    }

    /// Moves the cursor to the start of the line `count` lines up.
    private static func up(_ count: Int) -> String {
        count > 0 ? "\r\u{1B}[\(count)A" : ""
    }
}
