import Foundation
import Gateway
import MarketData

/// Candles drawn as text: a pure renderer from bars and a size to lines, so that what a terminal
/// shows can be compared character for character in a test.
///
/// The lines are: a title, a caption (how many bars, their window in the display zone, and how many were left
/// out when the bars outnumber the columns), the candles, a volume strip and a row of times ending with the zone's name.
/// The price axis is on the right, its labels exact prices on the contract's tick grid. Each bar
/// is one column (with a blank between bars when there is room), the most recent on the right:
/// `│` is a wick, `█` a rising body, `░` a falling one (`█` in red when colours are on), `─` an
/// unchanged one. The output is at most `size.rows - 1` lines (the prompt keeps its line) and no
/// line is wider than `size.columns`.
///
/// ```swift
/// let chart = CandleChart(title: "MESZ6 1-minute bars", bars: bars, tick: contract.tickGrid,
///                         size: ChartSize(columns: 80, rows: 24), colors: false, times: context.configuration.times)
/// chart.lines().forEach { print($0) }
/// ```
struct CandleChart: Sendable {
    var title: String
    /// The bars, oldest first.
    var bars: [HistoryBar]
    /// The contract's tick grid; nil when the gateway reported none (the prices' own decimals are used).
    var tick: TickSize?
    /// The cells to fill, within ``ChartSize/columnBounds`` and ``ChartSize/rowBounds``.
    let size: ChartSize
    /// Whether to colour rising bars green and falling ones red with ANSI sequences.
    var colors: Bool
    /// The zone of the time labels and the caption's window.
    var times: TimeDisplay

    init(title: String, bars: [HistoryBar], tick: TickSize?, size: ChartSize, colors: Bool, times: TimeDisplay) {
        self.title = title
        self.bars = bars
        self.tick = tick
        self.size = size.clamped
        self.colors = colors
        self.times = times
    }

    static let wick: Character = "│"
    static let risingBody: Character = "█"
    static let fallingBody: Character = "░"
    static let unchangedBody: Character = "─"
    static let unchangedCross: Character = "┼"

    func lines() -> [String] {
        let caption = [fit(title)]
        let prices = bars.flatMap { [$0.low, $0.high, $0.open, $0.close] }
        guard !bars.isEmpty, let grid = PriceScale.grid(tick, prices: prices) else {
            return caption + ["No bars to draw."]
        }
        // Rows: title and caption, the candles, the volume strip, the time row; one line is
        // left for the prompt.
        let remaining = size.rows - 1 - 3
        let volumeRows = remaining >= 14 ? 2 : 1
        let plotRows = remaining - volumeRows

        // The label column is measured on every bar's range first (it can only shrink for the
        // bars that fit), then on the bars shown.
        let volumeLabel = { (maximum: Int64) in "vol \(maximum)" }
        let everyScale = Self.scale(bars, grid: grid, rows: plotRows)
        var labelWidth = max(everyScale.labels().map(\.text.count).max() ?? 0, volumeLabel(VolumeStrip(volumes: bars.map(\.volume), rows: 1).maximum).count, 3)
        var shown = Array(bars.suffix(max(1, size.columns - 2 - labelWidth)))
        var scale = Self.scale(shown, grid: grid, rows: plotRows)
        var labels = scale.labels()
        let volume = VolumeStrip(volumes: shown.map(\.volume), rows: volumeRows)
        labelWidth = max(labelWidth, labels.map(\.text.count).max() ?? 0)
        let plotWidth = max(1, size.columns - 2 - labelWidth)
        if shown.count > plotWidth {
            shown = Array(shown.suffix(plotWidth))
            scale = Self.scale(shown, grid: grid, rows: plotRows)
            labels = scale.labels()
        }

        // One column per bar, a blank between bars when all fit that way, the newest by the axis.
        let step = plotWidth >= 2 * shown.count ? 2 : 1
        let firstColumn = plotWidth - step * shown.count
        let columns = shown.indices.map { firstColumn + step * $0 }

        var plot = [[ChartCell]](repeating: [ChartCell](repeating: .blank, count: plotWidth), count: plotRows)
        for (bar, column) in zip(shown, columns) {
            for (row, cell) in candle(bar, scale: scale) { plot[row][column] = cell }
        }
        var strip = [[ChartCell]](repeating: [ChartCell](repeating: .blank, count: plotWidth), count: volumeRows)
        for (index, level) in volume.levels.enumerated() {
            let tint = Self.tint(shown[index])
            for row in 0..<volumeRows {
                let glyph = volume.glyph(level: level, row: row)
                if glyph != " " { strip[row][columns[index]] = ChartCell(glyph, tint: tint) }
            }
        }

        var lines = caption + [fit(captionLine(shown: shown))]
        let labelsByRow = Dictionary(labels.map { ($0.row, $0.text) }, uniquingKeysWith: { first, _ in first })
        for (row, cells) in plot.enumerated() {
            lines.append(axisLine(cells, plotWidth: plotWidth, label: labelsByRow[row], labelWidth: labelWidth))
        }
        for (row, cells) in strip.enumerated() {
            lines.append(axisLine(cells, plotWidth: plotWidth, label: row == 0 ? volumeLabel(volume.maximum) : nil, labelWidth: labelWidth))
        }
        let axis = TimeAxis.row(times: shown.map(\.time), columns: columns, width: plotWidth, in: times)
        let zone = times.label(at: shown.last?.time ?? Date())
        lines.append(Self.trimmed(axis + "  " + String(repeating: " ", count: max(0, labelWidth - zone.count)) + zone))
        return lines
    }

