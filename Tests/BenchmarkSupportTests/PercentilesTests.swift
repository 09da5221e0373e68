import Testing
@testable import BenchmarkSupport
import TestGate

@Suite("Percentiles are nearest-rank order statistics", .gated)
struct PercentilesTests {
    @Test func emptySampleHasNone() {
        let empty = Percentiles([])
        #expect(empty.isEmpty && empty.min == nil && empty.max == nil && empty.percentile(50) == nil)
    }

    @Test func nearestRank() {
        let sample = Percentiles([5, 1, 4, 2, 3])
        #expect(sample.min == 1 && sample.max == 5 && sample.count == 5)
        #expect(sample.percentile(0) == 1)
        #expect(sample.percentile(20) == 1)
        #expect(sample.percentile(21) == 2)
        #expect(sample.percentile(50) == 3)
        #expect(sample.percentile(100) == 5)
        #expect(sample.percentile(150) == 5)
        #expect(sample.percentile(.nan) == nil)
    }
}
