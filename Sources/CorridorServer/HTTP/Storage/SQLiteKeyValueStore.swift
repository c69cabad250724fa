import Foundation
import GRDB

/// ``HTTPKeyValueStore`` as the table `http_kv` in the ledger's SQLite file (WAL, so it shares the file with the
/// ledger and the payment store without blocking their readers).
public final class SQLiteKeyValueStore: HTTPKeyValueStore {
    private let pool: DatabasePool

    /// Opens (creating when needed) the table in the SQLite file at `path`.
    /// - Throws: GRDB's error when the file cannot be opened or migrated.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { db in
            try db.execute(
                sql: "CREATE TABLE IF NOT EXISTS http_kv (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
        }
    }

    /// The value under `key`.
    public func value(for key: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM http_kv WHERE key = ?", arguments: [key])
        }
    }

    /// Stores unless present, in one write transaction.
    public func insertIfAbsent(_ value: String, for key: String) async throws -> String? {
        try await pool.write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT value FROM http_kv WHERE key = ?", arguments: [key])
            {
                return existing
            }
            try db.execute(sql: "INSERT INTO http_kv (key, value) VALUES (?, ?)", arguments: [key, value])
            return nil
        }
    }

    /// Stores, replacing.
    public func setValue(_ value: String, for key: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO http_kv (key, value) VALUES (?, ?) "
                    + "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [key, value])
        }
    }

    /// Removes.
    public func removeValue(for key: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM http_kv WHERE key = ?", arguments: [key]) }
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
