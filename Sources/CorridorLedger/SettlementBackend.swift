/// The double-entry ledger every payment ends on (DESIGN.md §4): one protocol, shared by the gateway and the
/// digital-ruble model, implemented in memory, on SQLite and on PostgreSQL.
///
/// Guarantees every implementation gives (checked by `LedgerConformance` in CorridorTesting):
/// - Each transfer is atomic: all its legs apply or none does; a rejection changes nothing.
/// - A batch is one durable commit: when `post` returns, every committed outcome survives a crash.
/// - Idempotency by id: the same id with the same body returns the original outcome; with another body it is
///   rejected with ``TransferRejection/idReusedWithDifferentBody``. Rejections are not recorded.
/// - Transfers in one batch apply in order and see each other's effects.
/// - Open pending transfers whose timeout passed are expired (holds released) before any batch is applied.
public protocol SettlementBackend: Sendable {
    /// The most transfers (or accounts) one call accepts.
    var batchSizeMax: Int { get }

    /// Creates accounts; an account that exists with the same description counts as created.
    /// - Throws: ``LedgerError`` when the batch is too large or the store fails; then nothing was created.
    func createAccounts(_ accounts: [Account]) async throws -> [AccountOutcome]

    /// Applies transfers in order, each atomically, the batch in one durable commit.
    /// - Returns: one outcome per transfer, in order.
    /// - Throws: ``LedgerError`` when the batch is too large or the store fails; then nothing was applied.
    func post(_ transfers: [Transfer]) async throws -> [TransferOutcome]

    /// The accounts with these ids; unknown ids are left out.
    func accounts(_ ids: [AccountID]) async throws -> [Account]

    /// All accounts in id order, after a cursor, at most `limit`.
    func allAccounts(after cursor: AccountID?, limit: Int) async throws -> [Account]

    /// Current balances; unknown ids are left out.
    func balances(of ids: [AccountID]) async throws -> [AccountBalance]

    /// The committed records of these transfers; unknown ids are left out.
    func lookup(transfers ids: [TransferID]) async throws -> [TransferRecord]

    /// The records that touched an account, in commit order, with `sequence` greater than `cursor`.
    func history(of account: AccountID, after cursor: UInt64?, limit: Int) async throws -> [TransferRecord]

    /// Every record in commit order after a cursor, at most `limit` (for export and audits).
    func allTransfers(after cursor: UInt64?, limit: Int) async throws -> [TransferRecord]

    /// Expires open pending transfers whose timeout has passed, releasing their holds.
    /// - Returns: how many expired.
    func expirePendingTransfers() async throws -> Int

    /// Checks the invariants: per currency debits = credits; no flagged account over its limit; balances equal
    /// the sum of postings; every pending transfer open, posted, voided or expired consistently.
    func verify() async throws -> LedgerVerification
}

extension SettlementBackend {
    /// The balance of one account, or nil when it does not exist.
    public func balance(of id: AccountID) async throws -> AccountBalance? {
        try await balances(of: [id]).first
    }

    /// The default batch limit (TigerBeetle's: 8190).
    public static var defaultBatchSizeMax: Int { 8190 }
}
