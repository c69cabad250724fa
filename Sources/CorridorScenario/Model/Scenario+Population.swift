extension TouristGroup {
    /// The same group with another number of tourists.
    public func resized(to size: Int) -> TouristGroup {
        TouristGroup(
            id: id, home: home, size: size, balance: balance, bank: bank, walletBank: walletBank,
            instruments: instruments, spending: spending, dccBps: dccBps, line: line)
    }
}

extension Scenario {
    /// The scenario with its population scaled to `total` tourists (`simulate --tourists`), each group keeping its
    /// share of the population (largest remainders, at least one tourist per group); everything else unchanged.
    ///
    /// Scaling the traffic (`--payments`) alone keeps the file's tourists, who then run out of money: the Beijing
    /// sample's 500 tourists make 400 payments, and at a million payments nearly every one was declined (51). Scaled
    /// together, a run keeps the file's mix of instruments and approvals.
    /// - Throws: ``ScenarioError`` (key `population`) when `total` is below the number of groups or a group would
    ///   exceed ``TouristGroup/sizeMax``.
    public func scalingPopulation(to total: Int) throws(ScenarioError) -> Scenario {
        guard !population.isEmpty else { return self }
        guard total >= population.count else {
            throw ScenarioError(
                line: nil, key: "population",
                "\(total) tourists cannot fill \(population.count) groups (at least one each)")
        }
        let sizes = Self.apportion(total, by: population.map(\.size))
        if let index = sizes.firstIndex(where: { $0 > TouristGroup.sizeMax }) {
            throw ScenarioError(
                line: population[index].line, key: "population[\(index)].size",
                "\(sizes[index]) tourists is over the \(TouristGroup.sizeMax) a group may have")
        }
        return Scenario(
            name: name, seed: seed, world: world, steps: steps, expectations: expectations,
            population: zip(population, sizes).map { $0.resized(to: $1) }, traffic: traffic, faults: faults)
    }

    /// `total` split in proportion to `weights` (all positive): each part at least 1, the parts adding up to
    /// `total`, the rounding given to the largest remainders (the earlier group on a tie).
    static func apportion(_ total: Int, by weights: [Int]) -> [Int] {
        let sum = weights.reduce(0, +)
        let exact = weights.map { Double($0) * Double(total) / Double(sum) }
        var parts = exact.map { max(1, Int($0)) }
        var difference = total - parts.reduce(0, +)
        while difference > 0 {
            let index = parts.indices.max { exact[$0] - Double(parts[$0]) < exact[$1] - Double(parts[$1]) }!
            parts[index] += 1
            difference -= 1
        }
        while difference < 0 {
            let index = parts.indices.filter { parts[$0] > 1 }
                .max { Double(parts[$0]) - exact[$0] < Double(parts[$1]) - exact[$1] }!
            parts[index] -= 1
            difference += 1
        }
        return parts
    }
}
