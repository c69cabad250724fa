import CorridorLedger
import Foundation
import GRDB
import GRDBSQLite

/// The per-account history index (see ``SQLiteLedgerSchema``): written one epoch at a time, read as folded epochs
/// plus a scan of the unfolded tail of `transfer`.
///
/// An epoch `e` holds the sequences `e << bits ..< (e + 1) << bits`. Sequences are dense (every committed record
/// takes the next one), so once `max(sequence) + 1 >= (e + 1) << bits` epoch `e` is complete; the batch that
/// completes it folds it inside its own transaction. Hence in every committed state the folded epochs are exactly
/// `0 ..< (max(sequence) + 1) >> bits`, and readers derive that from the snapshot they read.
enum SQLiteHistory {
    /// The accounts a record moved, each once, in leg order: what `history` indexes.
    static func accounts(of legs: [TransferLeg]) -> [AccountID] {
        var accounts: [AccountID] = []
        accounts.reserveCapacity(legs.count * 2)
        for leg in legs {
            if !accounts.contains(leg.debit) { accounts.append(leg.debit) }
            if !accounts.contains(leg.credit) { accounts.append(leg.credit) }
        }
        return accounts
    }

    /// One history entry: an account a record moved, and the record's offset within its epoch.
    struct Posting {
        let account: AccountID
        let offset: UInt16
    }

    /// The postings of the epoch being written, collected by the writer as it commits records, so the fold does not
    /// read them back. Dropped with the account cache whenever another connection committed or a batch failed.
    ///
    /// A flat list in commit order: adding a record appends one entry per account it moved (no per-account array to
    /// find, grow or release, which cost more than the fold itself); the fold groups the list once per epoch.
    struct Buffer {
        /// The epoch collected, or -1.
        private(set) var epoch: Int64 = -1
        /// The first sequence collected: the buffer is complete only when that is the epoch's first sequence.
        private(set) var coveredFrom: Int64 = -1
        /// The postings collected, in sequence order.
        private(set) var postings: [Posting] = []

        mutating func reset() {
            epoch = -1
            coveredFrom = -1
            postings = []
        }

        /// Adds a record's postings (``SQLiteHistory/add(_:sequence:bits:to:)``); starts over when the sequence is in
        /// another epoch.
        mutating func add(sequence: Int64, legs: [TransferLeg], bits: Int) {
            let recordEpoch = sequence >> bits
            if recordEpoch != epoch {
                postings.removeAll(keepingCapacity: true)
                epoch = recordEpoch
                coveredFrom = sequence
            }
            SQLiteHistory.add(legs, sequence: sequence, bits: bits, to: &postings)
        }

        /// The postings of `epoch` when the buffer holds all of them.
        func complete(epoch wanted: Int64, bits: Int) -> [Posting]? {
            guard epoch == wanted, coveredFrom == max(wanted << bits, 1) else { return nil }
            return postings
        }
    }

    /// Appends the postings of a record with these legs at `sequence`: each account it moved once, in leg order
    /// (as ``accounts(of:)``).
    static func add(_ legs: [TransferLeg], sequence: Int64, bits: Int, to postings: inout [Posting]) {
        let offset = UInt16(truncatingIfNeeded: sequence & ((1 << bits) - 1))
        if legs.count == 1, legs[0].debit != legs[0].credit {
            // The common case, without building the list of accounts.
            postings.append(Posting(account: legs[0].debit, offset: offset))
            postings.append(Posting(account: legs[0].credit, offset: offset))
            return
        }
        for account in accounts(of: legs) { postings.append(Posting(account: account, offset: offset)) }
    }

