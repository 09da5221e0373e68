import Foundation
import Gateway
import MarketData

/// A standalone SVG document of candles: a pure renderer from bars to text, with no script and
/// no external resource, so the file opens in any browser and is safe to share.
///
/// Each candle is a `<line class="wick">`, a `<rect class="body up|down|flat">` and a
/// `<rect class="volume">` (zero height for no volume). Price labels are exact prices on the
/// contract's tick grid, each with a `<line class="grid">`; time labels are in the display zone, named after them. Every text that
/// comes from outside (the title holds the contract's name) is escaped.
///
/// ```swift
/// let svg = SVGCandleChart(title: "MESZ6 1-minute bars", bars: bars, tick: contract.tickGrid, times: .utc).document()
/// ```
struct SVGCandleChart: Sendable {
    var title: String
    /// The bars, oldest first.
    var bars: [HistoryBar]
    var tick: TickSize?
    /// The zone of the time labels.
    var times: TimeDisplay
    var width = 960
    var height = 540

    // The frame: title on top, price labels on the right, time labels at the bottom.
    private static let left = 16.0, right = 96.0, top = 48.0, bottom = 40.0, gap = 12.0

    func document() -> String {
        let w = Double(width), h = Double(height)
        let plotLeft = Self.left, plotRight = w - Self.right
        let plotTop = Self.top
        let available = h - Self.top - Self.bottom - Self.gap
        let plotBottom = plotTop + available * 0.75
        let volumeTop = plotBottom + Self.gap, volumeBottom = h - Self.bottom

        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">
            <title>\(XMLText.escape(title))</title>
            <style>
            .background { fill: #ffffff; }
            .title { font: bold 16px sans-serif; fill: #222222; }
            .price, .time, .note { font: 12px monospace; fill: #444444; }
            .grid { stroke: #e4e4e4; stroke-width: 1; }
            .wick { stroke: #555555; stroke-width: 1; }
            .up { fill: #1a9850; } .down { fill: #d73027; } .flat { fill: #555555; }
            .volume { fill: #9e9e9e; }
            </style>
            <rect class="background" x="0" y="0" width="\(width)" height="\(height)"/>
            <text class="title" x="\(Self.number(plotLeft))" y="28">\(XMLText.escape(title))</text>

            """
        let prices = bars.flatMap { [$0.low, $0.high, $0.open, $0.close] }
        guard !bars.isEmpty, let grid = PriceScale.grid(tick, prices: prices) else {
            return svg + "<text class=\"note\" x=\"\(Self.number(plotLeft))\" y=\"\(Self.number(plotTop + 20))\">No bars to draw.</text>\n</svg>\n"
        }
        let low = bars.map { min($0.low, $0.open, $0.close) }.min() ?? 0
        let high = bars.map { max($0.high, $0.open, $0.close) }.max() ?? 0
        // Rows of one pixel: the scale's rounding is then a pixel's, and labels keep 24 px apart.
        let pixels = max(2, Int(plotBottom - plotTop))
        let scale = PriceScale(low: low, high: high, tick: grid, rows: pixels + 1)
        let y = { (price: Decimal) in plotTop + Double(scale.row(of: price)) }

        for label in scale.labels(spacing: 24) {
            let row = plotTop + Double(label.row)
            svg += "<line class=\"grid\" x1=\"\(Self.number(plotLeft))\" y1=\"\(Self.number(row))\" x2=\"\(Self.number(plotRight))\" y2=\"\(Self.number(row))\"/>\n"
            svg += "<text class=\"price\" x=\"\(Self.number(plotRight + 6))\" y=\"\(Self.number(row + 4))\">\(XMLText.escape(label.text))</text>\n"
        }

        let slot = (plotRight - plotLeft) / Double(bars.count)
        let bodyWidth = max(1, slot * 0.6)
        let maximum = VolumeStrip(volumes: bars.map(\.volume), rows: 1).maximum
        for (index, bar) in bars.enumerated() {
            let center = plotLeft + slot * (Double(index) + 0.5)
            let kind = bar.close > bar.open ? "up" : bar.close < bar.open ? "down" : "flat"
            let bodyTop = min(y(bar.open), y(bar.close))
            let bodyHeight = max(1, abs(y(bar.open) - y(bar.close)))
            svg += "<line class=\"wick\" x1=\"\(Self.number(center))\" y1=\"\(Self.number(y(bar.high)))\" x2=\"\(Self.number(center))\" y2=\"\(Self.number(y(bar.low)))\"/>\n"
            svg += "<rect class=\"body \(kind)\" x=\"\(Self.number(center - bodyWidth / 2))\" y=\"\(Self.number(bodyTop))\" width=\"\(Self.number(bodyWidth))\" height=\"\(Self.number(bodyHeight))\"/>\n"
            // A count, not a price: the ratio in Double is exact enough for pixels.
            let share = maximum > 0 ? Double(bar.volume) / Double(maximum) : 0
            let volumeHeight = (volumeBottom - volumeTop) * share
            svg += "<rect class=\"volume\" x=\"\(Self.number(center - bodyWidth / 2))\" y=\"\(Self.number(volumeBottom - volumeHeight))\" width=\"\(Self.number(bodyWidth))\" height=\"\(Self.number(volumeHeight))\"/>\n"
        }
        svg += "<text class=\"price\" x=\"\(Self.number(plotRight + 6))\" y=\"\(Self.number(volumeTop + 10))\">vol \(maximum)</text>\n"

        // Time labels, about one every 110 pixels, under the bars they name; then the zone.
        let precision = TimeAxis.precision(for: bars.map(\.time), in: times)
        let every = max(1, Int((110 / slot).rounded(.up)))
        for index in stride(from: 0, to: bars.count, by: every) {
            let center = plotLeft + slot * (Double(index) + 0.5)
            svg += "<text class=\"time\" x=\"\(Self.number(center))\" y=\"\(Self.number(h - 18))\" text-anchor=\"middle\">\(XMLText.escape(precision.format(bars[index].time, in: times)))</text>\n"
        }
        svg += "<text class=\"time\" x=\"\(Self.number(plotRight + 6))\" y=\"\(Self.number(h - 18))\">\(XMLText.escape(times.label(at: bars.last?.time ?? Date())))</text>\n"
        return svg + "</svg>\n"
    }

    /// A coordinate with at most two decimals, always with a point (never a locale's comma).
    private static func number(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        guard hundredths.isFinite, abs(hundredths) < 1e15 else { return "0" }
        let whole = Int64(hundredths)
        let sign = whole < 0 ? "-" : ""
        let magnitude = whole.magnitude
        let fraction = magnitude % 100
        return fraction == 0 ? "\(sign)\(magnitude / 100)" : "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
