import CorridorGateway
import CorridorISO20022

/// Every way ``PostgresPaymentStore`` fails. Each case names the record (or the business day, or the schema) and what
/// failed; a stored row that cannot be read back names its column.
///
/// Guarantees: no case and no `description` holds credentials, card data, a record's body or a bound value. Reasons
/// are PostgreSQL's SQLSTATE and primary message (left out for data exceptions, class 22, whose messages quote
/// values), postgres-nio's error code with the host and port, or the codecs' own errors; never the query text, the
/// server's detail line (it can quote row values) or the URL.
///
/// The failures of a call that PostgreSQL did not complete (``openFailed(endpoint:reason:)``,
/// ``writeFailed(ids:reason:)``, ``readFailed(id:reason:)``, ``businessDayReadFailed(businessDate:reason:)``) are
/// ``PaymentStoreFailure/isDatabaseUnavailable``, as every failure of the PostgreSQL ledger is `LedgerError.storage`:
/// the HTTP face answers both 503 with `Retry-After`.
public enum PostgresPaymentStoreError: Error, Sendable, Hashable, CustomStringConvertible, PaymentStoreFailure,
    PaymentStoreColumnFailure
{
    /// The URL or the schema name is not usable (the text never holds the password).
    case invalidConfiguration(String)
    /// The server could not be reached, or the table could not be created or migrated.
    case openFailed(endpoint: String, reason: String)
    /// The schema's payment table was migrated by a newer build.
    case schemaTooNew(schema: String, found: Int, supported: Int)
    /// A record could not be turned into its row; `column` names the part (`messages`, `card_request`, …).
    case encodingFailed(id: String, column: String, reason: String)
    /// A record's card request still carries a field that must never be stored (PAN, expiry, track data, PIN block,
    /// chip data); nothing of the call was written.
    case cardDataRefused(id: String, field: Int)
    /// PostgreSQL did not commit the statement holding these records (one `save` call's ids); none of them was
    /// written by it.
    case writeFailed(ids: [String], reason: String)
    /// PostgreSQL could not read the record `id`.
    case readFailed(id: String, reason: String)
    /// PostgreSQL could not read the records of a business day.
    case businessDayReadFailed(businessDate: ISODate, reason: String)
    /// A stored row could not be turned back into a record; `column` names the column that failed.
    case decodingFailed(id: String, column: String, reason: String)

    /// True for a call PostgreSQL did not complete (unreachable, restarting, the call cut off).
    public var isDatabaseUnavailable: Bool {
        switch self {
        case .openFailed, .writeFailed, .readFailed, .businessDayReadFailed: true
        case .invalidConfiguration, .schemaTooNew, .encodingFailed, .cardDataRefused, .decodingFailed: false
        }
    }

    /// What failed, for an operator: ids, columns and PostgreSQL's reason, never a record's body or a credential.
    public var description: String {
        switch self {
        case .invalidConfiguration(let what):
            "payment store: \(what)"
        case .openFailed(let endpoint, let reason):
            "opening the payment store on PostgreSQL at \(endpoint): \(reason)"
        case .schemaTooNew(let schema, let found, let supported):
            "the payment table in schema \(schema) is at version \(found); this build knows up to \(supported)"
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

}
