import Foundation

/// A histogram of durations (or any positive measure) over log-spaced buckets, with the sample's
/// percentiles, rendered as text bars for a benchmark's report.
///
/// The bucket edges follow the 1-2-5 series (… 0.5, 1, 2, 5, 10, 20, 50 …), so each bucket is
/// 2 to 2.5 times as wide as the one before and the labels stay round. Only the buckets from the
/// smallest to the largest value are kept; values that are zero or negative (a latency measured
/// across two clocks can be) are counted in a `≤ 0` row of their own. The value is Codable so a
/// measuring process can send it to the one that reports.
///
/// ```swift
/// let histogram = LogHistogram([42, 93, 95, 120, 205])
/// print(histogram.render(title: "recovery time", unit: "ms").joined(separator: "\n"))
/// // recovery time (5 samples, ms)
/// //  20 -  50 ms │████████████████████                    │ 1
/// //  50 - 100 ms │████████████████████████████████████████│ 2
/// // 100 - 200 ms │████████████████████                    │ 1
/// // 200 - 500 ms │████████████████████                    │ 1
/// // p50 95  p90 205  p99 205  max 205 ms
/// ```
public struct LogHistogram: Sendable, Codable, Equatable {
    /// Values in `lower ..< upper`.
    public struct Bucket: Sendable, Codable, Equatable {
        public var lower: Double
        public var upper: Double
        public var count: Int

        public init(lower: Double, upper: Double, count: Int) {
            self.lower = lower
            self.upper = upper
            self.count = count
        }
    }

    /// The non-empty range of buckets, smallest first (empty when no value is positive).
    public private(set) var buckets: [Bucket]
    /// Values that are zero or negative.
    public private(set) var nonPositive: Int
    /// Values that are NaN or infinite: counted here, never placed in a bucket or a percentile.
    public private(set) var invalid: Int
    public private(set) var count: Int
    public private(set) var p50: Double?
    public private(set) var p90: Double?
    public private(set) var p99: Double?
    public private(set) var max: Double?

    public init(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        invalid = values.count - finite.count
        count = finite.count
        let percentiles = Percentiles(finite)
        p50 = percentiles.percentile(50)
        p90 = percentiles.percentile(90)
        p99 = percentiles.percentile(99)
        max = percentiles.max
        let positive = finite.filter { $0 > 0 }
        nonPositive = finite.count - positive.count
        guard let smallest = positive.min(), let largest = positive.max() else {
            buckets = []
            return
        }
        var index = Self.edgeIndex(atOrBelow: smallest)
        var edges: [Double] = [Self.edge(index)]
        repeat {
            index += 1
            edges.append(Self.edge(index))
        } while edges[edges.count - 1] <= largest
        var buckets = zip(edges, edges.dropFirst()).map { Bucket(lower: $0, upper: $1, count: 0) }
        for value in positive {
            // The last bucket whose lower edge is at or below the value (edges ascend).
            var low = 0
            var high = buckets.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if buckets[middle].lower <= value { low = middle } else { high = middle - 1 }
            }
            buckets[low].count += 1
        }
        self.buckets = buckets
    }

    /// The `index`th edge of the 1-2-5 series: index 0 is 1, 1 is 2, 2 is 5, 3 is 10, -1 is 0.5.
    static func edge(_ index: Int) -> Double {
        let (decade, step) = index.quotientAndRemainder(dividingBy: 3)
        let (exponent, position) = step < 0 ? (decade - 1, step + 3) : (decade, step)
        let mantissa: Double = [1, 2, 5][position]
        // 10^-k as 1 / 10^k: exact powers of ten above 1 keep 0.1, 0.2 and 0.5 the nearest doubles.
        let scale = exponent >= 0 ? pow(10, Double(exponent)) : 1 / pow(10, Double(-exponent))
        return mantissa * scale
    }

    /// The index of the largest edge that is at most `value` (positive and finite).
    static func edgeIndex(atOrBelow value: Double) -> Int {
        var index = 3 * Int(floor(log10(value)))
        while edge(index) > value { index -= 1 }
        while edge(index + 1) <= value { index += 1 }
        return index
    }

    /// The histogram as lines: a title with the sample size, one bar per bucket scaled to the
    /// fullest (at least one block for a non-empty bucket), then p50/p90/p99/max.
    ///
    /// - Parameters:
    ///   - title: what is measured, for example "recovery time".
    ///   - unit: the values' unit, printed after the bucket edges and the percentiles.
    ///   - barWidth: the width of the fullest bar, in characters (at least 1).
    public func render(title: String, unit: String, barWidth: Int = 40) -> [String] {
        let width = Swift.max(1, barWidth)
        let invalidNote = invalid > 0 ? ", \(invalid) not finite and left out" : ""
        guard count > 0 else { return ["\(title): no samples\(invalidNote)"] }
        var rows: [(label: String, count: Int)] = []
        if nonPositive > 0 { rows.append(("≤ 0", nonPositive)) }
        let labelWidth = buckets.map { Swift.max(Self.format($0.lower).count, Self.format($0.upper).count) }.max() ?? 1
        for bucket in buckets {
            rows.append((Self.leftPad(Self.format(bucket.lower), labelWidth) + " - " + Self.leftPad(Self.format(bucket.upper), labelWidth) + " \(unit)", bucket.count))
        }
        let labelColumn = rows.map(\.label.count).max() ?? 0
        let fullest = rows.map(\.count).max() ?? 1
        var lines = ["\(title) (\(count) sample\(count == 1 ? "" : "s"), \(unit)\(invalidNote))"]
        for row in rows {
            let filled = row.count == 0 ? 0 : Swift.max(1, Int((Double(row.count) / Double(fullest) * Double(width)).rounded()))
            let bar = String(repeating: "█", count: filled) + String(repeating: " ", count: width - filled)
            lines.append(Self.leftPad(row.label, labelColumn) + " │" + bar + "│ \(row.count)")
        }
        func value(_ number: Double?) -> String { number.map(Self.format) ?? "-" }
        lines.append("p50 \(value(p50))  p90 \(value(p90))  p99 \(value(p99))  max \(value(max)) \(unit)")
        return lines
    }

    /// A value with up to three significant digits, without exponent or trailing zeros:
    /// 0.05, 1.5, 93, 1250.
    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 100 || magnitude == 0 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : Swift.min(6, 2 - Int(floor(log10(magnitude))))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    private static func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
