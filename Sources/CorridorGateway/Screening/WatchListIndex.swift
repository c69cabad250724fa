/// The watch list prepared for fast screening: every entry name and alias normalized once, exact keys in
/// dictionaries, and the tokens' bigrams in posting lists, so a clean name is compared only with the few names that
/// could reach the threshold instead of with every entry.
///
/// Why the bigram filter loses no hit: a name's score never exceeds its best token pair's similarity (see
/// ``NormalizedName/similarity(subject:entry:)``), so a hit needs a pair of tokens `a`, `b` with
/// `1 − d/m ≥ threshold`, `m = max(|a|, |b|)`, that is `d ≤ dMax(m)` edits. Padded with a boundary mark at each
/// end, a token of length `n` has `n + 1` bigrams, and one edit (insertion, deletion, substitution or adjacent
/// transposition) destroys at most 3 of them, so the two tokens share at least `m + 1 − 3·dMax(m)` bigrams. Posting
/// lists are keyed by bigram and token length, so only lengths within `dMax` are read. For a threshold of 2/3 or
/// more that bound is at least 1 for every length; below 2/3 the filter could drop a hit, so every name is
/// compared (``usesBigramFilter``).
struct WatchListIndex: Sendable {
    /// One spelling of an entry: its primary name or an alias.
    struct Variant: Sendable {
        /// Position of the entry in the list.
        let entry: Int
        /// The spelling as the list writes it.
        let text: String
        /// The spelling normalized.
        let name: NormalizedName
    }

    /// The best match of a name.
    struct Match: Sendable, Hashable {
        /// Position of the entry in the list.
        let entry: Int
        /// Position of the variant in ``variants``.
        let variant: Int
        /// The similarity, 0…1.
        let score: Double
    }

    private struct BigramKey: Hashable {
        let first: UInt32
        let second: UInt32
        let length: Int
    }

    private struct TokenReference: Hashable {
        let variant: Int
        let token: Int
    }

    private struct Posting {
        let token: TokenReference
        let count: Int
    }

    /// The similarity a hit needs.
    let threshold: Double
    /// Whether candidates come from the bigram posting lists (threshold ≥ 2/3) or every variant is compared.
    let usesBigramFilter: Bool
    /// Every spelling of every entry.
    let variants: [Variant]

    private let variantsByJoined: [String: [Int]]
    private let variantsBySortedKey: [String: [Int]]
    private let postings: [BigramKey: [Posting]]
    private let entriesByIDNumber: [String: [Int]]
    /// The largest edit distance a token pair of longest length `m` may have and still reach the threshold, by `m`.
    private let distanceMaxByLength: [Int]

    /// Boundary mark around tokens (scalar 0 never occurs in a token).
    private static let boundary: UInt32 = 0

    /// Normalizes and indexes every name, alias and id number of `watchList`.
    init(watchList: WatchList, threshold: Double) {
        precondition(threshold > 0 && threshold <= 1, "WatchListIndex: threshold must be in (0, 1]")
        self.threshold = threshold
        self.usesBigramFilter = threshold >= 2.0 / 3.0
        var distanceMaxByLength = [0]
        for length in 1...NormalizedName.tokenLengthMax {
            var distance = 0
            // The same formula as `tokenSimilarity`, with a hair of slack for rounding in the weighted score.
            while distance < length, 1 - Double(distance + 1) / Double(length) >= threshold - 1e-9 { distance += 1 }
            distanceMaxByLength.append(distance)
        }
        self.distanceMaxByLength = distanceMaxByLength

        var variants: [Variant] = []
        var variantsByJoined: [String: [Int]] = [:]
        var variantsBySortedKey: [String: [Int]] = [:]
        var postings: [BigramKey: [Posting]] = [:]
        var entriesByIDNumber: [String: [Int]] = [:]
        for (entryPosition, entry) in watchList.entries.enumerated() {
            for text in entry.names {
                let name = NormalizedName(text)
                guard !name.tokens.isEmpty else { continue }
                let variantPosition = variants.count
                variants.append(Variant(entry: entryPosition, text: text, name: name))
                variantsByJoined[name.joined, default: []].append(variantPosition)
                variantsBySortedKey[name.sortedKey, default: []].append(variantPosition)
                for (tokenPosition, token) in name.scalars.enumerated() {
                    let reference = TokenReference(variant: variantPosition, token: tokenPosition)
                    for (bigram, count) in Self.bigrams(token) {
                        let key = BigramKey(first: bigram.first, second: bigram.second, length: token.count)
                        postings[key, default: []].append(Posting(token: reference, count: count))
                    }
                }
            }
            for number in entry.idNumbers {
                let key = Self.normalizedIDNumber(number)
                guard !key.isEmpty else { continue }
                guard entriesByIDNumber[key]?.last != entryPosition else { continue }
                entriesByIDNumber[key, default: []].append(entryPosition)
            }
        }
        self.variants = variants
        self.variantsByJoined = variantsByJoined
        self.variantsBySortedKey = variantsBySortedKey
        self.postings = postings
        self.entriesByIDNumber = entriesByIDNumber
    }

