import GRDB

/// The payment store's tables and their migrations.
///
/// Layout of `gateway_payments` (one row per payment, refund or reversal id):
/// - `id` (primary key): the payment id.
/// - `business_date`: `YYYY-MM-DD` of the clearing item the record had when it was first saved, NULL when it had
///   none; never changed by an update, so a day's listing is fixed at first save, as in `InMemoryPaymentStore`.
/// - `sequence`: the insertion order (1, 2, …, assigned inside the write transaction); never changed by an update.
/// - the body: `result`, `trail`, `amounts`, `parties` as JSON; `fingerprint` as text; `refunded_minor_units` as an
///   integer; `clearing_item` as JSON of `StoredClearingItem`; `messages` as a JSON array of `StoredMessage`
///   (kind, header XML, document XML); `card_request` as the ISO 8583 ASCII 1987 packing of the request.
///
/// The store shares the ledger's file. It keeps its own list of applied migrations in `gateway_migrations` rather
/// than in GRDB's `grdb_migrations`: GRDB's `DatabaseMigrator.hasBeenSuperseded` treats any identifier it does not
/// know as a newer schema, and the ledger refuses such a file, so one shared table would make each component
/// refuse the other's migrations. `PRAGMA user_version` stays the ledger's.
enum SQLitePaymentSchema {
    /// A migration: its identifier (stored once applied) and its SQL.
    struct Migration {
        let identifier: String
        let sql: String
    }

    /// The migrations, oldest first.
    static let migrations: [Migration] = [
        Migration(identifier: "gateway v1 payments", sql: """
            CREATE TABLE gateway_payments (
                id TEXT NOT NULL PRIMARY KEY,
                business_date TEXT,
                sequence INTEGER NOT NULL UNIQUE,
                result TEXT NOT NULL,
                trail TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                clearing_item TEXT,
                amounts TEXT,
                refunded_minor_units INTEGER NOT NULL,
                messages TEXT NOT NULL,
                parties TEXT,
                card_request BLOB
            );
            CREATE INDEX gateway_payments_business_date ON gateway_payments (business_date, sequence)
                WHERE business_date IS NOT NULL;
            """),
    ]

    /// The body columns, in the order ``SQLitePaymentRow`` binds and reads them after `id` and `business_date`.
    static let bodyColumns = [
        "result", "trail", "fingerprint", "clearing_item", "amounts", "refunded_minor_units", "messages", "parties",
        "card_request",
    ]

    /// The columns a read selects, in ``SQLitePaymentRow``'s order.
    static let selectedColumns = (["id", "business_date"] + bodyColumns).joined(separator: ", ")

    /// Inserts a record, or replaces the body of the stored one with the same id; a new row takes the next sequence,
    /// an updated row keeps its sequence and business date.
    static let upsertSQL = """
        INSERT INTO gateway_payments (id, business_date, sequence, \(bodyColumns.joined(separator: ", ")))
        VALUES (?, ?, (SELECT coalesce(max(sequence), 0) + 1 FROM gateway_payments), \
        \(bodyColumns.map { _ in "?" }.joined(separator: ", ")))
        ON CONFLICT (id) DO UPDATE SET \(bodyColumns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        """

    /// Applies the migrations this build knows, in one `BEGIN IMMEDIATE` transaction (so two processes opening a
    /// new file do not both create the tables).
    /// - Throws: ``SQLitePaymentStoreError/schemaTooNew(path:unknownMigrations:)`` when the file lists a migration
    ///   this build does not know; GRDB's error when SQLite fails.
    static func migrate(_ writer: DatabasePool, path: String) throws {
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS gateway_migrations (identifier TEXT NOT NULL PRIMARY KEY)
                    """)
                let applied = try String.fetchSet(db, sql: "SELECT identifier FROM gateway_migrations")
                let known = Set(migrations.map(\.identifier))
                let unknown = applied.subtracting(known)
                guard unknown.isEmpty else {
                    throw SQLitePaymentStoreError.schemaTooNew(path: path, unknownMigrations: unknown.sorted())
                }
                for migration in migrations where !applied.contains(migration.identifier) {
                    try db.execute(sql: migration.sql)
                    try db.execute(sql: "INSERT INTO gateway_migrations (identifier) VALUES (?)",
                                   arguments: [migration.identifier])
                }
                return .commit
            }
        }
    }
}
