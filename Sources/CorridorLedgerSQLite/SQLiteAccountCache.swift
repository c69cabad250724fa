import CorridorLedger

/// The accounts and balances the writer connection has read or written, so a batch does not re-read them.
///
/// Accounts never change after creation; balances change only through this writer. Another process writing the
/// same file would make the cache stale, so every batch compares SQLite's `PRAGMA data_version` (which changes when
/// another connection commits) inside its write transaction and drops the cache when it moved. A failed batch drops
/// it too, since its writes were rolled back. The same goes for the history postings of the current epoch.
///
/// Accounts and balances are kept in two ``LedgerIdentifierMap``s (not one `Dictionary` of entries): a committed
/// batch updates ~2 balances per transfer, and a balance is a plain value, so updating it hashes cheaply and copies no
/// account (whose strings would be retained).
struct SQLiteAccountCache {
    /// One cached account.
    struct Entry {
        /// The `account.number` (rowid).
        let number: Int64
        let account: Account
        var balance: AccountBalance
    }

    /// A cached account without its balance.
    struct Stored {
        let number: Int64
        let account: Account
    }

    /// The most accounts kept; past it the cache starts over (memory stays bounded on huge ledgers).
    static let entryCountMax = 1_000_000

    private(set) var accounts = LedgerIdentifierMap<Stored>()
    /// The balance of every account in `accounts`, and only those.
    private(set) var balances = LedgerIdentifierMap<AccountBalance>()
    /// `PRAGMA data_version` of the writer connection when the entries were last known to be current.
    private(set) var dataVersion: Int64?
    /// The postings of the history epoch being written (see ``SQLiteHistory``).
    var history = SQLiteHistory.Buffer()

    /// The cached account `id` with its balance, or nil.
    func entry(_ id: AccountID) -> Entry? {
        guard let stored = accounts[id], let balance = balances[id] else { return nil }
        return Entry(number: stored.number, account: stored.account, balance: balance)
    }

    /// Keeps the entries only if nobody else committed since `dataVersion`.
    mutating func validate(dataVersion current: Int64) {
        if dataVersion != current {
            removeEntries()
            history.reset()
        }
        dataVersion = current
    }

    /// Forgets everything (after a rollback or an error).
    mutating func invalidate() {
        removeEntries()
        dataVersion = nil
        history.reset()
    }

    /// Remembers an account as committed.
    mutating func store(_ entry: Entry) {
        if accounts.count >= Self.entryCountMax, accounts[entry.account.id] == nil { removeEntries() }
        accounts[entry.account.id] = Stored(number: entry.number, account: entry.account)
        balances[entry.account.id] = entry.balance
    }

    /// Updates a cached balance after a commit; an account that is not cached stays out.
    mutating func update(_ balance: AccountBalance) {
        guard balances[balance.id] != nil else { return }
        balances[balance.id] = balance
    }

    private mutating func removeEntries() {
        accounts = LedgerIdentifierMap()
        balances = LedgerIdentifierMap()
    }
}