    /// The second line: how many bars (and how many more there were) and their window.
    private func captionLine(shown: [HistoryBar]) -> String {
        guard let first = shown.first?.time, let last = shown.last?.time else { return "" }
        let window: String
        if first == last {
            window = times.stamp(first)
        } else if times.calendar.isDate(first, inSameDayAs: last), times.label(at: first) == times.label(at: last) {
            // One day at one offset names the zone once: `2026-11-27 08:40:00 to 09:10:00 CST`.
            window = "\(times.dateAndTime(first)) to \(times.dateAndTime(last).dropFirst(11)) \(times.label(at: last))"
        } else {
            window = "\(times.stamp(first)) to \(times.stamp(last))"
        }
        if shown.count < bars.count { return "Last \(shown.count) of \(bars.count) bars fit; \(window)" }
        return "\(shown.count == 1 ? "1 bar" : "\(shown.count) bars"), \(window)"
    }

    /// The cells of one candle by row.
    private func candle(_ bar: HistoryBar, scale: PriceScale) -> [(Int, ChartCell)] {
        let top = scale.row(of: bar.high)
        let bottom = scale.row(of: bar.low)
        let open = scale.row(of: bar.open)
        let close = scale.row(of: bar.close)
        let bodyTop = min(open, close)
        let bodyBottom = max(open, close)
        let tint = Self.tint(bar)
        return (min(top, bodyTop)...max(bottom, bodyBottom)).map { row in
            guard (bodyTop...bodyBottom).contains(row) else { return (row, ChartCell(Self.wick, tint: tint)) }
            switch tint {
            case .up: return (row, ChartCell(Self.risingBody, tint: tint))
            case .down: return (row, ChartCell(colors ? Self.risingBody : Self.fallingBody, tint: tint))
            case nil: return (row, ChartCell(top < row || row < bottom ? Self.unchangedCross : Self.unchangedBody))
            }
        }
    }

    private static func tint(_ bar: HistoryBar) -> ChartCell.Tint? {
        bar.close > bar.open ? .up : bar.close < bar.open ? .down : nil
    }

    private static func scale(_ bars: [HistoryBar], grid: TickSize, rows: Int) -> PriceScale {
        let lows = bars.map { min($0.low, $0.open, $0.close) }
        let highs = bars.map { max($0.high, $0.open, $0.close) }
        return PriceScale(low: lows.min() ?? 0, high: highs.max() ?? 0, tick: grid, rows: rows)
    }

    /// A row of the chart: its cells, the axis and, right-aligned, its label.
    private func axisLine(_ cells: [ChartCell], plotWidth: Int, label: String?, labelWidth: Int) -> String {
        var axis = [ChartCell(label == nil ? "│" : "┤"), .blank]
        if let label { axis += (String(repeating: " ", count: max(0, labelWidth - label.count)) + label).map { ChartCell($0) } }
        return ChartCell.text(of: cells + axis, colors: colors)
    }

    private func fit(_ line: String) -> String {
        line.count <= size.columns ? line : String(line.prefix(size.columns - 1)) + "…"
    }

    private static func trimmed(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
