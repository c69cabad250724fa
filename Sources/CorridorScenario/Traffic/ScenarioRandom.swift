/// The run's random numbers: SplitMix64 (Steele, Lea, Flood 2014), seeded from the scenario's seed, so one seed
/// gives one sequence on every machine. Not for keys: it only picks tourists, merchants, baskets and times.
struct ScenarioRandom: Sendable {
    private var state: UInt64

    /// A generator for a seed and a stream (different streams of one seed do not overlap in practice).
    init(seed: UInt64, stream: UInt64 = 0) {
        state = seed &+ stream &* 0xD1B5_4A32_D192_ED03
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in 0..<bound (bound > 0), without modulo bias worth measuring at these sizes (Lemire's
    /// multiply-shift).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "an empty range has no random member")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// True with a probability of `bps` basis points.
    mutating func chance(bps: Int) -> Bool { below(10_000) < bps }

    /// A member of a list of weights (basis points summing to 10,000): its index.
    mutating func pick(weightsBps: [Int]) -> Int {
        var roll = below(10_000)
        for (index, weight) in weightsBps.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weightsBps.count - 1
    }
}
