/// A reproducible sequence of faults: every kind in turn in a shuffled order per round, so that a
/// short run still covers every kind.
struct FaultSchedule {
    private var generator: SplitMix
    private var round: [FaultKind] = []

    init(seed: UInt64) {
        generator = SplitMix(state: seed)
    }

    mutating func next() -> FaultKind {
        if round.isEmpty { round = FaultKind.allCases.shuffled(using: &generator) }
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
