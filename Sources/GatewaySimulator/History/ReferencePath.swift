import Foundation

/// The deterministic "true" price of every product family as a function of time, for a seed.
///
/// It is multi-scale value noise (30 days down to 5 seconds) with amplitudes that grow like
/// √scale, so it looks like a random walk at every bar size yet can be evaluated at any instant
/// in O(1). History bars sample it directly; the live feed mean-reverts toward it, so bars and
/// live prices tell the same story and both depend only on the seed.
public struct ReferencePath: Sendable {
    /// The market seed.
    public let seed: UInt64

    private static let scales: [Double] = [2_592_000, 604_800, 86_400, 14_400, 3_600, 900, 300, 60, 15, 5]

    /// A path for `seed`.
    public init(seed: UInt64) { self.seed = seed }

    /// The reference price of `product` at `time` (not rounded to the tick grid).
    public func price(of product: ProductSpec, at time: Date) -> Double {
        price(of: product, atSeconds: time.timeIntervalSince1970)
    }

    /// The reference price of `product` at `seconds` since 1970.
    func price(of product: ProductSpec, atSeconds seconds: Double) -> Double {
        let familyHash = SplitMix64.fnv1a(product.family) ^ seed
        var logReturn = 0.0
        for (level, scale) in ReferencePath.scales.enumerated() {
            let position = seconds / scale
            let cell = position.rounded(.down)
            let t = position - cell
            let smooth = t * t * (3 - 2 * t)
            let key = familyHash &+ UInt64(level) &* 0x9E37_79B9_7F4A_7C15
            let a = noise(key, Int64(cell))
            let b = noise(key, Int64(cell) + 1)
            let amplitude = product.dailyVolatility * (scale / 86_400).squareRoot() * 0.7
            logReturn += (a + (b - a) * smooth) * amplitude
        }
        return product.basePrice * exp(logReturn)
    }

    /// A deterministic volume figure in `range` for a bucket of time.
    func volume(of product: ProductSpec, bucket: Int64, salt: UInt64, range: ClosedRange<Int>) -> Int {
        let hash = SplitMix64.mix(SplitMix64.fnv1a(product.product) ^ seed ^ salt &+ UInt64(bitPattern: bucket))
        return range.lowerBound + Int(hash % UInt64(range.count))
    }

    private func noise(_ key: UInt64, _ cell: Int64) -> Double {
        let hash = SplitMix64.mix(key ^ SplitMix64.mix(UInt64(bitPattern: cell)))
        return SplitMix64.unit(hash) * 2 - 1
    }
}
