/// xoshiro256**: the per-instrument generator of the market feed. Deterministic for a seed and
/// independent of `SystemRandomNumberGenerator`.
public struct Xoshiro256: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator seeded through SplitMix64, as the xoshiro authors recommend.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (bound > 0), by multiply-shift (bias is negligible here).
    mutating func below(_ bound: Int) -> Int {
        Int((UInt128(next()) &* UInt128(UInt64(bound))) >> 64)
    }

    /// A uniform double in [0, 1).
    mutating func unit() -> Double {
        SplitMix64.unit(next())
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
