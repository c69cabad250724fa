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
    /// Account numbers (rowids) of every account loaded or created; ``missingNumber`` for an id looked up and not
    /// found.
    private var numbers = LedgerIdentifierMap<Int64>()
    /// The number noted for an account id that is not in the file (rowids are positive).
    private static let missingNumber: Int64 = -1
    /// Ids looked up in `transfer` already (found or not).
    private var lookedUp: Set<TransferID> = []
    /// The last committed sequence when the transaction started.
    private let lastSequence: Int64
    /// `history_epoch_bits` of the file.
    private let historyEpochBits: Int
    /// The balances ``writeChanges(cache:)`` wrote, for ``committedToCache``.
    private var committedBalances: [AccountBalance] = []
    /// When true, a batch's own transfer ids are not probed before applying (see ``load(for:cache:)``).
    let isOptimistic: Bool

    /// Thrown when an optimistic batch meets an id that is already stored: the caller rolls back and runs the batch
    /// again, probing every id.
    struct StoredIDFound: Error {}

    /// Starts on a connection inside a write transaction: validates the cache and reads the next sequence number.
    init(db: Database, cache: inout SQLiteAccountCache, historyEpochBits: Int, isOptimistic: Bool) throws {
        self.db = db
        self.historyEpochBits = historyEpochBits
        self.isOptimistic = isOptimistic
        let dataVersion = try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
        cache.validate(dataVersion: dataVersion)
        lastSequence = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(sequence) FROM transfer")) ?? 0
        book = LedgerBook(nextSequence: UInt64(lastSequence) + 1)
    }

    // MARK: Loading

    /// Loads these accounts (those that exist) from the cache or the file.
    /// Ids may repeat: each is looked up once per transaction.
    mutating func loadAccounts(_ ids: some Sequence<AccountID>, cache: inout SQLiteAccountCache) throws {
        for id in ids { try loadAccount(id, cache: &cache) }
    }

    /// Loads one account (when it exists and is not loaded yet) from the cache or the file.
    private mutating func loadAccount(_ id: AccountID, cache: inout SQLiteAccountCache) throws {
        guard numbers[id] == nil else { return }
        if let entry = cache.entry(id) {
            book.load(entry.account, balance: entry.balance)
            numbers[id] = entry.number
            return
        }
        let select = try db.cachedStatement(sql: SQLiteRowCodec.selectAccountByIDSQL)
        guard let row = try Row.fetchOne(select, arguments: [SQLiteRowCodec.data(id)]) else {
            numbers[id] = Self.missingNumber
            return
        }
        let (number, account, balance) = try SQLiteRowCodec.account(from: row)
        book.load(account, balance: balance)
        numbers[id] = number
        cache.store(.init(number: number, account: account, balance: balance))
    }

    /// Whether `transfer` holds a record with this id.
    func isStored(_ id: TransferID) throws -> Bool {
        let probe = try SQLiteFastStatement(db, sql: "SELECT 1 FROM transfer WHERE id = ?")
        probe.bind(id, at: 1)
        return try probe.hasRow()
    }

    /// Loads the record with this id, when there is one and it is not loaded yet.
    mutating func loadRecord(_ id: TransferID) throws {
        guard lookedUp.insert(id).inserted else { return }
        // Almost every id in a batch is new: probe the index cheaply, read the row only when there is one.
        guard try isStored(id) else { return }
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
    ///
    /// An optimistic transaction skips the records with the batch's own ids: nearly every id is new, and one probe
    /// per transfer cost more than the rest of its write. The ids are checked afterwards instead — a committed
    /// transfer's by its `INSERT` (which finds a stored id a conflict), a rejected one's by
    /// ``checkRejectedIDs(_:outcomes:)`` — and a stored id throws ``StoredIDFound``, so the batch is rolled back and
    /// run again non-optimistically. The outcomes of a batch without stored ids do not depend on the skipped loads.
    mutating func load(for transfers: [Transfer], cache: inout SQLiteAccountCache) throws {
        var legCount = 0
        for transfer in transfers {
            if !isOptimistic { try loadRecord(transfer.id) }
            if let pendingID = transfer.kind.pendingID { try loadRecord(pendingID) }
            legCount += transfer.legs.count
        }
        // Room for every account the legs may name, so the book's maps and the numbers grow once, not a dozen times
        // per batch.
        book.reserveAccountCapacity(book.accounts.count + 2 * legCount)
        numbers.reserveCapacity(numbers.count + 2 * legCount)
        // The same accounts as `LedgerBook.accountIDs(touchedBy:records:)`, without building a set: `loadAccount`
        // skips an id it has seen.
        for transfer in transfers {
            for leg in transfer.legs {
                try loadAccount(leg.debit, cache: &cache)
                try loadAccount(leg.credit, cache: &cache)
            }
            if let pendingID = transfer.kind.pendingID, let pending = book.records[pendingID] {
                for leg in pending.transfer.legs {
                    try loadAccount(leg.debit, cache: &cache)
                    try loadAccount(leg.credit, cache: &cache)
                }
            }
        }
    }

    /// In an optimistic transaction, throws ``StoredIDFound`` when a rejected transfer's id is stored (it may be a
    /// replay, whose outcome is the stored one's).
    func checkRejectedIDs(_ transfers: [Transfer], outcomes: [TransferOutcome]) throws {
        guard isOptimistic else { return }
        for (transfer, outcome) in zip(transfers, outcomes) where !outcome.isCommitted {
            if !lookedUp.contains(transfer.id), try isStored(transfer.id) { throw StoredIDFound() }
        }
    }

    // MARK: Writing

    /// Writes the book's changes: new accounts, balances, records, pending states, and the history epochs the new
    /// records complete.
    mutating func writeChanges(cache: inout SQLiteAccountCache) throws {
        let changes = book.changes
        if !changes.createdAccounts.isEmpty {
            let insert = try db.cachedStatement(sql: """
                INSERT INTO account (id, currency, owner, kind, flags, user_data) VALUES (?, ?, ?, ?, ?, ?)
                """)
            let insertBalance = try db.cachedStatement(sql: """
                INSERT INTO balance (number, debits_posted, credits_posted, debits_pending, credits_pending)
                VALUES (?, 0, 0, 0, 0)
                """)
            for account in changes.createdAccounts {
                try insert.execute(arguments: [
                    SQLiteRowCodec.data(account.id), account.currency.alphaCode, account.owner, account.kind.rawValue,
                    Int64(account.flags.rawValue), account.userData,
                ])
                let number = db.lastInsertedRowID
                try insertBalance.execute(arguments: [number])
                numbers[account.id] = number
            }
        }
        if !changes.touchedAccounts.isEmpty {
            // In number order, so the b-tree is walked forward once. Sorted as (number, position) pairs rather than
            // (number, balance) tuples four times their size.
            var balances: [AccountBalance] = []
            var order: [(number: Int64, position: Int)] = []
            balances.reserveCapacity(changes.touchedAccounts.count)
            order.reserveCapacity(changes.touchedAccounts.count)
            for id in changes.touchedAccounts {
                guard let balance = book.balances[id], let number = numbers[id], number != Self.missingNumber else {
                    preconditionFailure("a touched account was loaded or created in this transaction")
                }
                order.append((number, balances.count))
                balances.append(balance)
            }
            order.sort { $0.number < $1.number }
            committedBalances = balances
            // Whole rows replaced (`balance` has no other index to maintain), up to `balanceRowsMax` per statement,
            // so the statement's fixed cost is paid once per chunk rather than once per account.
            var start = 0
            while start < order.count {
                let count = min(Self.balanceRowsMax, order.count - start)
                let replace = try SQLiteFastStatement(db, sql: Self.replaceBalancesSQL[count - 1])
                var index: Int32 = 1
                for (number, position) in order[start..<(start + count)] {
                    let balance = balances[position]
                    replace.bind(number, at: index)
                    replace.bind(balance.debitsPosted, at: index + 1)
                    replace.bind(balance.creditsPosted, at: index + 2)
                    replace.bind(balance.debitsPending, at: index + 3)
                    replace.bind(balance.creditsPending, at: index + 4)
                    index += 5
                }
                try replace.run()
                start += count
            }
        }
        if !changes.newRecordIDs.isEmpty {
            let bits = historyEpochBits
            var folded = (lastSequence + 1) >> bits
            let ids = changes.newRecordIDs
            var start = 0
            // Up to `insertRowsMax` rows per INSERT: the statement's fixed cost (cursors, statement journal, reset) is
            // paid once per chunk, not once per record.
            while start < ids.count {
                let count = min(Self.insertRowsMax, ids.count - start)
                let records = ids[start..<(start + count)].map { id in
                    guard let record = book.records[id] else { preconditionFailure("a new record is in the book") }
                    return record
                }
                let insert = try SQLiteFastStatement(db, sql: Self.insertTransfersSQL[count - 1])
                // The chunk's ids and legs go into one buffer that SQLite reads in place; it outlives the statement's
                // run, and the bindings are cleared before it is freed.
                let byteCount = records.reduce(0) { $0 + SQLiteRowCodec.inPlaceByteCount(of: $1) }
                try withUnsafeTemporaryAllocation(byteCount: byteCount, alignment: 16) { buffer in
                    defer { insert.clearBindings() }
                    var offset = 0
                    for (row, record) in records.enumerated() {
                        let firstIndex = Int32(row * SQLiteRowCodec.transferColumnCount + 1)
                        let end = offset + SQLiteRowCodec.inPlaceByteCount(of: record)
                        SQLiteRowCodec.bind(record, to: insert, firstIndex: firstIndex,
                                            inPlace: UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<end]))
                        offset = end
                    }
                    try insert.run()
                }
                // A stored id is a conflict only for an optimistic transaction, which then starts over; otherwise the
                // book loaded every stored id and the INSERT cannot conflict.
                guard insert.changes == count else { throw StoredIDFound() }
                // The chunk's rows are in `transfer` before any epoch is folded from it.
                for record in records {
                    let sequence = Int64(record.sequence)
                    while folded < sequence >> bits {
                        try SQLiteHistory.fold(epoch: folded, bits: bits, db: db, buffer: &cache.history)
                        folded += 1
                    }
                    cache.history.add(sequence: sequence, legs: record.appliedLegs, bits: bits)
                }
                start += count
            }
            let end = (Int64(book.nextSequence - 1) + 1) >> bits
            while folded < end {
                try SQLiteHistory.fold(epoch: folded, bits: bits, db: db, buffer: &cache.history)
                folded += 1
            }
        }
        if !changes.changedPendingIDs.isEmpty {
            // New pending transfers are in their inserted rows already.
            let changedPending = changes.changedPendingIDs.subtracting(changes.newRecordIDs)
            let update = try db.cachedStatement(sql: "UPDATE transfer SET pending_state = ? WHERE id = ?")
            for id in changedPending {
                guard let state = book.records[id]?.pendingState else { preconditionFailure("a changed pending is loaded") }
                try update.execute(arguments: [SQLiteRowCodec.number(state), SQLiteRowCodec.data(id)])
            }
        }
    }

    /// The most rows one `INSERT INTO transfer` writes (13 parameters each, far below SQLite's limit of 32,766).
    static let insertRowsMax = 32

    /// The most rows one `REPLACE INTO balance` writes (5 parameters each).
    static let balanceRowsMax = 64

    /// `replaceBalancesSQL[k - 1]` writes the balances of `k` accounts (number, then the four counters, per row).
    static let replaceBalancesSQL: [String] = (1...balanceRowsMax).map { rows in
        "REPLACE INTO balance (number, debits_posted, credits_posted, debits_pending, credits_pending) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }

    /// `insertTransfersSQL[k - 1]` inserts `k` records, ignoring a stored id (the caller counts the rows inserted).
    static let insertTransfersSQL: [String] = (1...insertRowsMax).map { rows in
        let placeholders = "(" + Array(repeating: "?", count: SQLiteRowCodec.transferColumnCount)
            .joined(separator: ", ") + ")"
        return "INSERT INTO transfer (\(SQLiteRowCodec.transferColumns)) VALUES "
            + Array(repeating: placeholders, count: rows).joined(separator: ", ") + " ON CONFLICT (id) DO NOTHING"
    }

    /// What the account cache learns once this transaction committed: the accounts it created, and the balances it
    /// changed (of accounts the cache holds already: every account a batch changes was loaded through the cache).
    var committedToCache: (created: [SQLiteAccountCache.Entry], balances: [AccountBalance]) {
        let changes = book.changes
        var created: [SQLiteAccountCache.Entry] = []
        for account in changes.createdAccounts {
            guard let number = numbers[account.id], let balance = book.balances[account.id] else { continue }
            created.append(.init(number: number, account: account, balance: balance))
        }
        return (created, committedBalances)
    }
}
