/// A reproducible sequence of faults: every kind in turn in a shuffled order per round, so that a
/// short run still covers every kind.
struct FaultSchedule {
    private var generator: SplitMix
    private var round: [FaultKind] = []
    private let kinds: [FaultKind]

    init(seed: UInt64, kinds: [FaultKind] = FaultKind.allCases) {
        generator = SplitMix(state: seed)
        self.kinds = kinds.isEmpty ? FaultKind.allCases : kinds
    }

    /// How long the next feed stall lasts, in stale-feed windows: from just past one window
    /// (one reconnect) to five (reconnects backing off while the feed stays frozen).
    mutating func stallWindows() -> Double {
        Double.random(in: 1.5...5, using: &generator)
    }

    /// One of `items` (not empty), at random.
    mutating func pick<T>(_ items: [T]) -> T {
        items[Int.random(in: 0..<items.count, using: &generator)]
    }

    mutating func next() -> FaultKind {
        if round.isEmpty { round = kinds.shuffled(using: &generator) }
        return round.removeLast()
    }
}

/// SplitMix64, so that the fault order reproduces from the seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
