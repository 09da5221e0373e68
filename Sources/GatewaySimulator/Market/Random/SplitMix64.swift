/// SplitMix64: a tiny, fast, seedable generator. Used to seed ``Xoshiro256`` and as a stateless
/// hash (``SplitMix64/mix(_:)``) for the deterministic history path.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose output depends only on `seed`.
    public init(seed: UInt64) { self.state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective avalanche of `value`.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) derived from a hash value.
    static func unit(_ hash: UInt64) -> Double {
        Double(hash >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// FNV-1a over the UTF-8 bytes of `text`: a process-independent string hash (Swift's
    /// `hashValue` is randomised per process and must not feed a deterministic market).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
