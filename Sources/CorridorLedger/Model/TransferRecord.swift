import Foundation

/// A committed transfer as the ledger keeps it: the request, when and in which order it was committed, the legs it
/// actually moved, and — for a pending transfer — what became of it.
public struct TransferRecord: Sendable, Hashable, Codable {
    /// The fields that never change, behind one reference: a record in a dictionary of millions then moves as 16
    /// bytes instead of 160 when the dictionary grows (the in-memory backend's hottest cost).
    private final class Storage: Sendable {
        let transfer: Transfer
        let sequence: UInt64
        let timestampMs: Int64
        let appliedLegs: [TransferLeg]
        let expiresAtMs: Int64?

        init(transfer: Transfer, sequence: UInt64, timestampMs: Int64, appliedLegs: [TransferLeg], expiresAtMs: Int64?) {
            self.transfer = transfer
            self.sequence = sequence
            self.timestampMs = timestampMs
            self.appliedLegs = appliedLegs
            self.expiresAtMs = expiresAtMs
        }
    }

    private let storage: Storage

    /// The request as submitted (its body decides idempotent replays).
    public var transfer: Transfer { storage.transfer }
    /// Commit order: strictly increasing across the whole ledger, the cursor for ``SettlementBackend/history(of:after:limit:)``.
    public var sequence: UInt64 { storage.sequence }
    /// When it was committed, in milliseconds since 1970 (the backend's clock).
    public var timestampMs: Int64 { storage.timestampMs }
    /// The legs this record moved: the request's legs for single/pending; the pending transfer's legs with the
    /// amounts posted (or released, for a void) for post/void.
    public var appliedLegs: [TransferLeg] { storage.appliedLegs }
    /// For a pending transfer: open, posted, voided or expired. Nil for other kinds.
    public var pendingState: PendingState?
    /// For a pending transfer with a timeout: when it expires, in milliseconds since 1970.
    public var expiresAtMs: Int64? { storage.expiresAtMs }

    /// Creates a record.
    public init(
        transfer: Transfer, sequence: UInt64, timestampMs: Int64, appliedLegs: [TransferLeg],
        pendingState: PendingState?, expiresAtMs: Int64?
    ) {
        storage = Storage(
            transfer: transfer, sequence: sequence, timestampMs: timestampMs, appliedLegs: appliedLegs,
            expiresAtMs: expiresAtMs
        )
        self.pendingState = pendingState
    }

    public static func == (lhs: TransferRecord, rhs: TransferRecord) -> Bool {
        guard lhs.pendingState == rhs.pendingState else { return false }
        if lhs.storage === rhs.storage { return true }
        return lhs.transfer == rhs.transfer && lhs.sequence == rhs.sequence && lhs.timestampMs == rhs.timestampMs
            && lhs.appliedLegs == rhs.appliedLegs && lhs.expiresAtMs == rhs.expiresAtMs
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(transfer)
        hasher.combine(sequence)
        hasher.combine(timestampMs)
        hasher.combine(appliedLegs)
        hasher.combine(pendingState)
        hasher.combine(expiresAtMs)
    }

    // The same keys and optional handling as a synthesized conformance.
    private enum CodingKeys: String, CodingKey {
        case transfer, sequence, timestampMs, appliedLegs, pendingState, expiresAtMs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            transfer: try container.decode(Transfer.self, forKey: .transfer),
            sequence: try container.decode(UInt64.self, forKey: .sequence),
            timestampMs: try container.decode(Int64.self, forKey: .timestampMs),
            appliedLegs: try container.decode([TransferLeg].self, forKey: .appliedLegs),
            pendingState: try container.decodeIfPresent(PendingState.self, forKey: .pendingState),
            expiresAtMs: try container.decodeIfPresent(Int64.self, forKey: .expiresAtMs)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(transfer, forKey: .transfer)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(timestampMs, forKey: .timestampMs)
        try container.encode(appliedLegs, forKey: .appliedLegs)
        try container.encodeIfPresent(pendingState, forKey: .pendingState)
        try container.encodeIfPresent(expiresAtMs, forKey: .expiresAtMs)
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
