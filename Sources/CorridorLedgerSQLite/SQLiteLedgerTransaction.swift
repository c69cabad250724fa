import CorridorLedger
import GRDB

/// One write transaction of the SQLite backend: loads the rows a batch touches into a ``LedgerBook``, lets the book
/// apply the rules, and writes its ``LedgerChanges`` back with cached statements.
///
/// Used only inside `BEGIN IMMEDIATE … COMMIT` on the writer connection; the caller commits or rolls back, and
/// updates the ``SQLiteAccountCache`` with ``committedEntries`` only after the commit succeeded.
struct SQLiteLedgerTransaction {
    private let db: Database
    /// The rows loaded so far, and the rules.
    var book: LedgerBook
    /// Account numbers (rowids) of every account loaded or created.
    private var numbers: [AccountID: Int64] = [:]
    /// Ids looked up in `transfer` already (found or not).
    private var lookedUp: Set<TransferID> = []

    /// Starts on a connection inside a write transaction: validates the cache and reads the next sequence number.
    init(db: Database, cache: inout SQLiteAccountCache) throws {
        self.db = db
        let dataVersion = try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
        cache.validate(dataVersion: dataVersion)
        let lastSequence = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(sequence) FROM transfer")) ?? 0
        book = LedgerBook(nextSequence: UInt64(lastSequence) + 1)
    }

    // MARK: Loading

    /// Loads these accounts (those that exist) from the cache or the file.
    mutating func loadAccounts(_ ids: some Sequence<AccountID>, cache: inout SQLiteAccountCache) throws {
        let select = try db.cachedStatement(sql: "SELECT \(SQLiteRowCodec.accountColumns) FROM account WHERE id = ?")
        for id in ids where numbers[id] == nil {
            if let entry = cache.entries[id] {
                book.load(entry.account, balance: entry.balance)
                numbers[id] = entry.number
                continue
            }
            guard let row = try Row.fetchOne(select, arguments: [SQLiteRowCodec.data(id)]) else { continue }
            let (number, account, balance) = try SQLiteRowCodec.account(from: row)
            book.load(account, balance: balance)
            numbers[id] = number
            cache.store(.init(number: number, account: account, balance: balance))
        }
    }

    /// Loads the record with this id, when there is one and it is not loaded yet.
    mutating func loadRecord(_ id: TransferID) throws {
        guard lookedUp.insert(id).inserted else { return }
        // Almost every id in a batch is new: probe the index cheaply, read the row only when there is one.
        let probe = try SQLiteFastStatement(db, sql: "SELECT 1 FROM transfer WHERE id = ?")
        probe.bind(id, at: 1)
        guard try probe.hasRow() else { return }
        let select = try db.cachedStatement(sql: "SELECT \(SQLiteRowCodec.transferColumns) FROM transfer WHERE id = ?")
        if let row = try Row.fetchOne(select, arguments: [SQLiteRowCodec.data(id)]) {
            book.load(try SQLiteRowCodec.record(from: row))
        }
    }

    /// Loads the open pending transfers whose timeout is at or before `nowMs`, and their accounts.
    /// - Returns: how many were found.
    @discardableResult
    mutating func loadDuePending(nowMs: Int64, cache: inout SQLiteAccountCache) throws -> Int {
        let select = try db.cachedStatement(sql: """
            SELECT \(SQLiteRowCodec.transferColumns) FROM transfer
            WHERE pending_state = 0 AND expires_at_ms IS NOT NULL AND expires_at_ms <= ?
            """)
        var accountIDs: [AccountID] = []
        var count = 0
        let rows = try Row.fetchCursor(select, arguments: [nowMs])
        while let row = try rows.next() {
            let record = try SQLiteRowCodec.record(from: row)
            lookedUp.insert(record.transfer.id)
            book.load(record)
            for leg in record.transfer.legs { accountIDs += [leg.debit, leg.credit] }
            count += 1
        }
        try loadAccounts(accountIDs, cache: &cache)
        return count
    }