    /// The entries listing this id number (compared without case, spaces or punctuation), in list order.
    func entries(idNumber: String) -> [Int] {
        let key = Self.normalizedIDNumber(idNumber)
        guard !key.isEmpty else { return [] }
        return entriesByIDNumber[key] ?? []
    }

    /// The variant most similar to `name` at or above the threshold; ties go to the earlier entry, then the earlier
    /// spelling.
    func bestMatch(for name: NormalizedName) -> Match? {
        guard !name.tokens.isEmpty else { return nil }
        let exact = (variantsByJoined[name.joined] ?? []) + (variantsBySortedKey[name.sortedKey] ?? [])
        if let first = exact.min() {
            return Match(entry: variants[first].entry, variant: first, score: 1)
        }
        var best: Match?
        for position in candidates(for: name) {
            let variant = variants[position]
            let score = NormalizedName.similarity(subject: name, entry: variant.name)
            guard score >= threshold else { continue }
            if let current = best, current.score > score || (current.score == score && current.variant < position) {
                continue
            }
            best = Match(entry: variant.entry, variant: position, score: score)
        }
        return best
    }

    /// The variants that could reach the threshold, ascending.
    private func candidates(for name: NormalizedName) -> [Int] {
        guard usesBigramFilter else { return Array(variants.indices) }
        var result = Set<Int>()
        for token in name.scalars {
            let bigrams = Self.bigrams(token)
            var shared: [TokenReference: Int] = [:]
            for length in 1...NormalizedName.tokenLengthMax {
                let longest = max(token.count, length)
                guard abs(token.count - length) <= distanceMaxByLength[longest] else { continue }
                for (bigram, count) in bigrams {
                    let key = BigramKey(first: bigram.first, second: bigram.second, length: length)
                    guard let list = postings[key] else { continue }
                    for posting in list {
                        shared[posting.token, default: 0] += min(count, posting.count)
                    }
                }
            }
            for (reference, count) in shared {
                let entryLength = variants[reference.variant].name.scalars[reference.token].count
                let longest = max(token.count, entryLength)
                if count >= longest + 1 - 3 * distanceMaxByLength[longest] { result.insert(reference.variant) }
            }
        }
        return result.sorted()
    }

    /// The bigrams of a token padded with ``boundary`` at both ends, with their multiplicity.
    private static func bigrams(_ token: [UInt32]) -> [(key: (first: UInt32, second: UInt32), count: Int)] {
        var counts: [UInt64: Int] = [:]
        var previous = boundary
        for scalar in token + [boundary] {
            counts[UInt64(previous) << 32 | UInt64(scalar), default: 0] += 1
            previous = scalar
        }
        return counts.map { ((UInt32(truncatingIfNeeded: $0.key >> 32), UInt32(truncatingIfNeeded: $0.key)), $0.value) }
    }

    /// Uppercase letters and digits only: "4510 123456" and "4510-123456" are one number.
    static func normalizedIDNumber(_ number: String) -> String {
        String(String.UnicodeScalarView(number.uppercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }
}
