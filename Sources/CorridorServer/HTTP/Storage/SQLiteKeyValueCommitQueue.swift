import GRDB

/// Group commit for ``SQLiteKeyValueStore``: writes made by concurrent requests (idempotency claims and responses,
/// merchants) are gathered into one write transaction, so one durable commit carries every write that arrived while
/// the previous batch was being written — as the payment store and the ledger's batch poster do. Under load this
/// turns two commits per HTTP request into two per batch, and spares the file's other writers (ledger, payment
/// records) most of their waits on the write lock.
///
/// Guarantees:
/// - Writes apply in the order they joined the queue; an `insertIfAbsent` sees every write queued before it.
/// - A write's caller resumes only after its batch committed; when the batch rolls back, every write in it fails
///   with the error (none of them took effect).
/// - A batch holds at most ``batchCountMax`` writes.
actor SQLiteKeyValueCommitQueue {
    /// One write.
    enum Write: Sendable {
        /// Store unless present; the result is the value that was there.
        case insertIfAbsent(key: String, value: String)
        /// Store, replacing.
        case set(key: String, value: String)
        /// Remove.
        case remove(key: String)
        /// Replace with `replacement` (remove when nil) only when the value there is `expected`; the result is
        /// `expected` when it did, nil when it did not.
        case replace(key: String, expected: String, replacement: String?)
    }

    private struct Entry {
        let write: Write
        let continuation: CheckedContinuation<String?, any Error>
    }

    /// The most writes one transaction carries.
    let batchCountMax: Int
    private let pool: DatabasePool
    private var queue: [Entry] = []
    private var isDraining = false
    /// Write transactions committed so far.
    private(set) var commitCount = 0

    init(pool: DatabasePool, batchCountMax: Int = 512) {
        precondition(batchCountMax > 0, "batchCountMax must be positive")
        self.pool = pool
        self.batchCountMax = batchCountMax
    }

    /// Applies one write in the next batch and returns once that batch committed.
    /// - Returns: for `insertIfAbsent`, the value that was there (nil when this write stored it); for `replace`, the
    ///   expected value when it replaced it (nil when it did not); else nil.
    /// - Throws: the database's error when the batch rolled back.
    func apply(_ write: Write) async throws -> String? {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(Entry(write: write, continuation: continuation))
            if !isDraining {
                isDraining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            let take = min(queue.count, batchCountMax)
            let batch = Array(queue.prefix(take))
            queue.removeFirst(take)
            let writes = batch.map(\.write)
            do {
                let results = try await pool.writeWithoutTransaction { db in
                    var results: [String?] = []
                    results.reserveCapacity(writes.count)
                    try db.inTransaction(.immediate) {
                        results = try writes.map { try Self.apply($0, in: db) }
                        return .commit
                    }
                    return results
                }
                commitCount += 1
                for (entry, result) in zip(batch, results) { entry.continuation.resume(returning: result) }
            } catch {
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
        isDraining = false
    }

    private static func apply(_ write: Write, in db: Database) throws -> String? {
        switch write {
        case .insertIfAbsent(let key, let value):
            if let existing = try String.fetchOne(
                db.cachedStatement(sql: "SELECT value FROM http_kv WHERE key = ?"), arguments: [key])
            {
                return existing
            }
            try db.cachedStatement(sql: "INSERT INTO http_kv (key, value) VALUES (?, ?)").execute(arguments: [key, value])
            return nil
        case .set(let key, let value):
            try db.cachedStatement(
                sql: "INSERT INTO http_kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
            ).execute(arguments: [key, value])
            return nil
        case .remove(let key):
            try db.cachedStatement(sql: "DELETE FROM http_kv WHERE key = ?").execute(arguments: [key])
            return nil
        case .replace(let key, let expected, let replacement):
            if let replacement {
                try db.cachedStatement(sql: "UPDATE http_kv SET value = ? WHERE key = ? AND value = ?")
                    .execute(arguments: [replacement, key, expected])
            } else {
                try db.cachedStatement(sql: "DELETE FROM http_kv WHERE key = ? AND value = ?")
                    .execute(arguments: [key, expected])
            }
            return db.changesCount == 1 ? expected : nil
        }
    }
}
