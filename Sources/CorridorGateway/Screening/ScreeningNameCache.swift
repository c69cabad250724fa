import Synchronization

/// Remembers the verdict for each name screened recently (name as given → best watch-list match or none), since
/// payer and merchant names repeat heavily and normalizing and matching a name costs far more than a lookup.
///
/// The cache is split into ``shardCount`` shards, each behind its own lock, so concurrent payments rarely wait for
/// one another. Each shard keeps two generations: names go into the young one; when it is full it becomes the old
/// one and the previous old one is dropped; a name found in the old generation moves back to the young one. Recently
/// used names therefore stay, and a shard never holds more than its share of ``capacity``.
///
/// Guarantees: at most `capacity` names (rounded up to a multiple of twice the shard count) are held.
final class ScreeningNameCache: Sendable {
    /// The number of independently locked shards.
    static let shardCount = 16

    private struct Generations {
        var young: [String: WatchListIndex.Match?] = [:]
        var old: [String: WatchListIndex.Match?] = [:]
    }

    private final class Shard: Sendable {
        let generations = Mutex(Generations())
    }

    /// The most names held.
    let capacity: Int
    private let generationMax: Int
    private let shards: [Shard]

    /// A cache of at most `capacity` names.
    /// - Parameter capacity: the most names held; 0 disables caching.
    init(capacity: Int) {
        precondition(capacity >= 0, "ScreeningNameCache: negative capacity")
        let generationMax = (capacity + 2 * Self.shardCount - 1) / (2 * Self.shardCount)
        self.generationMax = generationMax
        self.capacity = generationMax * 2 * Self.shardCount
        self.shards = (0..<Self.shardCount).map { _ in Shard() }
    }

    /// The verdict for `name`: the cached one, or `compute()`'s, which is then cached. `compute` runs outside the
    /// lock, so two payments with a new name may both compute it; they compute the same verdict.
    func verdict(for name: String, compute: () -> WatchListIndex.Match?) -> WatchListIndex.Match? {
        guard generationMax > 0 else { return compute() }
        let shard = shards[Int(UInt(bitPattern: name.hashValue) % UInt(Self.shardCount))]
        let cached: WatchListIndex.Match?? = shard.generations.withLock { generations in
            if let verdict = generations.young[name] { return verdict }
            guard let verdict = generations.old.removeValue(forKey: name) else { return nil }
            insert(name, verdict, into: &generations)
            return verdict
        }
        if let cached { return cached }
        let verdict = compute()
        shard.generations.withLock { insert(name, verdict, into: &$0) }
        return verdict
    }

    /// The number of names held now.
    var count: Int {
        shards.reduce(0) { total, shard in total + shard.generations.withLock { $0.young.count + $0.old.count } }
    }

    private func insert(_ name: String, _ verdict: WatchListIndex.Match?, into generations: inout Generations) {
        if generations.young.count >= generationMax {
            generations.old = generations.young
            generations.young = [:]
            generations.young.reserveCapacity(generationMax)
        }
        generations.young[name] = verdict
    }
}
