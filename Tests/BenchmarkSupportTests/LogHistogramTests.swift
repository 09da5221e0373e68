import Testing
@testable import BenchmarkSupport
import TestGate

@Suite("LogHistogram buckets values on the 1-2-5 series and renders text bars", .gated)
struct LogHistogramTests {
    @Test func edgesFollowTheOneTwoFiveSeries() {
        #expect((-6...6).map(LogHistogram.edge) == [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100])
        #expect(LogHistogram.edge(9) == 1000)
        #expect(LogHistogram.edge(-9) == 0.001)
    }

    @Test func edgeIndexIsTheLargestEdgeAtOrBelow() {
        for index in -12...12 {
            let edge = LogHistogram.edge(index)
            #expect(LogHistogram.edgeIndex(atOrBelow: edge) == index, "edge \(edge)")
            #expect(LogHistogram.edgeIndex(atOrBelow: edge * 1.0001) == index, "just above \(edge)")
            #expect(LogHistogram.edgeIndex(atOrBelow: edge * 0.9999) == index - 1, "just below \(edge)")
        }
    }

    @Test func everyValueLandsInTheBucketThatHoldsIt() {
        let values = [0.03, 0.1, 0.19, 0.2, 4.99, 5, 7, 10, 49, 50, 999, 1000, 1234]
        let histogram = LogHistogram(values)
        #expect(histogram.buckets.map(\.count).reduce(0, +) == values.count)
        for value in values {
            let holding = histogram.buckets.filter { $0.lower <= value && value < $0.upper }
            #expect(holding.count == 1, "\(value)")
        }
        #expect(histogram.buckets.first?.lower == 0.02)
        #expect(histogram.buckets.last?.upper == 2000)
        #expect(histogram.buckets.first { $0.lower == 5 }?.count == 2)       // 5 and 7
        #expect(histogram.buckets.first { $0.lower == 1000 }?.count == 2)    // 1000 and 1234
        #expect(histogram.buckets.first { $0.lower == 1 }?.count == 0)       // an empty bucket inside the range stays
    }

    @Test func percentilesAreNearestRank() {
        let histogram = LogHistogram((1...100).map(Double.init))
        #expect(histogram.count == 100)
        #expect(histogram.p50 == 50)
        #expect(histogram.p90 == 90)
        #expect(histogram.p99 == 99)
        #expect(histogram.max == 100)
        let one = LogHistogram([7])
        #expect(one.p50 == 7 && one.p99 == 7 && one.max == 7)
    }

    @Test func nonPositiveAndNonFiniteValuesAreCountedApart() {
        let histogram = LogHistogram([-0.5, 0, 3, .nan, .infinity])
        #expect(histogram.count == 3)
        #expect(histogram.nonPositive == 2)
        #expect(histogram.invalid == 2)
        #expect(histogram.buckets == [LogHistogram.Bucket(lower: 2, upper: 5, count: 1)])
        #expect(LogHistogram([0, -1]).buckets.isEmpty)
    }

    @Test func rendersASnapshot() {
        let lines = LogHistogram([42, 93, 95, 120, 205, 61, 70, 88]).render(title: "recovery time", unit: "ms", barWidth: 20)
        #expect(lines.joined(separator: "\n") == """
            recovery time (8 samples, ms)
             20 -  50 ms │████                │ 1
             50 - 100 ms │████████████████████│ 5
            100 - 200 ms │████                │ 1
            200 - 500 ms │████                │ 1
            p50 88  p90 205  p99 205  max 205 ms
            """)
    }

    @Test func theDocumentationExampleIsTrue() {
        let lines = LogHistogram([42, 93, 95, 120, 205]).render(title: "recovery time", unit: "ms")
        #expect(lines.joined(separator: "\n") == """
            recovery time (5 samples, ms)
             20 -  50 ms │████████████████████                    │ 1
             50 - 100 ms │████████████████████████████████████████│ 2
            100 - 200 ms │████████████████████                    │ 1
            200 - 500 ms │████████████████████                    │ 1
            p50 95  p90 205  p99 205  max 205 ms
            """)
    }

    @Test func rendersSubMillisecondBucketsAndTheNonPositiveRow() {
        let lines = LogHistogram([0, 0.3, 0.6, 0.7, 1.4, 2.8]).render(title: "latency", unit: "ms", barWidth: 10)
        #expect(lines.joined(separator: "\n") == """
            latency (6 samples, ms)
                     ≤ 0 │█████     │ 1
            0.2 - 0.5 ms │█████     │ 1
            0.5 -   1 ms │██████████│ 2
              1 -   2 ms │█████     │ 1
              2 -   5 ms │█████     │ 1
            p50 0.6  p90 2.8  p99 2.8  max 2.8 ms
            """)
    }

    @Test func rendersNoSamples() {
        #expect(LogHistogram([]).render(title: "latency", unit: "ms") == ["latency: no samples"])
        #expect(LogHistogram([.nan]).render(title: "latency", unit: "ms") == ["latency: no samples, 1 not finite and left out"])
    }

    @Test func formatsWithThreeSignificantDigitsAtMost() {
        #expect(LogHistogram.format(0.05) == "0.05")
        #expect(LogHistogram.format(0.5) == "0.5")
        #expect(LogHistogram.format(1.5) == "1.5")
        #expect(LogHistogram.format(12.34) == "12.3")
        #expect(LogHistogram.format(93.4) == "93.4")
        #expect(LogHistogram.format(934.2) == "934")
        #expect(LogHistogram.format(1250) == "1250")
        #expect(LogHistogram.format(0) == "0")
    }
}
