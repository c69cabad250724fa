import Foundation
import CorridorLedgerSQLite
import GRDB

/// ``HTTPKeyValueStore`` as the table `http_kv` in the ledger's SQLite file (WAL, so it shares the file with the
/// ledger and the payment store without blocking their readers). Writes from concurrent requests share commits
/// (``SQLiteKeyValueCommitQueue``); each call still returns only once its write is durable.
public final class SQLiteKeyValueStore: HTTPKeyValueStore {
    private let pool: DatabasePool
    private let writes: SQLiteKeyValueCommitQueue

    /// Opens (creating when needed) the table in the SQLite file at `path`.
    /// - Throws: GRDB's error when the file cannot be opened or migrated.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = SQLiteBusyWait.mode(timeoutSeconds: 10)
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { db in
            try db.execute(
                sql: "CREATE TABLE IF NOT EXISTS http_kv (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
        }
        writes = SQLiteKeyValueCommitQueue(pool: pool)
    }

    /// Write transactions committed so far (concurrent writes share them).
    public var commitCount: Int { get async { await writes.commitCount } }

    /// The value under `key`.
    public func value(for key: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM http_kv WHERE key = ?", arguments: [key])
        }
    }

    /// Stores unless present (checked and written in the same transaction).
    public func insertIfAbsent(_ value: String, for key: String) async throws -> String? {
        try await writes.apply(.insertIfAbsent(key: key, value: value))
    }

    /// Stores, replacing.
    public func setValue(_ value: String, for key: String) async throws {
        _ = try await writes.apply(.set(key: key, value: value))
    }

    /// Removes.
    public func removeValue(for key: String) async throws {
        _ = try await writes.apply(.remove(key: key))
    }

    /// Replaces (or removes) only when the value there is `expected` (checked and written in the same transaction).
    public func replaceValue(_ expected: String, with replacement: String?, for key: String) async throws -> Bool {
        try await writes.apply(.replace(key: key, expected: expected, replacement: replacement)) != nil
    }

    /// The keys starting with `prefix`: a range over the primary key (text compares byte by byte), sorted.
    public func values(withKeyPrefix prefix: String) async throws -> [(key: String, value: String)] {
        var upper = Array(prefix.utf8)
        precondition(!upper.isEmpty && upper.allSatisfy { $0 < 0x7F }, "an ASCII prefix")
        upper[upper.count - 1] += 1
        let end = String(decoding: upper, as: UTF8.self)
        return try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT key, value FROM http_kv WHERE key >= ? AND key < ? ORDER BY key",
                arguments: [prefix, end]
            ).map { (key: $0["key"], value: $0["value"]) }
        }
    }
}
