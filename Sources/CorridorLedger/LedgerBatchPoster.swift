/// Group commit: transfers posted by concurrent requests are gathered into one backend batch, so one durable
/// commit (one fsync on SQLite FULL) carries every authorization that arrived while the previous batch was being
/// written. A request waits for its own transfer's outcome; nothing is acknowledged before its batch commits.
public actor LedgerBatchPoster {
    private let backend: any SettlementBackend
    private var queue: [(transfer: Transfer, continuation: CheckedContinuation<TransferOutcome, any Error>)] = []
    private var isDraining = false

    public init(backend: any SettlementBackend) {
        self.backend = backend
    }

    /// Posts one transfer in the next batch and returns its outcome.
    public func post(_ transfer: Transfer) async throws -> TransferOutcome {
        try await withCheckedThrowingContinuation { continuation in
            queue.append((transfer, continuation))
            if !isDraining {
                isDraining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            let take = min(queue.count, backend.batchSizeMax)
            let batch = Array(queue.prefix(take))
            queue.removeFirst(take)
            do {
                let outcomes = try await backend.post(batch.map(\.transfer))
                for (entry, outcome) in zip(batch, outcomes) { entry.continuation.resume(returning: outcome) }
            } catch {
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
        isDraining = false
    }
}
