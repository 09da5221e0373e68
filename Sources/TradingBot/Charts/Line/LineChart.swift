import Foundation
import MarketData

/// A line of values over time drawn as text, like ``CandleChart``: one column per point (the
/// most recent that fit, with a blank between points when there is room), `●` at each value and
/// `│` joining it to the one before, a dotted `┄` row at zero when zero is in range, exact labels
/// on the right and times below in the display zone (named at the end of the row). A pure
/// renderer: points and a size in, lines out.
///
/// ```swift
/// let chart = LineChart(title: "Realised P&L", caption: "3 fills", points: points,
///                       size: ChartSize(columns: 80, rows: 24), times: .utc)
/// chart.lines().forEach { print($0) }
/// ```
struct LineChart: Sendable {
    /// One value at one time.
    struct Point: Sendable, Equatable {
        var time: Date
        var value: Decimal
    }

    var title: String
    /// The second line, under the title (cut to the width).
    var caption: String
    /// The points, oldest first.
    var points: [Point]
    /// The cells to fill, within ``ChartSize/columnBounds`` and ``ChartSize/rowBounds``.
    let size: ChartSize
    /// The zone of the time labels.
    var times: TimeDisplay

    init(title: String, caption: String, points: [Point], size: ChartSize, times: TimeDisplay) {
        self.title = title
        self.caption = caption
        self.points = points
        self.size = size.clamped
        self.times = times
    }

    static let dot: Character = "●"
    static let join: Character = "│"
    static let zero: Character = "┄"

    func lines() -> [String] {
        var lines = [fit(title), fit(caption)]
        // Labels are exact on the finest grid the values use, cents at least.
        guard !points.isEmpty, let grid = PriceScale.grid(nil, prices: points.map(\.value) + [Decimal(string: "0.01") ?? 0]) else {
            return lines + ["Nothing to draw."]
        }
        let plotRows = size.rows - 1 - 3
        let values = points.map(\.value)
        let everyScale = PriceScale(low: min(values.min() ?? 0, 0), high: max(values.max() ?? 0, 0), tick: grid, rows: plotRows)
        var labelWidth = max(everyScale.labels().map(\.text.count).max() ?? 0, 3)
        var shown = Array(points.suffix(max(1, size.columns - 2 - labelWidth)))
        // Zero stays in range, so a curve that never crosses it still shows where it is.
        let scale = PriceScale(low: min(shown.map(\.value).min() ?? 0, 0), high: max(shown.map(\.value).max() ?? 0, 0), tick: grid, rows: plotRows)
        let labels = scale.labels()
        labelWidth = max(labelWidth, labels.map(\.text.count).max() ?? 0)
        let plotWidth = max(1, size.columns - 2 - labelWidth)
        shown = Array(shown.suffix(plotWidth))

        let step = plotWidth >= 2 * shown.count ? 2 : 1
        let firstColumn = plotWidth - step * shown.count
        let columns = shown.indices.map { firstColumn + step * $0 }
        var plot = [[ChartCell]](repeating: [ChartCell](repeating: .blank, count: plotWidth), count: plotRows)
        let zeroRow = scale.row(of: 0)
        for column in 0..<plotWidth { plot[zeroRow][column] = ChartCell(Self.zero) }
        var previous: Int?
        for (point, column) in zip(shown, columns) {
            let row = scale.row(of: point.value)
            if let previous, previous != row {
                // The join stands in the point's column, from the last value's row up to this one.
                for between in min(previous, row)...max(previous, row) where between != row { plot[between][column] = ChartCell(Self.join) }
            }
            plot[row][column] = ChartCell(Self.dot)
            previous = row
        }

        let labelsByRow = Dictionary(labels.map { ($0.row, $0.text) }, uniquingKeysWith: { first, _ in first })
        for (row, cells) in plot.enumerated() {
            var axis = [ChartCell(labelsByRow[row] == nil ? "│" : "┤"), .blank]
            if let label = labelsByRow[row] { axis += (String(repeating: " ", count: labelWidth - label.count) + label).map { ChartCell($0) } }
            lines.append(ChartCell.text(of: cells + axis, colors: false))
        }
        let zone = times.label(at: shown.last?.time ?? Date())
        lines.append(TimeAxis.row(times: shown.map(\.time), columns: columns, width: plotWidth, in: times) + "  " + String(repeating: " ", count: max(0, labelWidth - zone.count)) + zone)
        return lines
    }

    private func fit(_ line: String) -> String {
        line.count <= size.columns ? line : String(line.prefix(size.columns - 1)) + "…"
    }
}