    /// Loads everything a batch of transfers reads: existing records with their ids, the pending transfers they
    /// post or void, and every account their legs (or those pending transfers' legs) name.
    mutating func load(for transfers: [Transfer], cache: inout SQLiteAccountCache) throws {
        for transfer in transfers {
            try loadRecord(transfer.id)
            if let pendingID = transfer.kind.pendingID { try loadRecord(pendingID) }
        }
        try loadAccounts(LedgerBook.accountIDs(touchedBy: transfers, records: book.records), cache: &cache)
    }

    // MARK: Writing

    /// Writes the book's changes: new accounts, balances, records, history rows and pending states.
    mutating func writeChanges() throws {
        let changes = book.changes
        if !changes.createdAccounts.isEmpty {
            let insert = try db.cachedStatement(sql: """
                INSERT INTO account (id, currency, owner, kind, flags, user_data) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for account in changes.createdAccounts {
                try insert.execute(arguments: [
                    SQLiteRowCodec.data(account.id), account.currency.alphaCode, account.owner, account.kind.rawValue,
                    Int64(account.flags.rawValue), account.userData,
                ])
                numbers[account.id] = db.lastInsertedRowID
            }
        }
        if !changes.touchedAccountIDs.isEmpty {
            let update = try SQLiteFastStatement(db, sql: """
                UPDATE account SET debits_posted = ?, credits_posted = ?, debits_pending = ?, credits_pending = ?
                WHERE number = ?
                """)
            // In rowid order, so the b-tree is walked forward once.
            let touched = changes.touchedAccountIDs.map { id -> (Int64, AccountBalance) in
                guard let balance = book.balances[id], let number = numbers[id] else {
                    preconditionFailure("a touched account was loaded or created in this transaction")
                }
                return (number, balance)
            }.sorted { $0.0 < $1.0 }
            for (number, balance) in touched {
                update.bind(balance.debitsPosted, at: 1)
                update.bind(balance.creditsPosted, at: 2)
                update.bind(balance.debitsPending, at: 3)
                update.bind(balance.creditsPending, at: 4)
                update.bind(number, at: 5)
                try update.run()
            }
        }
        if !changes.newRecordIDs.isEmpty {
            let insert = try SQLiteFastStatement(db, sql: """
                INSERT INTO transfer (\(SQLiteRowCodec.transferColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertHistory = try SQLiteFastStatement(db, sql: """
                INSERT INTO account_transfer (account, sequence) VALUES (?, ?)
                """)
            var accounts: [Int64] = []
            for id in changes.newRecordIDs {
                guard let record = book.records[id] else { preconditionFailure("a new record is in the book") }
                try SQLiteRowCodec.bind(record, to: insert)
                try insert.run()
                accounts.removeAll(keepingCapacity: true)
                for leg in record.appliedLegs {
                    for account in [leg.debit, leg.credit] {
                        guard let number = numbers[account] else { preconditionFailure("a leg's account was loaded") }
                        if !accounts.contains(number) { accounts.append(number) }
                    }
                }
                let sequence = Int64(record.sequence)
                for number in accounts {
                    insertHistory.bind(number, at: 1)
                    insertHistory.bind(sequence, at: 2)
                    try insertHistory.run()
                }
            }
        }
        let newIDs = Set(changes.newRecordIDs)
        let changedPending = changes.changedPendingIDs.filter { !newIDs.contains($0) }
        if !changedPending.isEmpty {
            let update = try db.cachedStatement(sql: "UPDATE transfer SET pending_state = ? WHERE id = ?")
            for id in changedPending {
                guard let state = book.records[id]?.pendingState else { preconditionFailure("a changed pending is loaded") }
                try update.execute(arguments: [SQLiteRowCodec.number(state), SQLiteRowCodec.data(id)])
            }
        }
    }

    /// The cache entries of every account this transaction created or changed, to store once it committed.
    var committedEntries: [SQLiteAccountCache.Entry] {
        let changes = book.changes
        var entries: [SQLiteAccountCache.Entry] = []
        var ids = changes.touchedAccountIDs
        for account in changes.createdAccounts { ids.insert(account.id) }
        for id in ids {
            guard let number = numbers[id], let account = book.accounts[id], let balance = book.balances[id] else {
                continue
            }
            entries.append(.init(number: number, account: account, balance: balance))
        }
        return entries
    }
}
