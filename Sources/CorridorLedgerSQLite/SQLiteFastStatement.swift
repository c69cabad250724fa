import CorridorLedger
import Foundation
import GRDB
import GRDBSQLite

/// A GRDB-prepared (and cached) statement driven through the SQLite C API on the batch hot path: binding an id or an
/// integer directly, without building `StatementArguments` and boxing every value, which profiling showed to cost
/// more than SQLite's own work for a small INSERT.
///
/// Used only inside the writer's transaction; each use binds every parameter, steps, and resets.
struct SQLiteFastStatement {
    private let statement: Statement
    private let db: Database

    /// Prepares (or reuses) `sql` on `db`.
    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
        sqlite3_reset(statement.sqliteStatement)
    }

    private var handle: OpaquePointer { statement.sqliteStatement }

    /// SQLite copies the bytes before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ value: Int64?, at index: Int32) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds an id as its 16 big-endian bytes.
    func bind(_ id: LedgerIdentifier, at index: Int32) {
        var bigEndian = id.rawValue.bigEndian
        withUnsafeBytes(of: &bigEndian) { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, 16, Self.transient)
        }
    }

    func bind(_ id: LedgerIdentifier?, at index: Int32) {
        if let id { bind(id, at: index) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ data: Data?, at index: Int32) {
        guard let data else {
            sqlite3_bind_null(handle, index)
            return
        }
        data.withUnsafeBytes { bytes in
            // A zero-length BLOB, not NULL, for empty data: SQLite needs a non-null pointer for that.
            let pointer = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
            _ = sqlite3_bind_blob(handle, index, pointer, Int32(bytes.count), Self.transient)
        }
    }

    func bind(_ bytes: [UInt8], at index: Int32) {
        bytes.withUnsafeBytes { raw in
            let pointer = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
            _ = sqlite3_bind_blob(handle, index, pointer, Int32(raw.count), Self.transient)
        }
    }

    /// Binds bytes as a BLOB (a zero-length BLOB, not NULL, when empty).
    func bind(_ bytes: UnsafeRawBufferPointer, at index: Int32) {
        let pointer = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
        _ = sqlite3_bind_blob(handle, index, pointer, Int32(bytes.count), Self.transient)
    }

    /// Binds bytes as a BLOB that SQLite reads in place (`SQLITE_STATIC`) instead of copying into an allocation of
    /// its own. The bytes must stay valid and unchanged until the statement has run: call ``run()`` (which resets)
    /// and then ``clearBindings()`` before they are freed or reused, so no binding outlives them.
    func bindInPlace(_ bytes: UnsafeRawBufferPointer, at index: Int32) {
        let pointer = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
        // A nil destructor is SQLITE_STATIC.
        _ = sqlite3_bind_blob(handle, index, pointer, Int32(bytes.count), nil)
    }

    /// Drops every binding (all parameters become NULL), so none points into bytes bound with
    /// ``bindInPlace(_:at:)`` once they are gone.
    func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// The bytes of an empty C string, for empty text: bound in place, not copied (most user data fields are empty,
    /// and SQLite allocates a copy of every transient value, however short).
    private static let emptyText: StaticString = ""

    func bind(_ text: String, at index: Int32) {
        if text.isEmpty {
            let pointer = UnsafeRawPointer(Self.emptyText.utf8Start).assumingMemoryBound(to: CChar.self)
            // A nil destructor is SQLITE_STATIC: SQLite reads the bytes in place (a static string outlives them all).
            _ = sqlite3_bind_text(handle, index, pointer, 0, nil)
            return
        }
        var text = text
        text.withUTF8 { bytes in
            let pointer = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            _ = sqlite3_bind_text(handle, index, pointer.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                                  Self.transient)
        }
    }

    /// Steps once. - Returns: true when a row is available.
    /// - Throws: GRDB's `DatabaseError` with SQLite's code and message.
    @discardableResult
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// Runs a statement that returns no rows, then resets it.
    func run() throws {
        defer { sqlite3_reset(handle) }
        try step()
    }

    /// How many rows the last INSERT, UPDATE or DELETE on this connection changed.
    var changes: Int32 { sqlite3_changes(db.sqliteConnection) }

    /// Runs a query and says whether it returned a row, then resets it.
    func hasRow() throws -> Bool {
        defer { sqlite3_reset(handle) }
        return try step()
    }
}
