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

    /// The postings of the epoch being written, collected by the writer as it commits records, so the fold does not
    /// read them back. Dropped with the account cache whenever another connection committed or a batch failed.
    struct Buffer {
        /// The epoch collected, or -1.
        private(set) var epoch: Int64 = -1
        /// The first sequence collected: the buffer is complete only when that is the epoch's first sequence.
        private(set) var coveredFrom: Int64 = -1
        /// Offsets per account (a ``LedgerIdentifierMap``: two postings per transfer, hashed cheaply).
        private(set) var postings = LedgerIdentifierMap<[UInt16]>()

        mutating func reset() {
            epoch = -1
            coveredFrom = -1
            postings = LedgerIdentifierMap()
        }

        /// Adds a record's accounts; starts over when the sequence is in another epoch.
        mutating func add(sequence: Int64, accounts: [AccountID], bits: Int) {
            let recordEpoch = sequence >> bits
            if recordEpoch != epoch {
                postings = LedgerIdentifierMap(minimumCapacity: postings.count)
                epoch = recordEpoch
                coveredFrom = sequence
            }
            let offset = UInt16(truncatingIfNeeded: sequence & ((1 << bits) - 1))
            for account in accounts { postings[account, default: []].append(offset) }
        }

        /// The postings of `epoch` when the buffer holds all of them.
        func complete(epoch wanted: Int64, bits: Int) -> LedgerIdentifierMap<[UInt16]>? {
            guard epoch == wanted, coveredFrom == max(wanted << bits, 1) else { return nil }
            return postings
        }
    }

    /// Writes the rows of complete epoch `epoch`, from `buffer` when it holds the whole epoch, else from `transfer`
    /// (whose rows of this transaction are already inserted).
    static func fold(epoch: Int64, bits: Int, db: Database, buffer: inout Buffer) throws {
        var postings: LedgerIdentifierMap<[UInt16]>
        if let buffered = buffer.complete(epoch: epoch, bits: bits) {
            postings = buffered
        } else {
            postings = LedgerIdentifierMap()
            let select = try db.cachedStatement(sql: """
                SELECT sequence, legs FROM transfer WHERE sequence >= ? AND sequence < ? ORDER BY sequence
                """)
            let rows = try Row.fetchCursor(select, arguments: [epoch << bits, (epoch + 1) << bits])
            while let row = try rows.next() {
                let sequence: Int64 = row[0]
                let offset = UInt16(truncatingIfNeeded: sequence & ((1 << bits) - 1))
                for account in accounts(of: try SQLiteRowCodec.legs(row[1])) {
                    postings[account, default: []].append(offset)
                }
            }
        }
        if buffer.epoch == epoch { buffer.reset() }
        let insert = try SQLiteFastStatement(db, sql: "INSERT INTO history (epoch, account, offsets) VALUES (?, ?, ?)")
        // In key order, so every row is appended at the end of the index.
        var bytes: [UInt8] = []
        for (account, offsets) in postings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            bytes.removeAll(keepingCapacity: true)
            for offset in offsets {
                bytes.append(UInt8(truncatingIfNeeded: offset >> 8))
                bytes.append(UInt8(truncatingIfNeeded: offset))
            }
            insert.bind(epoch, at: 1)
            insert.bind(account, at: 2)
            insert.bind(bytes, at: 3)
            try insert.run()
        }
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
