/// Order statistics of a sample, by nearest rank.
///
/// ```swift
/// let times = Percentiles([0.093, 0.205, 0.042])
/// times.percentile(50)   // 0.093
/// times.max              // 0.205
/// ```
public struct Percentiles: Sendable {
    private let sorted: [Double]

    public init(_ values: [Double]) {
        sorted = values.sorted()
    }

    public var isEmpty: Bool { sorted.isEmpty }
    public var count: Int { sorted.count }
    public var min: Double? { sorted.first }
    public var max: Double? { sorted.last }

    /// The nearest-rank percentile `p` (0...100): the smallest value that at least `p`% of the
    /// sample does not exceed. Nil for an empty sample.
    public func percentile(_ p: Double) -> Double? {
        guard !sorted.isEmpty, p.isFinite else { return nil }
        let rank = Int((Swift.max(0, Swift.min(100, p)) / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}
