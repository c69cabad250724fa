import CorridorLedger
import GRDB

/// The ledger's tables and their migrations.
///
/// Layout (ids are 16-byte big-endian BLOBs, so `ORDER BY id` is numeric order; amounts are INTEGER minor units):
/// - `account`: one row per account and its fixed fields; `number` (the rowid) is the compact key `balance` uses.
///   Written once, when the account is created.
/// - `balance` (version 2): the four balance counters of account `number`, alone in a narrow row (~25 bytes, ~150 to
///   a page), so a batch that moves ~1,900 of 10,000 accounts rewrites ~65 pages instead of the ~190 pages of the
///   wide `account` rows that held the counters in version 1. A batch replaces the touched rows whole, in `number`
///   order.
/// - `transfer`: one row per committed record; `sequence` (the rowid) is the commit order; the request body is
///   stored as columns plus `legs`, a packed BLOB of the applied legs (see ``SQLiteRowCodec``), from which the
///   request is rebuilt exactly, so replays compare equal.
/// - `history`: the `history` index, built in epochs of 2^`history_epoch_bits` sequences. A batch writes no
///   history row; the batch that completes an epoch folds it: one row per (epoch, account id) the epoch's records
///   moved, with the sequences as ascending big-endian UInt16 offsets within the epoch. Each fold appends at the
///   end of the index (the epoch leads the key), so no page is rewritten later. Sequences after the last complete
///   epoch (the tail) are found by scanning `transfer` from there.
/// - `ledger_setting`: named integers fixed when the file is created (`history_epoch_bits`).
///
/// `PRAGMA user_version` holds the schema version; a file with a higher version is refused with
/// ``LedgerError/schemaTooNew(found:supported:)`` rather than written by code that does not understand it.
enum SQLiteLedgerSchema {
    /// The schema version this build writes and reads.
    static let versionSupported = 2
    /// Epochs of 16,384 sequences: a fold every 16 batches of 1000, and at most that many rows to scan in the tail.
    static let historyEpochBitsDefault = 14
    /// Offsets within an epoch are UInt16.
    static let historyEpochBitsRange = 1...16

    /// The migrations, oldest first. Each one ends by setting `user_version` to its number.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 accounts, transfers, history") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    number INTEGER PRIMARY KEY,
                    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
                    currency TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    flags INTEGER NOT NULL,
                    user_data TEXT NOT NULL,
                    debits_posted INTEGER NOT NULL DEFAULT 0,
                    credits_posted INTEGER NOT NULL DEFAULT 0,
                    debits_pending INTEGER NOT NULL DEFAULT 0,
                    credits_pending INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE transfer (
                    sequence INTEGER PRIMARY KEY,
                    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
                    kind INTEGER NOT NULL,
                    timeout_seconds INTEGER,
                    pending_id BLOB,
                    post_amounts BLOB,
                    payment_id TEXT NOT NULL,
                    rail TEXT NOT NULL,
                    reference TEXT NOT NULL,
                    timestamp_ms INTEGER NOT NULL,
                    legs BLOB NOT NULL,
                    pending_state INTEGER,
                    expires_at_ms INTEGER
                );
                CREATE INDEX transfer_open_expiry ON transfer (expires_at_ms)
                    WHERE pending_state = 0 AND expires_at_ms IS NOT NULL;
                CREATE TABLE history (
                    epoch INTEGER NOT NULL,
                    account BLOB NOT NULL,
                    offsets BLOB NOT NULL,
                    PRIMARY KEY (epoch, account)
                ) WITHOUT ROWID;
                CREATE TABLE ledger_setting (
                    name TEXT PRIMARY KEY,
                    value INTEGER NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO ledger_setting (name, value) VALUES ('history_epoch_bits', \(historyEpochBitsDefault));
                PRAGMA user_version = 1;
                """)
        }
        // The balance counters move to their own narrow table (see the type's documentation); every account keeps
        // its four counters, copied in the same transaction that drops them from `account`.
        migrator.registerMigration("v2 narrow balance table") { db in
            try db.execute(sql: """
                CREATE TABLE balance (
                    number INTEGER PRIMARY KEY,
                    debits_posted INTEGER NOT NULL,
                    credits_posted INTEGER NOT NULL,
                    debits_pending INTEGER NOT NULL,
                    credits_pending INTEGER NOT NULL
                );
                INSERT INTO balance (number, debits_posted, credits_posted, debits_pending, credits_pending)
                    SELECT number, debits_posted, credits_posted, debits_pending, credits_pending FROM account
                    ORDER BY number;
                ALTER TABLE account DROP COLUMN debits_posted;
                ALTER TABLE account DROP COLUMN credits_posted;
                ALTER TABLE account DROP COLUMN debits_pending;
                ALTER TABLE account DROP COLUMN credits_pending;
                PRAGMA user_version = 2;
                """)
        }
        return migrator
    }

    /// Refuses a file written by a newer build, then applies the migrations this build knows.
    /// - Throws: ``LedgerError/schemaTooNew(found:supported:)``, or GRDB's error when SQLite fails.
    static func migrate(_ writer: some DatabaseWriter) throws {
        let migrator = self.migrator
        try writer.read { db in
            let found = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if found > versionSupported {
                throw LedgerError.schemaTooNew(found: found, supported: versionSupported)
            }
            if try migrator.hasBeenSuperseded(db) {
                throw LedgerError.schemaTooNew(found: max(found, versionSupported + 1), supported: versionSupported)
            }
        }
        try migrator.migrate(writer)
    }
}
