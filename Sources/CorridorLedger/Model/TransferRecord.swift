import Foundation

/// A committed transfer as the ledger keeps it: the request, when and in which order it was committed, the legs it
/// actually moved, and — for a pending transfer — what became of it.
public struct TransferRecord: Sendable, Hashable, Codable {
    /// The request as submitted (its body decides idempotent replays).
    public let transfer: Transfer
    /// Commit order: strictly increasing across the whole ledger, the cursor for ``SettlementBackend/history(of:after:limit:)``.
    public let sequence: UInt64
    /// When it was committed, in milliseconds since 1970 (the backend's clock).
    public let timestampMs: Int64
    /// The legs this record moved: the request's legs for single/pending; the pending transfer's legs with the
    /// amounts posted (or released, for a void) for post/void.
    public let appliedLegs: [TransferLeg]
    /// For a pending transfer: open, posted, voided or expired. Nil for other kinds.
    public var pendingState: PendingState?
    /// For a pending transfer with a timeout: when it expires, in milliseconds since 1970.
    public let expiresAtMs: Int64?

    /// Creates a record.
    public init(
        transfer: Transfer, sequence: UInt64, timestampMs: Int64, appliedLegs: [TransferLeg],
        pendingState: PendingState?, expiresAtMs: Int64?
    ) {
        self.transfer = transfer
        self.sequence = sequence
        self.timestampMs = timestampMs
        self.appliedLegs = appliedLegs
        self.pendingState = pendingState
        self.expiresAtMs = expiresAtMs
    }
}

/// What became of a pending transfer.
public enum PendingState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Still holding its amounts.
    case open
    /// Posted (in full or in part) by a post-pending transfer.
    case posted
    /// Released by a void-pending transfer.
    case voided
    /// Released because its timeout passed.
    case expired
}
