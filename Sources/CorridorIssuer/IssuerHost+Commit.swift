import CorridorCore
import CorridorLedger

extension IssuerHost {
    /// A transfer waiting for the next group commit, and the request waiting for its outcome.
    struct PendingCommit {
        let transfer: Transfer
        let continuation: CheckedContinuation<CommitResult, Never>
    }

    /// What became of a card transfer handed to the group commit.
    enum CommitResult: Sendable {
        /// Refused before it reached the ledger: the card's status or its daily limit.
        case declined(IssuerResponseCode)
        /// The ledger's answer, durable when committed.
        case posted(TransferOutcome)
        /// The ledger could not be reached or failed; nothing of the batch was committed.
        case failed(any Error)
    }

    /// A debit or credit to admit: the card's status and daily limit are checked, the daily total counted and the
    /// transfer queued for the ledger in one critical section.
    struct CardPosting {
        let transfer: Transfer
        let card: IssuedCard
        /// The amount counted against the card's daily limit (debits only).
        let dailyDebit: (key: DailyTotalKey, amount: Int64)?
    }

    /// Admits a card posting and waits for its group commit.
    /// - Returns: `.declined` when the status or the daily limit refuses it (nothing counted, nothing posted), else
    ///   the ledger's outcome.
    func admit(_ posting: CardPosting) async -> CommitResult {
        await withCheckedContinuation { continuation in
            let (refusal, startsDrain) = state.withLock { state -> (IssuerResponseCode?, Bool) in
                if let code = state.status(of: posting.card).declineCode { return (code, false) }
                if let debit = posting.dailyDebit {
                    let spent = state.dailyTotals[debit.key, default: 0]
                    if let limit = posting.card.limits.daily {
                        let (total, overflow) = spent.addingReportingOverflow(debit.amount)
                        if overflow || total > limit.minorUnits { return (.exceedsWithdrawalLimit, false) }
                    }
                    // Counted before the ledger answers, so concurrent requests cannot both slip under the limit.
                    state.dailyTotals[debit.key] = spent + debit.amount
                }
                return (nil, Self.enqueue(PendingCommit(transfer: posting.transfer, continuation: continuation), in: &state))
            }
            if let refusal { continuation.resume(returning: .declined(refusal)) }
            if startsDrain { startDraining() }
        }
    }

    /// Posts one transfer in the next group commit, with no admission checks (reversals returning money).
    func commit(_ transfer: Transfer) async -> CommitResult {
        await withCheckedContinuation { continuation in
            let startsDrain = state.withLock { state in
                Self.enqueue(PendingCommit(transfer: transfer, continuation: continuation), in: &state)
            }
            if startsDrain { startDraining() }
        }
    }

    /// Posts one card transfer in the next group commit and maps the ledger's answer to a response code.
    func postCardTransfer(_ transfer: Transfer, lastFour: String) async -> IssuerResponseCode {
        responseCode(for: await commit(transfer), transfer: transfer, lastFour: lastFour)
    }

    /// The response code for what became of a card transfer, logging what the acquirer is not told.
    func responseCode(for result: CommitResult, transfer: Transfer, lastFour: String) -> IssuerResponseCode {
        switch result {
        case .declined(let code): return code
        case .posted(.committed): return .approved
        case .posted(.rejected(.exceedsCredits)): return .insufficientFunds
        case .posted(.rejected(.balanceOverflow)): return .invalidAmount
        case .posted(.rejected(.idReusedWithDifferentBody)): return .duplicateTransmission
        case .posted(.rejected(let reason)):
            logger.error("ledger refused card transfer \(transfer.id) for card …\(lastFour): \(reason)")
            return .systemMalfunction
        case .failed(let error):
            logger.error("ledger unavailable for card …\(lastFour): \(error)")
            return .issuerInoperative
        }
    }

    /// Queues a transfer; true when no drain is running, so the caller starts one.
    private static func enqueue(_ pending: PendingCommit, in state: inout IssuerHostState) -> Bool {
        state.commitQueue.append(pending)
        guard !state.isDraining else { return false }
        state.isDraining = true
        return true
    }

    private func startDraining() {
        Task { await self.drainCommits() }
    }

    /// Posts the queue in batches until it is empty: every transfer queued while a batch is being written goes into
    /// the next one, so one durable commit carries all of them.
    private func drainCommits() async {
        let batchSizeMax = backend.batchSizeMax
        while true {
            let batch = state.withLock { state -> [PendingCommit] in
                if state.commitQueue.isEmpty {
                    state.isDraining = false
                    return []
                }
                if state.commitQueue.count <= batchSizeMax {
                    defer { state.commitQueue = [] }
                    return state.commitQueue
                }
                defer { state.commitQueue.removeFirst(batchSizeMax) }
                return Array(state.commitQueue.prefix(batchSizeMax))
            }
            guard !batch.isEmpty else { return }
            do {
                let outcomes = try await backend.post(batch.map(\.transfer))
                precondition(outcomes.count == batch.count, "the ledger answers every transfer of a batch")
                for (pending, outcome) in zip(batch, outcomes) { pending.continuation.resume(returning: .posted(outcome)) }
            } catch {
                for pending in batch { pending.continuation.resume(returning: .failed(error)) }
            }
        }
    }
}
