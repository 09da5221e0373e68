import Foundation
import Gateway
import MarketData

/// `quote` on a terminal: a ``QuoteBoard`` redrawn in place after every update (see
/// ``LiveDisplay``), cut to the terminal's width and re-laid-out when the terminal is resized.
/// Gap and status lines appear above it, and the board goes on below them.
///
/// Quotes count towards `--count`; the depth events that give the bid and ask sizes do not.
/// Piped output and `--json` use ``QuoteRenderer``'s lines instead.
///
/// ```swift
/// var renderer = QuoteBoardRenderer(output: context.output, contracts: contracts)
/// try await StreamRunner(context: context, limit: nil).run(source, renderer: &renderer)
/// ```
struct QuoteBoardRenderer: StreamRenderer {
    let output: Output
    private(set) var board: QuoteBoard
    private(set) var size: TerminalSize?
    private let color: Bool
    private var display = LiveDisplay()
    private var shown = false

    init(output: Output, contracts: [Contract], terminal: TerminalSize? = TerminalSize.of(), color: Bool = TerminalSize.allowsColor) {
        self.output = output
        board = QuoteBoard(contracts: contracts)
        size = terminal
        self.color = color
    }

    mutating func render(_ event: MarketEvent, limit: Int) throws -> Int {
        guard limit > 0, board.apply(event) else { return 0 }
        guard case .quote = event else {
            // New sizes: worth a redraw once the board is up, never a count.
            if shown { draw() }
            return 0
        }
        shown = true
        draw()
        return 1
    }

    mutating func gap(contractIds: [String], reason: String) throws {
        board.invalidate(contractIds: contractIds, reason: reason)
    }

    mutating func willReport() {
        output.raw(display.clear())
    }

    mutating func didReport() throws {
        if shown { draw() }
    }

    mutating func resize(to size: TerminalSize) throws {
        self.size = size
        if shown { draw() }
    }

    mutating func finish() {
        output.raw(display.end())
    }

    private mutating func draw() {
        output.raw(display.frame(board.lines(size: size, color: color)))
    }
}
