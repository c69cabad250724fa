/// The issuer host's recent transactions by key, for duplicate detection, forgotten in arrival order once older
/// than the window; it grows without long pauses.
///
/// The table holds a day of keys (hundreds of thousands at load). As one dictionary, each doubling moved every
/// entry into freshly allocated memory while every request waited: ~80 ms at 200,000 keys here, the whole p99 of an
/// authorization. Split into ``shardCount`` dictionaries by the key's hash, a doubling moves one shard's share; the
/// arrival order is kept in fixed-size chunks for the same reason.
struct RecentTransactions<Value> {
    static var shardCount: Int { 64 }
    static var chunkSize: Int { 4096 }

    private var shards: [[CardTransactionKey: Value]] = Array(repeating: [:], count: Self.shardCount)
    /// Keys in arrival order with their arrival time, in chunks; the first chunk is read from `headIndex`.
    private var order: [[(key: CardTransactionKey, atMs: Int64)]] = []
    private var headIndex = 0

    /// Keys held now.
    private(set) var count = 0

    private static func shard(of key: CardTransactionKey) -> Int {
        Int(truncatingIfNeeded: UInt(bitPattern: key.fieldsHash) % UInt(shardCount))
    }

    /// The value of a key; setting nil forgets the value but not the key's place in the arrival order.
    subscript(key: CardTransactionKey) -> Value? {
        get { shards[Self.shard(of: key)][key] }
        set {
            let shard = Self.shard(of: key)
            let old = shards[shard].updateValueOrRemove(newValue, forKey: key)
            count += (newValue == nil ? 0 : 1) - (old == nil ? 0 : 1)
        }
    }

    /// Adds a key that arrived at `atMs` (its value replaced if held), then forgets every key that arrived before
    /// `horizonMs`.
    mutating func insert(_ value: Value, for key: CardTransactionKey, atMs: Int64, forgettingBefore horizonMs: Int64) {
        self[key] = value
        if order.last.map({ $0.count >= Self.chunkSize }) ?? true {
            order.append([])
            order[order.count - 1].reserveCapacity(Self.chunkSize)
        }
        order[order.count - 1].append((key, atMs))
        while let first = order.first, headIndex < first.count, first[headIndex].atMs < horizonMs {
            self[first[headIndex].key] = nil
            headIndex += 1
            if headIndex == first.count, order.count > 1 {
                order.removeFirst()
                headIndex = 0
            }
        }
    }
}

extension Dictionary {
    /// Sets or removes a value; returns the one it replaced.
    fileprivate mutating func updateValueOrRemove(_ value: Value?, forKey key: Key) -> Value? {
        if let value { return updateValue(value, forKey: key) }
        return removeValue(forKey: key)
    }
}
