extension NormalizedName {
    /// How alike a subject's name and a watch-list name are, from 0 (nothing in common) to 1 (the same name).
    ///
    /// - 1 when the two have the same tokens in any order, or the same letters once spaces are removed.
    /// - Otherwise tokens are paired one to one, greedily by descending ``tokenSimilarity(_:_:)`` (ties by position),
    ///   and the score is the larger of:
    ///   - the length-weighted agreement `Σ sim(a, b)·(|a| + |b|) / (Σ|a| + Σ|b|)` over the pairs, where tokens
    ///     left unpaired count as 0 (so extra or missing tokens lower the score) and `|t|` is the token's weight
    ///     (``weights``: its length);
    ///   - when the entry has at least 2 tokens and the subject more tokens than the entry, the entry's coverage
    ///     `Σ sim(a, b)·|b| / Σ|b|`: every token of the listed name found in a longer name ("Ivan Ivanovich
    ///     Petrov" contains "Ivan Petrov"; a payee "Northern Shadow Trading Moscow" contains the listed company).
    ///
    /// Either way the score is at most the best pair's similarity, which ``WatchListIndex`` relies on.
    static func similarity(subject: NormalizedName, entry: NormalizedName) -> Double {
        guard !subject.tokens.isEmpty, !entry.tokens.isEmpty else { return 0 }
        if subject.joined == entry.joined || subject.sortedKey == entry.sortedKey { return 1 }

        var pairs: [(similarity: Double, subject: Int, entry: Int)] = []
        pairs.reserveCapacity(subject.tokens.count * entry.tokens.count)
        for (i, a) in subject.scalars.enumerated() {
            for (j, b) in entry.scalars.enumerated() {
                pairs.append((tokenSimilarity(a, b), i, j))
            }
        }
        pairs.sort { lhs, rhs in
            if lhs.similarity != rhs.similarity { return lhs.similarity > rhs.similarity }
            if lhs.subject != rhs.subject { return lhs.subject < rhs.subject }
            return lhs.entry < rhs.entry
        }
        // Both names have at most `tokensMax` (16) tokens, so a 32-bit mask marks which are paired.
        var subjectPaired: UInt32 = 0
        var entryPaired: UInt32 = 0
        var agreement = 0.0
        var coverage = 0.0
        for pair in pairs {
            let subjectBit: UInt32 = 1 << pair.subject
            let entryBit: UInt32 = 1 << pair.entry
            guard subjectPaired & subjectBit == 0, entryPaired & entryBit == 0 else { continue }
            subjectPaired |= subjectBit
            entryPaired |= entryBit
            let subjectLength = Double(subject.weights[pair.subject])
            let entryLength = Double(entry.weights[pair.entry])
            agreement += pair.similarity * (subjectLength + entryLength)
            coverage += pair.similarity * entryLength
        }
        var score = agreement / Double(subject.length + entry.length)
        if entry.tokens.count >= 2, subject.tokens.count > entry.tokens.count {
            score = max(score, coverage / Double(entry.length))
        }
        return min(score, 1)
    }

    /// `1 − d / max(|a|, |b|)`, where `d` is the optimal-string-alignment distance (Levenshtein with adjacent
    /// transpositions counting as one edit).
    static func tokenSimilarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        let longest = max(a.count, b.count)
        guard longest > 0 else { return 1 }
        return 1 - Double(editDistance(a, b)) / Double(longest)
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and transpositions of adjacent
    /// scalars, each costing 1 (tokens are at most ``tokenLengthMax`` long, so the three rows stay small).
    static func editDistance(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, beforePrevious[j - 2] + 1)
                }
                current[j] = best
            }
            swap(&beforePrevious, &previous)
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
