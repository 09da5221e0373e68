/// Order statistics of a sample.
struct Percentiles {
    private let sorted: [Double]

    init(_ values: [Double]) {
        sorted = values.sorted()
    }

    var isEmpty: Bool { sorted.isEmpty }
    var min: Double? { sorted.first }
    var max: Double? { sorted.last }

    /// The nearest-rank percentile `p` (0...100).
    func percentile(_ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}
