import Foundation
import Gateway
import MarketData
import Testing
@testable import TradingBot
import TestGate

/// The terminal candle chart, rendered from known bars at fixed sizes and compared line for line.
@Suite("Candle chart rendering", .gated)
struct CandleChartTests {
    static let start = Date(timeIntervalSince1970: 1_795_790_400)  // 2026-11-27 14:40:00Z
    static let quarter = TickSize(dec("0.25"))
    static let sixtyFourth = TickSize(dec("0.015625"))

    static func minute(_ index: Int) -> Date { start.addingTimeInterval(Double(index) * 60) }

    static func bar(_ index: Int, _ open: String, _ high: String, _ low: String, _ close: String, volume: Int64 = 10) -> HistoryBar {
        HistoryBar(time: minute(index), open: dec(open), high: dec(high), low: dec(low), close: dec(close), volume: volume)
    }

    static let fourBars = [
        bar(0, "5000", "5001", "4999.5", "5000.75", volume: 40),
        bar(1, "5000.75", "5002", "5000.5", "5001.5", volume: 80),
        bar(2, "5001.5", "5001.75", "4999", "4999.25", volume: 20),
        bar(3, "4999.25", "4999.5", "4999", "4999.25", volume: 0),
    ]

    static func render(_ bars: [HistoryBar], tick: TickSize?, columns: Int = 40, rows: Int = 14, colors: Bool = false) -> [String] {
        CandleChart(title: "MESZ6 1-minute bars", bars: bars, tick: tick, size: ChartSize(columns: columns, rows: rows), colors: colors, times: .utc).lines()
    }

