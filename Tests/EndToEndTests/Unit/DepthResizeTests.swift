import Foundation
import Gateway
import MarketData
import NIOConcurrencyHelpers
import Testing
@testable import TradingBot
import TestGate

/// The live depth ladder laid out again when the terminal is resized: levels that fit its rows,
/// size bars that fit its columns, redrawn at once.
@Suite("Depth ladder on resize", .gated)
struct DepthResizeTests {
    static let depth = MarketEvent.depth(contractId: QuoteBoardTests.mes.id, [
        DepthEntry(type: .reset),
        DepthEntry(type: .ask, price: dec("5000.5"), volume: 3), DepthEntry(type: .ask, price: dec("5000.75"), volume: 12),
        DepthEntry(type: .ask, price: 5001, volume: 5),
        DepthEntry(type: .bid, price: dec("5000.25"), volume: 9), DepthEntry(type: .bid, price: 5000, volume: 14),
        DepthEntry(type: .bid, price: dec("4999.75"), volume: 2),
    ])

    @Test func theLadderFitsTheTerminal() {
        let ladder = DepthLadder(name: "MESZ6", levels: 10, decimals: 2)
        let wide = DepthRenderer.fitted(ladder, levels: 10, to: TerminalSize(rows: 40, columns: 100))
        #expect(wide.levels == 10 && wide.barWidth == 20)
        let small = DepthRenderer.fitted(wide, levels: 10, to: TerminalSize(rows: 11, columns: 40))
        #expect(small.levels == 3, "(11 - 5) / 2 levels per side")
        #expect(small.barWidth == 6 && small.width <= 40, "(40 - 26) / 2 - 1 columns of bars: \(small.width)")
        let tiny = DepthRenderer.fitted(small, levels: 10, to: TerminalSize(rows: 3, columns: 20))
        #expect(tiny.levels == 1 && tiny.barWidth == 0)
        #expect(DepthRenderer.fitted(tiny, levels: 10, to: TerminalSize(rows: 40, columns: 100)) == wide, "growing back gives the wide layout again")
    }

    @Test func aResizeRedrawsAtOnceAtTheNewSize() throws {
        let capture = QuoteBoardTests.Capture()
        var renderer = DepthRenderer(output: capture.output, contract: QuoteBoardTests.mes, levels: 10, terminal: TerminalSize(rows: 40, columns: 100))
        #expect(try renderer.render(Self.depth, limit: 10) == 1)
        let first = capture.take()
        #expect(first.components(separatedBy: "\n").count == 10, "title, header, 3 asks, spread, 3 bids and the end: \(first)")
        try renderer.resize(to: TerminalSize(rows: 9, columns: 40))
        let resized = capture.take()
        #expect(resized.hasPrefix("\r\u{1B}[9A"), "back to the top of the ladder drawn before")
        let lines = resized.components(separatedBy: "\n").dropLast()
        #expect(lines.count == 7, "2 levels a side now: \(resized)")
        #expect(renderer.liveLadder.levels == 2 && renderer.liveLadder.width <= 40)
    }

    @Test func liveLinesAreCutToTheWidthNeverWrapped() throws {
        let capture = QuoteBoardTests.Capture()
        var renderer = DepthRenderer(output: capture.output, contract: QuoteBoardTests.mes, levels: 10, terminal: TerminalSize(rows: 40, columns: 20))
        #expect(try renderer.render(Self.depth, limit: 10) == 1)
        let lines = capture.take().components(separatedBy: "\n").dropLast()
        #expect(lines.count == 9)
        #expect(lines.allSatisfy { TerminalText.width($0) <= 20 }, "\(lines)")
        #expect(lines.contains { TerminalText.width($0) == 20 }, "the title is cut at 20: \(lines)")
    }

    @Test func escapeSequencesTakeNoColumn() {
        #expect(TerminalText.cut("\u{1B}[32mESZ6 5000.25\u{1B}[0m", to: 4) == "\u{1B}[32mESZ6\u{1B}[0m")
        #expect(TerminalText.cut("\u{1B}[2K\u{1B}[1;33mabc\u{1B}[0m", to: 3) == "\u{1B}[2K\u{1B}[1;33mabc\u{1B}[0m", "nothing to cut")
        #expect(TerminalText.cut("plain text", to: 5) == "plain")
        #expect(TerminalText.cut("plain", to: 0) == "")
        #expect(TerminalText.cut("─ spread ─", to: 3) == "─ s")
        #expect(TerminalText.width("\r\u{1B}[3A\u{1B}[2K\u{1B}[31mMESZ6\u{1B}[0m") == 6, "a carriage return is a character here")
        #expect(TerminalText.width("\u{1B}[?25l\u{1B}[2mhead\u{1B}[0m") == 4)
    }

    @Test func plainOutputIgnoresResizes() throws {
        let capture = QuoteBoardTests.Capture()
        let piped = Output(json: false, isTerminal: false, stdout: { text in capture.out.withLockedValue { $0 += text } })
        var renderer = DepthRenderer(output: piped, contract: QuoteBoardTests.mes, levels: 2, terminal: nil)
        try renderer.resize(to: TerminalSize(rows: 9, columns: 40))
        #expect(capture.take().isEmpty)
        #expect(renderer.liveLadder.levels == 2)
    }
}