    /// Writes the rows of complete epoch `epoch`, from `buffer` when it holds the whole epoch, else from `transfer`
    /// (whose rows of this transaction are already inserted).
    static func fold(epoch: Int64, bits: Int, db: Database, buffer: inout Buffer) throws {
        let postings: [Posting]
        if let buffered = buffer.complete(epoch: epoch, bits: bits) {
            postings = buffered
        } else {
            var read: [Posting] = []
            let select = try db.cachedStatement(sql: """
                SELECT sequence, legs FROM transfer WHERE sequence >= ? AND sequence < ? ORDER BY sequence
                """)
            let rows = try Row.fetchCursor(select, arguments: [epoch << bits, (epoch + 1) << bits])
            while let row = try rows.next() {
                add(try SQLiteRowCodec.legs(row[1]), sequence: row[0], bits: bits, to: &read)
            }
            postings = read
        }
        if buffer.epoch == epoch { buffer.reset() }
        // Postings grouped by account: a chain of positions per account, in the order added, which is sequence
        // order, so each row's offsets ascend. Then the rows in key order (the accounts sorted), so every row is
        // appended at the end of the index. This sorts the ~10,000 accounts of an epoch rather than its ~33,000
        // postings.
        var groupOf = LedgerIdentifierMap<Int>(minimumCapacity: min(postings.count, 1 << 16))
        var groups: [(account: AccountID, first: Int, last: Int)] = []
        var next = [Int](repeating: -1, count: postings.count)
        for (position, posting) in postings.enumerated() {
            if let group = groupOf[posting.account] {
                next[groups[group].last] = position
                groups[group].last = position
            } else {
                groupOf[posting.account] = groups.count
                groups.append((posting.account, position, position))
            }
        }
        groups.sort { $0.account < $1.account }
        // Up to `insertRowsMax` rows per INSERT: an epoch folds ~10,000 rows at once, and a statement per row paid
        // its fixed cost (step, halt, reset) ~10,000 times.
        var rows: [(account: AccountID, offsets: Range<Int>)] = []
        rows.reserveCapacity(insertRowsMax)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 * postings.count)
        for (groupIndex, group) in groups.enumerated() {
            let first = bytes.count
            var position = group.first
            while position >= 0 {
                let offset = postings[position].offset
                bytes.append(UInt8(truncatingIfNeeded: offset >> 8))
                bytes.append(UInt8(truncatingIfNeeded: offset))
                position = next[position]
            }
            rows.append((group.account, first..<bytes.count))
            if rows.count == insertRowsMax || groupIndex == groups.count - 1 {
                let insert = try SQLiteFastStatement(db, sql: insertRowsSQL[rows.count - 1])
                // The ids and offsets are bound in place (SQLite copies nothing) from buffers that outlive the run;
                // the bindings are cleared before the buffers go.
                try withUnsafeTemporaryAllocation(byteCount: 16 * rows.count, alignment: 16) { ids in
                    try bytes.withUnsafeBytes { raw in
                        defer { insert.clearBindings() }
                        for (row, entry) in rows.enumerated() {
                            let at = Int32(3 * row)
                            let id = UnsafeMutableRawBufferPointer(rebasing: ids[(16 * row)..<(16 * row + 16)])
                            id.storeBytes(of: entry.account.rawValue.bigEndian, as: UInt128.self)
                            insert.bind(epoch, at: at + 1)
                            insert.bindInPlace(UnsafeRawBufferPointer(id), at: at + 2)
                            insert.bindInPlace(UnsafeRawBufferPointer(rebasing: raw[entry.offsets]), at: at + 3)
                        }
                        try insert.run()
                    }
                }
                rows.removeAll(keepingCapacity: true)
            }
        }
    }

    /// The most rows one `INSERT INTO history` writes (3 parameters each).
    static let insertRowsMax = 64

    /// `insertRowsSQL[k - 1]` inserts `k` history rows.
    static let insertRowsSQL: [String] = (1...insertRowsMax).map { rows in
        "INSERT INTO history (epoch, account, offsets) VALUES "
            + Array(repeating: "(?, ?, ?)", count: rows).joined(separator: ", ")
    }

    /// The sequences of up to `limit` records that moved `account`, after `cursor`, ascending, in the snapshot `db`
    /// reads.
    static func sequences(
        of account: AccountID, after cursor: Int64, limit: Int, bits: Int, db: Database
    ) throws -> [Int64] {
        let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(sequence) FROM transfer")) ?? 0
        let foldedEnd = (last + 1) >> bits
        var result: [Int64] = []
        let id = SQLiteRowCodec.data(account)
        let select = try db.cachedStatement(sql: "SELECT offsets FROM history WHERE epoch = ? AND account = ?")
        var epoch = max(0, cursor + 1) >> bits
        while epoch < foldedEnd, result.count < limit {
            if let offsets = try Data.fetchOne(select, arguments: [epoch, id]) {
                var index = offsets.startIndex
                while index + 1 < offsets.endIndex, result.count < limit {
                    let offset = Int64(offsets[index]) << 8 | Int64(offsets[index + 1])
                    let sequence = epoch << bits | offset
                    if sequence > cursor { result.append(sequence) }
                    index += 2
                }
            }
            epoch += 1
        }
        guard result.count < limit else { return result }
        // The tail: `instr` narrows the scan to rows whose legs contain the id's bytes; decoding the legs rules out
        // a match that straddles two fields.
        let tail = try db.cachedStatement(sql: """
            SELECT sequence, legs FROM transfer WHERE sequence > ? AND instr(legs, ?) > 0 ORDER BY sequence
            """)
        let rows = try Row.fetchCursor(tail, arguments: [max(cursor, (foldedEnd << bits) - 1), id])
        while result.count < limit, let row = try rows.next() {
            let legs = try SQLiteRowCodec.legs(row[1])
            if legs.contains(where: { $0.debit == account || $0.credit == account }) { result.append(row[0]) }
        }
        return result
    }
}
