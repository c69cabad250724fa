import GRDB

/// Group commit for ``SQLitePaymentStore``: the rows of `save` calls made by concurrent tasks are gathered into one
/// write transaction, so one durable commit (one `fsync` of the WAL at `synchronous=FULL`) carries every call that
/// arrived while the previous batch was being written, as `LedgerBatchPoster` does for transfers.
///
/// Guarantees:
/// - The rows of one call are in one transaction: a call is never split across batches, so they commit or roll back
///   together.
/// - A batch holds at most ``batchRowCountMax`` rows, except a single call larger than that, which goes alone.
/// - Calls commit in the order they joined the queue, so sequences follow that order.
/// - A call's continuation resumes only after its batch committed (or failed and rolled back).
actor SQLitePaymentCommitQueue {
    /// One waiting `save` call.
    private struct Entry {
        let rows: [SQLitePaymentRow]
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// The most rows one batch gathers from several calls.
    let batchRowCountMax: Int
    private let pool: DatabasePool
    private var queue: [Entry] = []
    private var isDraining = false
    /// Transactions committed so far (tests check that concurrent calls share commits).
    private(set) var commitCount = 0

    init(pool: DatabasePool, batchRowCountMax: Int) {
        precondition(batchRowCountMax > 0, "batchRowCountMax must be positive")
        self.pool = pool
        self.batchRowCountMax = batchRowCountMax
    }

    /// Writes the rows of one call in the next batch and returns once that batch committed.
    /// - Throws: ``SQLitePaymentStoreError/writeFailed(ids:reason:)`` naming the call's ids when the batch rolled back.
    func commit(_ rows: [SQLitePaymentRow]) async throws {
        guard !rows.isEmpty else { return }
        try await withCheckedThrowingContinuation { continuation in
            queue.append(Entry(rows: rows, continuation: continuation))
            if !isDraining {
                isDraining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            var take = 1
            var rowCount = queue[0].rows.count
            while take < queue.count, rowCount + queue[take].rows.count <= batchRowCountMax {
                rowCount += queue[take].rows.count
                take += 1
            }
            let batch = Array(queue.prefix(take))
            queue.removeFirst(take)
            let rows = batch.flatMap(\.rows)
            do {
                try await pool.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        let upsert = try db.cachedStatement(sql: SQLitePaymentSchema.upsertSQL)
                        for row in rows { try upsert.execute(arguments: row.arguments) }
                        return .commit
                    }
                }
                commitCount += 1
                for entry in batch { entry.continuation.resume() }
            } catch {
                let reason = SQLitePaymentStoreError.reason(error)
                for entry in batch {
                    entry.continuation.resume(throwing: SQLitePaymentStoreError.writeFailed(
                        ids: entry.rows.map(\.id), reason: reason))
                }
            }
        }
        isDraining = false
    }
}
