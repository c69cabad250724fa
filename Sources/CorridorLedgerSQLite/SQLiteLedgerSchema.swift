import CorridorLedger
import GRDB

/// The ledger's tables and their migrations.
///
/// Layout (ids are 16-byte big-endian BLOBs, so `ORDER BY id` is numeric order; amounts are INTEGER minor units):
/// - `account`: one row per account; `number` (the rowid) is the compact key `account_transfer` uses; the four
///   balance counters live in the same row, so a batch updates one row per touched account.
/// - `transfer`: one row per committed record; `sequence` (the rowid) is the commit order; the request body is
///   stored as columns plus `legs`, a packed BLOB of the applied legs (see ``SQLiteRowCodec``), from which the
///   request is rebuilt exactly, so replays compare equal.
/// - `account_transfer`: (account number, sequence) for every account a record moved: the `history` index.
///
/// `PRAGMA user_version` holds the schema version; a file with a higher version is refused with
/// ``LedgerError/schemaTooNew(found:supported:)`` rather than written by code that does not understand it.
enum SQLiteLedgerSchema {
    /// The schema version this build writes and reads.
    static let versionSupported = 1

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
                CREATE TABLE account_transfer (
                    account INTEGER NOT NULL,
                    sequence INTEGER NOT NULL,
                    PRIMARY KEY (account, sequence)
                ) WITHOUT ROWID;
                PRAGMA user_version = 1;
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
