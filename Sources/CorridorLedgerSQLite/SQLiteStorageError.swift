import CorridorLedger
import GRDB

/// Turns whatever SQLite or GRDB threw into a ``LedgerError`` with a message an operator can act on.
enum SQLiteStorageError {
    /// Maps an error thrown while doing `action` ("posting a batch", "opening /path").
    static func ledgerError(_ error: any Error, while action: String) -> LedgerError {
        if let error = error as? LedgerError { return error }
        guard let error = error as? DatabaseError else {
            return .storage("\(action): \(error)")
        }
        let reason: String
        switch error.resultCode {
        case .SQLITE_FULL: reason = "disk or database full (SQLITE_FULL)"
        case .SQLITE_IOERR: reason = "I/O error (SQLITE_IOERR, extended code \(error.extendedResultCode.rawValue))"
        case .SQLITE_BUSY: reason = "database busy: another connection holds the lock (SQLITE_BUSY)"
        case .SQLITE_LOCKED: reason = "table locked (SQLITE_LOCKED)"
        case .SQLITE_READONLY: reason = "database is read-only (SQLITE_READONLY)"
        case .SQLITE_CANTOPEN: reason = "cannot open the database file (SQLITE_CANTOPEN)"
        case .SQLITE_PERM: reason = "permission denied (SQLITE_PERM)"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: reason = "the file is not a valid ledger database (\(error.resultCode))"
        default: reason = "SQLite error \(error.resultCode.rawValue)"
        }
        let detail = error.message.map { ": \($0)" } ?? ""
        return .storage("\(action): \(reason)\(detail)")
    }
}
