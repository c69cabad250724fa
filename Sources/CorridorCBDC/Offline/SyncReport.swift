import CorridorLedger

/// What one ``OfflineSync/sync(_:)`` did: an outcome per transfer, in input order, and what it found.
public struct SyncReport: Sendable, Hashable {
    /// One result per input transfer, in input order.
    public var results: [OfflineSyncResult]
    /// Conflicts found by this sync (also kept in ``OfflineSync/conflicts``).
    public var conflicts: [OfflineConflict]
    /// Counter gaps this sync opened: transfers above the highest counter seen so far with counters missing below.
    public var gaps: [OfflineCounterGap]
    /// Wallets this sync flagged that were not flagged before.
    public var newlyFlaggedWallets: Set<WalletID>

    /// Creates an empty report.
    public init() {
        results = []
        conflicts = []
        gaps = []
        newlyFlaggedWallets = []
    }

    /// Kopecks moved from reserves to payee wallets by this sync.
    public var postedMinorUnits: Int64 { results.reduce(0) { $0 + $1.outcome.postedMinorUnits } }

    /// How many transfers were posted (in full or in part).
    public var postedCount: Int { results.count { $0.outcome.postedMinorUnits > 0 } }

    /// How many were replays of transfers already handled.
    public var duplicateCount: Int { results.count { $0.outcome == .duplicate } }

    /// How many were rejected.
    public var rejectedCount: Int {
        results.count { if case .rejected = $0.outcome { true } else { false } }
    }
}

/// The outcome of one transfer in a sync.
public struct OfflineSyncResult: Sendable, Hashable {
    /// The transfer's hash.
    public let transferHash: OfflineTransferHash
    /// What happened to it.
    public let outcome: OfflineSyncOutcome

    /// Creates a result.
    public init(transferHash: OfflineTransferHash, outcome: OfflineSyncOutcome) {
        self.transferHash = transferHash
        self.outcome = outcome
    }
}

/// What a sync did with one transfer.
public enum OfflineSyncOutcome: Sendable, Hashable {
    /// Posted in full: reserve → payee wallet.
    case posted(amountMinorUnits: Int64)
    /// The reserve covered only part: that part was posted, the payee is short by `shortfallMinorUnits`.
    case partiallyPosted(amountMinorUnits: Int64, shortfallMinorUnits: Int64)
    /// The reserve was empty: nothing posted; remembered, so a replay is a duplicate.
    case unfunded(shortfallMinorUnits: Int64)
    /// Handled by an earlier sync (or earlier in this one): nothing more was posted.
    case duplicate
    /// Not accepted; nothing posted and nothing remembered.
    case rejected(OfflineSyncRejection)

    /// The kopecks this outcome moved.
    public var postedMinorUnits: Int64 {
        switch self {
        case .posted(let amount), .partiallyPosted(let amount, _): amount
        case .unfunded, .duplicate, .rejected: 0
        }
    }
}

/// Why a sync did not accept a transfer. None of these flags the payer: anyone can send garbage.
public enum OfflineSyncRejection: Sendable, Hashable, CustomStringConvertible {
    /// The payer device is not registered.
    case deviceUnknown(OfflineDeviceID)
    /// The payer wallet is not the one the device is registered to.
    case payerWalletMismatch
    /// The signature does not verify under the device's key (forged or tampered).
    case signatureInvalid
    /// The payee wallet has no RUB account on the ledger.
    case payeeWalletUnknown(WalletID)
    /// The ledger rejected the posting (a concurrent change to the reserve); syncing again retries.
    case ledger(TransferRejection)

    /// A stable snake_case code.
    public var code: String {
        switch self {
        case .deviceUnknown: "device_unknown"
        case .payerWalletMismatch: "payer_wallet_mismatch"
        case .signatureInvalid: "signature_invalid"
        case .payeeWalletUnknown: "payee_wallet_unknown"
        case .ledger(let rejection): "ledger_" + rejection.code
        }
    }

    public var description: String {
        switch self {
        case .deviceUnknown(let device): "device \(device) is not registered"
        case .payerWalletMismatch: "payer wallet differs from the device's registered wallet"
        case .signatureInvalid: "signature does not verify"
        case .payeeWalletUnknown(let wallet): "payee wallet \(wallet) not found"
        case .ledger(let rejection): "ledger rejected the posting: \(rejection)"
        }
    }
}

/// Evidence that a device spent the same funds twice. The payer's wallet is flagged.
public struct OfflineConflict: Sendable, Hashable {
    /// The payer wallet (flagged).
    public let payerWallet: WalletID
    /// The payer device.
    public let device: OfflineDeviceID
    /// The counter of the transfer that conflicts.
    public let counter: UInt64
    /// The transfer that conflicts (a later arrival; the first posted stands).
    public let transferHash: OfflineTransferHash
    /// How it conflicts.
    public let kind: OfflineConflictKind

    /// Creates a conflict record.
    public init(
        payerWallet: WalletID, device: OfflineDeviceID, counter: UInt64, transferHash: OfflineTransferHash,
        kind: OfflineConflictKind
    ) {
        self.payerWallet = payerWallet
        self.device = device
        self.counter = counter
        self.transferHash = transferHash
        self.kind = kind
    }
}

/// The kinds of double spend a sync detects.
public enum OfflineConflictKind: Sendable, Hashable {
    /// Another transfer with the same device and counter was accepted first (`standing`).
    case counterReused(standing: OfflineTransferHash)
    /// The hash chain breaks between this transfer and its accepted neighbour `neighbour` (counter ± 1): the device
    /// signed two histories.
    case chainBroken(neighbour: OfflineTransferHash)
    /// The reserve could not cover the transfer: short by `shortfallMinorUnits`.
    case exceedsReserve(shortfallMinorUnits: Int64)
}

/// Counters missing below a transfer when it arrived (allowed: payees sync independently).
public struct OfflineCounterGap: Sendable, Hashable {
    /// The device.
    public let device: OfflineDeviceID
    /// The counters not yet seen.
    public let missing: ClosedRange<UInt64>

    /// Creates a gap record.
    public init(device: OfflineDeviceID, missing: ClosedRange<UInt64>) {
        self.device = device
        self.missing = missing
    }
}
