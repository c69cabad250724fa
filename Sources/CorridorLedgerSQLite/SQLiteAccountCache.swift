import CorridorLedger

/// The accounts and balances the writer connection has read or written, so a batch does not re-read them.
///
/// Accounts never change after creation; balances change only through this writer. Another process writing the
/// same file would make the cache stale, so every batch compares SQLite's `PRAGMA data_version` (which changes when
/// another connection commits) inside its write transaction and drops the cache when it moved. A failed batch drops
/// it too, since its writes were rolled back. The same goes for the history postings of the current epoch.
struct SQLiteAccountCache {
    /// One cached account.
    struct Entry {
        /// The `account.number` (rowid) that `account_transfer` rows use.
        let number: Int64
        let account: Account
        var balance: AccountBalance
    }

    /// The most accounts kept; past it the cache starts over (memory stays bounded on huge ledgers).
    static let entryCountMax = 1_000_000

    private(set) var entries: [AccountID: Entry] = [:]
    /// `PRAGMA data_version` of the writer connection when the entries were last known to be current.
    private(set) var dataVersion: Int64?
    /// The postings of the history epoch being written (see ``SQLiteHistory``).
    var history = SQLiteHistory.Buffer()

    /// Keeps the entries only if nobody else committed since `dataVersion`.
    mutating func validate(dataVersion current: Int64) {
        if dataVersion != current {
            entries.removeAll(keepingCapacity: true)
            history.reset()
        }
        dataVersion = current
    }

    /// Forgets everything (after a rollback or an error).
    mutating func invalidate() {
        entries.removeAll()
        dataVersion = nil
        history.reset()
    }

    /// Remembers an account as committed.
    mutating func store(_ entry: Entry) {
        if entries.count >= Self.entryCountMax, entries[entry.account.id] == nil { entries.removeAll() }
        entries[entry.account.id] = entry
    }

    /// Updates a cached balance after a commit.
    mutating func update(_ balance: AccountBalance) {
        entries[balance.id]?.balance = balance
    }
}
