import CorridorCore
import CorridorLedger

/// A wallet's offline reserve bound to one device key: the ledger account offline transfers of that device are
/// paid from at sync (DESIGN.md §5). Funding moves digital rubles wallet → reserve; releasing moves them back.
///
/// Guarantees: each movement is one atomic single-leg transfer between the wallet and the reserve, so the wallet
/// plus its reserves never changes by funding or releasing; a movement is idempotent by its key (the same key and
/// amount returns the original outcome, the same key with another amount is rejected with
/// ``TransferRejection/idReusedWithDifferentBody``); neither account can go below zero (both carry
/// ``AccountFlags/debitsMustNotExceedCredits``).
///
/// Release only what the device has not spent: the platform cannot know about transfers that have not been
/// synced yet, and releasing funds they need makes them exceed the reserve (a double spend the payer is flagged
/// for). A device returns its unspent balance safely by paying its own wallet (``OfflineDevice/pay(_:to:payeeDevice:timestampMs:)``),
/// which the sync posts in counter order.
public struct OfflineReserve: Sendable {
    /// The wallet that funds the reserve.
    public let wallet: WalletID
    /// The device the reserve is bound to.
    public let device: OfflineDeviceID
    /// The ledger the accounts live on.
    public let backend: any SettlementBackend

    /// Describes the reserve of `wallet` for `device` on `backend`.
    public init(wallet: WalletID, device: OfflineDeviceID, backend: any SettlementBackend) {
        self.wallet = wallet
        self.device = device
        self.backend = backend
    }

    /// The reserve's ledger account id.
    public var accountID: AccountID { CBDCAccounts.offlineReserve(of: wallet, device: device.hex) }

    /// The reserve's account description (RUB, kind `.wallet`, never overdrawn).
    public var account: Account {
        Account(
            id: accountID, currency: OfflineTransfer.currency, owner: wallet, kind: .wallet,
            flags: .debitsMustNotExceedCredits, userData: "offline reserve, device \(device.hex)"
        )
    }

    /// Creates the reserve account (nothing happens when it exists already).
    /// - Returns: the ledger's outcome.
    /// - Throws: ``LedgerError`` when the store fails.
    @discardableResult
    public func open() async throws -> AccountOutcome {
        try await backend.createAccounts([account])[0]
    }

    /// Moves `amountMinorUnits` kopecks from the wallet into the reserve, opening the reserve first if needed.
    /// - Parameters:
    ///   - amountMinorUnits: kopecks, positive.
    ///   - idempotencyKey: names this funding (at most 100 UTF-8 bytes); retries with the same key do nothing more.
    /// - Returns: `.committed`, or the ledger's rejection (e.g. ``TransferRejection/exceedsCredits(_:)`` when the
    ///   wallet holds less).
    /// - Throws: ``LedgerError`` when the store fails.
    public func fund(_ amountMinorUnits: Int64, idempotencyKey: String) async throws -> TransferOutcome {
        if case .rejected(let rejection) = try await open() {
            preconditionFailure("offline reserve account \(accountID) cannot be created: \(rejection)")
        }
        return try await move(amountMinorUnits, from: CBDCAccounts.wallet(wallet), to: accountID,
                              key: "offline-fund/\(wallet)/\(device.hex)/\(idempotencyKey)",
                              reference: "fund/\(idempotencyKey)")
    }

    /// Moves `amountMinorUnits` kopecks from the reserve back to the wallet.
    /// - Parameters:
    ///   - amountMinorUnits: kopecks, positive.
    ///   - idempotencyKey: names this release (at most 100 UTF-8 bytes).
    /// - Returns: `.committed`, or the ledger's rejection (``TransferRejection/exceedsCredits(_:)`` when the reserve
    ///   holds less).
    /// - Throws: ``LedgerError`` when the store fails.
    public func release(_ amountMinorUnits: Int64, idempotencyKey: String) async throws -> TransferOutcome {
        try await move(amountMinorUnits, from: accountID, to: CBDCAccounts.wallet(wallet),
                       key: "offline-release/\(wallet)/\(device.hex)/\(idempotencyKey)",
                       reference: "release/\(idempotencyKey)")
    }

    /// What the reserve holds, in kopecks (0 when it was never opened).
    /// - Throws: ``LedgerError`` when the store fails.
    public func balanceMinorUnits() async throws -> Int64 {
        try await backend.balance(of: accountID)?.available.minorUnits ?? 0
    }

    private func move(
        _ amountMinorUnits: Int64, from debit: AccountID, to credit: AccountID, key: String, reference: String
    ) async throws -> TransferOutcome {
        let transfer = Transfer.single(
            id: CBDCAccounts.transferID(key), debit: debit, credit: credit,
            amount: Money(minorUnits: amountMinorUnits, currency: OfflineTransfer.currency),
            userData: TransferUserData(paymentID: String(device.hex), rail: "cbdc-offline", reference: reference)
        )
        return try await backend.post([transfer])[0]
    }
}