    @Test func fourBarsAtFortyByFourteen() {
        let lines = Self.render(Self.fourBars, tick: Self.quarter)
        #expect(lines == [
            "MESZ6 1-minute bars",
            "4 bars, 2026-11-27 14:40:00 to 14:43:00…",
            "                         │     ┤ 5002.00",
            "                         █ ░   │",
            "                         █ ░   │",
            "                       █ █ ░   │",
            "                       █ │ ░   │",
            "                       █   ░   ┤ 5000.00",
            "                       │   ░   │",
            "                       │   ░ ┼ │",
            "                           │ │ │",
            "                       ▄ █ ▂   ┤  vol 80",
            "                       14:40         UTC",
        ], "\n\(lines.joined(separator: "\n"))")
    }

    @Test func colorsOnlyWhenAskedGreenUpRedDown() {
        let plain = Self.render(Self.fourBars, tick: Self.quarter).joined(separator: "\n")
        #expect(!plain.contains("\u{1B}"))
        let colored = Self.render(Self.fourBars, tick: Self.quarter, colors: true).joined(separator: "\n")
        #expect(colored.contains("\u{1B}[32m█"))
        #expect(colored.contains("\u{1B}[31m█"), "a falling body is a red block when colours are on")
        #expect(!colored.contains("░"))
        // Without the escapes the coloured chart is the plain one with `░` drawn as `█`.
        let stripped = colored.replacingOccurrences(of: "\u{1B}[32m", with: "").replacingOccurrences(of: "\u{1B}[31m", with: "")
            .replacingOccurrences(of: "\u{1B}[0m", with: "")
        #expect(stripped == plain.replacingOccurrences(of: "░", with: "█"))
    }

    @Test func labelsAreExactPricesOnAQuarterGrid() {
        let scale = PriceScale(low: dec("5000"), high: dec("5010"), tick: TickSize(dec("0.25"))!, rows: 11)
        #expect(scale.labels(spacing: 3).map(\.text) == ["5010.00", "5005.00", "5000.00"])
        #expect(scale.labels(spacing: 3).map(\.row) == [0, 5, 10])
        #expect(PriceScale(low: dec("5000"), high: dec("5002"), tick: TickSize(dec("0.25"))!, rows: 9).labels(spacing: 2).map(\.text)
            == ["5002.00", "5001.50", "5001.00", "5000.50", "5000.00"])
        #expect(PriceScale.steps(on: TickSize(dec("0.25"))!).prefix(6) == [1, 2, 4, 8, 10, 20])
        #expect(scale.labels(spacing: 3).allSatisfy { TickSize(dec("0.25"))!.isAligned($0.price) })
    }

    @Test func labelsAreExactPricesOnASixtyFourthGrid() {
        let grid = TickSize(dec("0.015625"))!
        let scale = PriceScale(low: dec("110.015625"), high: dec("110.5"), tick: grid, rows: 20)
        let labels = scale.labels(spacing: 3)
        #expect(labels.map(\.text) == ["110.500000", "110.375000", "110.250000", "110.125000"])
        #expect(labels.allSatisfy { grid.isAligned($0.price) })
        // A narrow range labels single sixty-fourths, every digit exact.
        let narrow = PriceScale(low: dec("110.015625"), high: dec("110.0625"), tick: grid, rows: 10).labels(spacing: 3)
        #expect(narrow.map(\.text) == ["110.062500", "110.046875", "110.031250", "110.015625"])
        // The chart prints them as they are.
        let bars = [Self.bar(0, "110.015625", "110.0625", "110.015625", "110.046875")]
        let chart = Self.render(bars, tick: grid, columns: 40, rows: 14)
        #expect(chart.contains { $0.hasSuffix("┤ 110.062500") }, "\(chart)")
        #expect(chart.contains { $0.hasSuffix("┤ 110.031250") }, "\(chart)")
        #expect(PriceScale.steps(on: grid).prefix(7) == [1, 2, 4, 8, 16, 32, 64])
    }

    @Test func moreBarsThanColumnsShowsTheMostRecentAndSaysSo() {
        let bars = (0..<100).map { index in
            let base = dec("5000") + Decimal(index % 7) * dec("0.25")
            return Self.bar(index, "\(base)", "\(base + 1)", "\(base - 1)", "\(base + dec("0.5"))", volume: Int64(index + 1))
        }
        let lines = Self.render(bars, tick: Self.quarter, columns: 40, rows: 14)
        // 40 columns less the axis, a blank and "vol 100" leave 31 columns: the last 31 bars.
        #expect(lines[1] == "Last 31 of 100 bars fit; 2026-11-27 15:…", "the caption is cut to the width")
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        let plot = lines[2..<11]
        let used = (0..<31).filter { column in plot.contains { Array($0).count > column && Array($0)[column] != " " } }
        #expect(used.count == 31, "one column per bar, no gap")
        #expect(lines[11].hasSuffix("┤ vol 100"))
        #expect(lines.last?.hasPrefix("15:49") == true, "the first time label names the first bar shown: \(lines.last ?? "")")
    }

    @Test func aFlatMarketIsOneRowWithOneLabel() {
        let bars = (0..<3).map { Self.bar($0, "5000.25", "5000.25", "5000.25", "5000.25") }
        let lines = Self.render(bars, tick: Self.quarter)
        let plot = Array(lines[2..<11])
        #expect(plot.filter { $0.contains("─") } == ["                         ─ ─ ─ ┤ 5000.25"], "\(lines)")
        #expect(plot.filter { $0.contains("┤") }.count == 1)
    }

    @Test func oneBar() {
        let lines = Self.render([Self.bar(0, "5000", "5001", "4999", "5000.5", volume: 3)], tick: Self.quarter)
        #expect(lines[1] == "1 bar, 2026-11-27 14:40:00 UTC")
        #expect(lines.last == "                          14:40      UTC")
        #expect(lines[11] == "                             █ ┤   vol 3")
        #expect(lines[2..<11].allSatisfy { Array($0).count > 29 && "│█".contains(Array($0)[29]) })
    }

    @Test func zeroVolumeLeavesTheStripEmpty() {
        let bars = (0..<3).map { Self.bar($0, "5000", "5001", "4999", "5000.5", volume: 0) }
        let lines = Self.render(bars, tick: Self.quarter)
        #expect(lines[11] == "                               ┤   vol 0")
        #expect(!lines.joined().contains { VolumeStrip.blocks.dropLast().contains($0) })
    }

    @Test func noBarsSaysSo() {
        #expect(Self.render([], tick: Self.quarter) == ["MESZ6 1-minute bars", "No bars to draw."])
    }

    @Test func withoutATickSizeThePricesOwnDecimalsAreTheGrid() {
        let lines = Self.render(Self.fourBars, tick: nil)
        #expect(lines.contains { $0.hasSuffix("┤ 5000.00") }, "\(lines)")
        #expect(PriceScale.grid(nil, prices: [dec("1.5"), dec("2.25")])?.value == dec("0.01"))
    }

    @Test func sizeComesFromTheTerminalThenTheEnvironmentWithinBounds() {
        #expect(ChartSize.resolve(terminal: TerminalSize(rows: 50, columns: 120), environment: ["COLUMNS": "80"]) == ChartSize(columns: 120, rows: 50))
        #expect(ChartSize.resolve(terminal: nil, environment: ["COLUMNS": "80", "LINES": "24"]) == ChartSize(columns: 80, rows: 24))
        #expect(ChartSize.resolve(terminal: nil, environment: [:]) == ChartSize(columns: 100, rows: 30))
        #expect(ChartSize.resolve(terminal: nil, environment: ["COLUMNS": "abc", "LINES": "-3"]) == ChartSize(columns: 100, rows: 30))
        #expect(ChartSize.resolve(terminal: nil, environment: ["COLUMNS": "5", "LINES": "99999999999"]) == ChartSize(columns: 40, rows: 200))
        #expect(ChartSize.resolve(terminal: nil, environment: ["COLUMNS": "99999999999999999999999"]) == ChartSize(columns: 100, rows: 30))
    }

    @Test func aSizeBelowTheBoundsIsDrawnAtTheBounds() {
        let tiny = Self.render(Self.fourBars, tick: Self.quarter, columns: 0, rows: -5)
        #expect(tiny == Self.render(Self.fourBars, tick: Self.quarter, columns: 40, rows: 12))
        #expect(tiny.count == 11)
        let line = LineChart(title: "t", caption: "c", points: [LineChart.Point(time: Self.start, value: 1)], size: ChartSize(columns: 1, rows: 1), times: .utc)
        #expect(line.lines().count == 11)
    }

    @Test func everyLineFitsAtEverySize() {
        let bars = (0..<300).map { index in
            let base = dec("5000") + Decimal(index % 37) * dec("0.25")
            return Self.bar(index, "\(base)", "\(base + 2)", "\(base - 2)", "\(base + 1)", volume: Int64(index % 5))
        }
        for columns in [40, 41, 80, 133, 500] {
            for rows in [12, 24, 60] {
                let lines = Self.render(bars, tick: Self.quarter, columns: columns, rows: rows)
                #expect(lines.count == rows - 1, "\(columns)x\(rows)")
                #expect(lines.allSatisfy { $0.count <= columns }, "\(columns)x\(rows)")
                #expect(lines.contains { $0.count == columns }, "a labelled row reaches the right edge at \(columns)x\(rows)")
            }
        }
    }
}
