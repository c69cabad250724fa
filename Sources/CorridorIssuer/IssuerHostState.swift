import CorridorISO8583
import CorridorLedger

/// Everything an ``IssuerHost`` changes while it answers, kept behind one lock.
///
/// Only short, non-suspending steps run under the lock (dictionary look-ups and updates, a counter); parsing,
/// tokenizing, hashing, building messages and waiting for the ledger happen outside it, so requests for different
/// cards are decided on every core at once.
///
/// Guarantees: a card's status, its daily total and the group-commit queue change in one critical section per
/// request, so a debit is counted against the daily limit and queued for the ledger in the same step, and the
/// ledger sees one card's debits in the order they were admitted.
struct IssuerHostState {
    /// Statuses changed since start (``IssuerHost/setStatus(_:ofCardWithToken:)``), by card token.
    var statuses: [String: CardStatus] = [:]
    var codes: ApprovalCodeGenerator
    var transactions: [CardTransactionKey: IssuerHost.TransactionEntry] = [:]
    /// Keys in the order they were first seen, with when, for dropping them after the duplicate window.
    var transactionOrder: [(key: CardTransactionKey, atMs: Int64)] = []
    var transactionOrderHead = 0
    var dailyTotals: [IssuerHost.DailyTotalKey: Int64] = [:]
    var reversedKeys: Set<CardTransactionKey> = []
    /// Requests waiting for the decision on a key still being decided (retransmissions, reversals, completions).
    var waiters: [CardTransactionKey: [CheckedContinuation<IssuerHost.Decision?, Never>]] = [:]
    /// Transfers waiting for the next group commit.
    var commitQueue: [IssuerHost.PendingCommit] = []
    /// True while a drain task is posting batches; it clears this when it finds the queue empty.
    var isDraining = false

    /// Drained transaction-order entries kept before the array is compacted.
    static let transactionOrderSlackMax = 4096

    init(codes: ApprovalCodeGenerator) {
        self.codes = codes
    }

    /// Records a key first seen now, and forgets keys older than the duplicate window.
    mutating func remember(
        _ key: CardTransactionKey, _ entry: IssuerHost.TransactionEntry, nowMs: Int64, windowSeconds: Int64
    ) {
        transactions[key] = entry
        transactionOrder.append((key, nowMs))
        let horizon = nowMs - windowSeconds * 1000
        while transactionOrderHead < transactionOrder.count, transactionOrder[transactionOrderHead].atMs < horizon {
            transactions[transactionOrder[transactionOrderHead].key] = nil
            transactionOrderHead += 1
        }
        if transactionOrderHead > Self.transactionOrderSlackMax, transactionOrderHead * 2 > transactionOrder.count {
            transactionOrder.removeFirst(transactionOrderHead)
            transactionOrderHead = 0
        }
    }

    /// A card's status now: the one set since start, else the portfolio's.
    func status(of card: IssuedCard) -> CardStatus {
        statuses[card.token.token] ?? card.status
    }
}
