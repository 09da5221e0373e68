import Foundation
import Gateway
import MarketData
import NIOConcurrencyHelpers
import Testing
@testable import TradingBot
import TestGate

/// The `quote` board as a pure function of its state (snapshots at fixed sizes), the rows' change
/// and direction, and its renderer's redraw in place, resizes and gaps.
@Suite("Quote board", .gated)
struct QuoteBoardTests {
    static let mes = Contract(
        id: "CON.F.US.MES.Z26", name: "MESZ6", description: "Micro E-mini S&P 500", tickSize: dec("0.25"), tickValue: dec("1.25"),
        activeContract: true, symbolId: "F.US.MES"
    )
    static let es = Contract(
        id: "CON.F.US.EP.Z26", name: "ESZ6", description: "E-mini S&P 500", tickSize: dec("0.25"), tickValue: dec("12.5"),
        activeContract: true, symbolId: "F.US.EP"
    )
    static let cl = Contract(
        id: "CON.F.US.CLE.F27", name: "CLF7", description: "Crude Oil", tickSize: dec("0.01"), tickValue: 10, activeContract: true, symbolId: "F.US.CLE"
    )

    /// MES fell on its last tick (the gateway gives its change, and depth gives sizes), ES has
    /// no quote yet, CL rose (no change from the gateway: since its first quote).
    static let events: [MarketEvent] = [
        .quote(contractId: mes.id, Quote(
            lastPrice: dec("5000.25"), bestBid: 5000, bestAsk: dec("5000.25"), change: dec("12.5"), changePercent: dec("0.25"),
            volume: 1234, timestamp: "2026-12-03T14:30:01.123Z")),
        .depth(contractId: mes.id, [
            DepthEntry(type: .reset), DepthEntry(type: .bid, price: 5000, volume: 9), DepthEntry(type: .ask, price: dec("5000.25"), volume: 3),
        ]),
        .quote(contractId: mes.id, Quote(lastPrice: 5000, change: dec("12.25"), changePercent: dec("0.245"), timestamp: "2026-12-03T14:30:02.5Z")),
        .quote(contractId: cl.id, Quote(lastPrice: 60, bestBid: dec("59.99"), bestAsk: 60, timestamp: "2026-12-03T14:30:01Z")),
        .quote(contractId: cl.id, Quote(lastPrice: dec("60.05"), volume: 20, timestamp: "2026-12-03T14:30:03Z")),
    ]

    static func board() -> QuoteBoard {
        var board = QuoteBoard(contracts: [mes, es, cl, mes])
        for event in events { board.apply(event) }
        return board
    }

