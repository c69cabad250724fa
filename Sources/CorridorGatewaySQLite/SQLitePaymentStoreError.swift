import CorridorGateway
import CorridorISO20022
import GRDB

/// Every way ``SQLitePaymentStore`` fails. Each case names the record (or the file, or the business day) and what
/// failed; a stored row that cannot be read back names its column.
///
/// Guarantees: no case and no `description` holds card data, a record's body or an SQL argument; reasons are
/// SQLite's result codes and messages, or the codecs' own errors (which carry field numbers and paths, not values
/// of sensitive fields).
public enum SQLitePaymentStoreError: Error, Sendable, Hashable, CustomStringConvertible, PaymentStoreColumnFailure {
    /// The file could not be opened, configured or migrated.
    case openFailed(path: String, reason: String)
    /// The file's gateway tables were migrated by a newer build: it lists migrations this build does not know.
    case schemaTooNew(path: String, unknownMigrations: [String])
    /// A record could not be turned into its row; `column` names the part (`messages`, `card_request`, …).
    case encodingFailed(id: String, column: String, reason: String)
    /// A record's card request still carries a field that must never be stored (PAN, expiry, track data, PIN block,
    /// chip data); nothing of the call was written.
    case cardDataRefused(id: String, field: Int)
    /// SQLite could not commit the transaction holding these records (one `save` call's ids); none of them was
    /// written.
    case writeFailed(ids: [String], reason: String)
    /// SQLite could not read the record `id`.
    case readFailed(id: String, reason: String)
    /// SQLite could not read the records of a business day.
    case businessDayReadFailed(businessDate: ISODate, reason: String)
    /// A stored row could not be turned back into a record; `column` names the column that failed.
    case decodingFailed(id: String, column: String, reason: String)

    /// What failed, for an operator: ids, columns and SQLite's reason, never a record's body.
    public var description: String {
        switch self {
        case .openFailed(let path, let reason):
            "opening the payment store \(path): \(reason)"
        case .schemaTooNew(let path, let unknown):
            "the payment store \(path) was migrated by a newer build (\(unknown.joined(separator: ", ")))"
        case .encodingFailed(let id, let column, let reason):
            StoredPaymentColumnsError.encodingFailed(id: id, column: column, reason: reason).description
        case .cardDataRefused(let id, let field):
            StoredPaymentColumnsError.cardDataRefused(id: id, field: field).description
        case .writeFailed(let ids, let reason):
            PaymentStoreFailureText.writeFailed(ids: ids, reason: reason)
        case .readFailed(let id, let reason):
            PaymentStoreFailureText.readFailed(id: id, reason: reason)
        case .businessDayReadFailed(let businessDate, let reason):
            PaymentStoreFailureText.businessDayReadFailed(businessDate: "\(businessDate)", reason: reason)
        case .decodingFailed(let id, let column, let reason):
            StoredPaymentColumnsError.decodingFailed(id: id, column: column, reason: reason).description
        }
    }

    /// What SQLite or GRDB reported, without the SQL or its arguments (which would hold record bodies).
    static func reason(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        let reason: String
        switch error.resultCode {
        case .SQLITE_FULL: reason = "disk or database full (SQLITE_FULL)"
        case .SQLITE_IOERR: reason = "I/O error (SQLITE_IOERR, extended code \(error.extendedResultCode.rawValue))"
        case .SQLITE_BUSY: reason = "database busy: another connection holds the lock (SQLITE_BUSY)"
        case .SQLITE_LOCKED: reason = "table locked (SQLITE_LOCKED)"
        case .SQLITE_READONLY: reason = "database is read-only (SQLITE_READONLY)"
        case .SQLITE_CANTOPEN: reason = "cannot open the database file (SQLITE_CANTOPEN)"
        case .SQLITE_PERM: reason = "permission denied (SQLITE_PERM)"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: reason = "the file is not a valid database (\(error.resultCode))"
        default: reason = "SQLite error \(error.resultCode.rawValue)"
        }
        return reason + (error.message.map { ": \($0)" } ?? "")
    }
}