    @Test func theBoardAtFullWidth() {
        #expect(Self.board().lines() == [
            "CONTRACT       LAST            CHANGE                BID x ASK                 VOLUME  TIME (UTC)",
            "MESZ6       5000.00   +12.25 (+0.25%)       9    5000.00 x 5000.25    3          1234  14:30:02.500",
            "ESZ6              -                 -                  - x -                        -  -",
            "CLF7          60.05    +0.05 (+0.08%)              59.99 x 60.00                   20  14:30:03.000",
        ])
    }

    @Test func linesAreCutToTheTerminalsWidthNeverWrapped() {
        let lines = Self.board().lines(size: TerminalSize(rows: 24, columns: 40))
        #expect(lines == [
            "CONTRACT       LAST            CHANGE",
            "MESZ6       5000.00   +12.25 (+0.25%)",
            "ESZ6              -                 -",
            "CLF7          60.05    +0.05 (+0.08%)",
        ])
        let narrow = Self.board().lines(size: TerminalSize(rows: 24, columns: 12))
        #expect(narrow == ["CONTRACT    ", "MESZ6       ", "ESZ6        ", "CLF7        "].map { String($0.prefix(12)) }.map(Self.trimmed))
        #expect(Self.board().lines(size: TerminalSize(rows: 24, columns: 80)).allSatisfy { $0.count <= 80 })
    }

    @Test func rowsThatDoNotFitAreCounted() {
        let lines = Self.board().lines(size: TerminalSize(rows: 4, columns: 100))
        #expect(lines.count == 3, "header, one row, the summary: the cursor keeps the last row")
        #expect(lines[1].hasPrefix("MESZ6"))
        #expect(lines[2] == "(2 more contracts: enlarge the terminal to see them)")
        #expect(Self.board().lines(size: TerminalSize(rows: 5, columns: 100)).count == 4, "all three fit")
    }

    @Test func rowsAreColouredByTheirLastTick() {
        let lines = Self.board().lines(size: TerminalSize(rows: 24, columns: 200), color: true)
        #expect(lines[0].hasPrefix("\u{1B}[2mCONTRACT"))
        #expect(lines[1].hasPrefix("\u{1B}[31mMESZ6") && lines[1].hasSuffix("\u{1B}[0m"), "down: red")
        #expect(lines[2] == "ESZ6              -                 -                  - x -                        -  -", "no tick: no colour")
        #expect(lines[3].hasPrefix("\u{1B}[32mCLF7"), "up: green")
        let plain = Self.board().lines(size: TerminalSize(rows: 24, columns: 200), color: false)
        #expect(!plain.joined().contains("\u{1B}"))
    }

    @Test func theChangeIsTheGatewaysElseSinceTheFirstQuote() {
        var row = QuoteBoardRow(contractId: "c", name: "CLF7", decimals: 2)
        #expect(row.change == nil && row.changePercent == nil && row.direction == .none)
        row.apply(Quote(bestBid: 59))
        #expect(row.change == nil, "no last price yet")
        row.apply(Quote(lastPrice: 60))
        #expect(row.change == 0 && row.direction == .none)
        row.apply(Quote(lastPrice: dec("59.4")))
        #expect(row.change == dec("-0.6") && row.changePercent == -1 && row.direction == .down)
        row.apply(Quote(bestAsk: 61))
        #expect(row.direction == .down, "an update without a new last price keeps the direction")
        row.apply(Quote(lastPrice: dec("59.4")))
        #expect(row.direction == .down, "an unchanged last price keeps it too")
        row.apply(Quote(lastPrice: dec("59.5"), change: dec("1.5"), changePercent: dec("2.59")))
        #expect(row.change == dec("1.5") && row.changePercent == dec("2.59") && row.direction == .up)
    }

    @Test func sizesComeFromTheBookAtTheQuotesPrices() {
        var board = Self.board()
        #expect(board.row(Self.mes.id)?.bidSize == 9 && board.row(Self.mes.id)?.askSize == 3)
        board.apply(.quote(contractId: Self.mes.id, Quote(bestBid: dec("4999.75"))))
        #expect(board.row(Self.mes.id)?.bidSize == nil, "no level at the quote's bid")
        board.invalidate(contractIds: [Self.mes.id], reason: "connection lost")
        #expect(board.row(Self.mes.id)?.askSize == nil, "an invalid book gives no size")
        let trades = board.apply(.trades(contractId: Self.mes.id, []))
        let other = board.apply(.quote(contractId: "CON.F.US.OTHER", Quote(lastPrice: 1)))
        #expect(!trades && !other, "trades and other contracts leave the board as it is")
    }

    final class Capture: Sendable {
        let out = NIOLockedValueBox("")
        var output: Output {
            Output(json: false, isTerminal: true, stdout: { text in self.out.withLockedValue { $0 += text } }, stderr: { _ in })
        }
        func take() -> String { out.withLockedValue { text in defer { text = "" }; return text } }
    }

    @Test func theRendererRedrawsInPlace() throws {
        let capture = Capture()
        var renderer = QuoteBoardRenderer(output: capture.output, contracts: [Self.mes, Self.es], terminal: TerminalSize(rows: 24, columns: 60), color: false)
        #expect(try renderer.render(Self.events[1], limit: 10) == 0, "depth before any quote: not counted, nothing drawn")
        #expect(capture.take().isEmpty)
        #expect(try renderer.render(Self.events[0], limit: 10) == 1)
        let first = capture.take()
        #expect(first.hasPrefix("\u{1B}[?25l\u{1B}[2KCONTRACT"), "the cursor is hidden, the board drawn")
        #expect(first.hasSuffix("\n\u{1B}[J"))
        #expect(first.components(separatedBy: "\n").count == 4, "header and two rows")
        #expect(try renderer.render(Self.events[2], limit: 10) == 1)
        let second = capture.take()
        #expect(second.hasPrefix("\r\u{1B}[3A\u{1B}[2KCONTRACT"), "back up three lines, then redrawn")
        #expect(second.contains("\u{1B}[2KMESZ6       5000.00   +12.25 (+0.25%)       9    5000.00 x 5\n"), "cut at 60 columns")
        #expect(second.components(separatedBy: "\n").allSatisfy { $0.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression).replacingOccurrences(of: "\r", with: "").count <= 60 })

        try renderer.resize(to: TerminalSize(rows: 24, columns: 30))
        let resized = capture.take()
        #expect(resized.hasPrefix("\r\u{1B}[3A"), "a resize redraws at once")
        #expect(resized.contains("\u{1B}[2KMESZ6       5000.00   +12.25 (\n"), "at the new width: \(resized)")

        renderer.willReport()
        #expect(capture.take() == "\r\u{1B}[3A\u{1B}[J", "the board steps aside for a note")
        try renderer.didReport()
        #expect(capture.take().hasPrefix("\u{1B}[2KCONTRACT"), "and is drawn again below it")
        renderer.finish()
        #expect(capture.take() == "\u{1B}[?25h")
        #expect(try renderer.render(Self.events[0], limit: 0) == 0, "nothing beyond the count")
    }

    static func trimmed(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
