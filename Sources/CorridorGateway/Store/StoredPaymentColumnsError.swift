/// Why a record could not be turned into ``StoredPaymentColumns``, or stored columns back into a record. Every case
/// names the payment id; encoding and decoding failures name the column.
///
/// Guarantees: no case and no `description` holds card data or a record's body; reasons are the codecs' own errors
/// (coding paths, ISO 8583 field numbers, XML paths), never values of sensitive fields.
public enum StoredPaymentColumnsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A record could not be turned into its columns; `column` names the part (`messages`, `card_request`, …).
    case encodingFailed(id: String, column: String, reason: String)
    /// A record's card request still carries a field that must never be stored (PAN, expiry, track data, PIN block,
    /// chip data).
    case cardDataRefused(id: String, field: Int)
    /// Stored columns could not be turned back into a record; `column` names the column that failed.
    case decodingFailed(id: String, column: String, reason: String)

    /// What failed: the id, the column or ISO 8583 field, and the codec's reason.
    public var description: String {
        switch self {
        case .encodingFailed(let id, let column, let reason):
            "payment record \(id): cannot encode \(column): \(reason)"
        case .cardDataRefused(let id, let field):
            "payment record \(id): the card request still holds ISO 8583 field \(field), which is never stored"
        case .decodingFailed(let id, let column, let reason):
            "payment record \(id): cannot decode column \(column): \(reason)"
        }
    }
}

/// A payment store's error type whose column-coding cases mirror ``StoredPaymentColumnsError``'s, so each store turns
/// a coding failure into its own error the same way. Enum cases with these names and payloads satisfy it.
public protocol PaymentStoreColumnFailure {
    /// A record could not be turned into its row.
    static func encodingFailed(id: String, column: String, reason: String) -> Self
    /// A record's card request still carries a field that is never stored.
    static func cardDataRefused(id: String, field: Int) -> Self
    /// A stored row could not be turned back into a record.
    static func decodingFailed(id: String, column: String, reason: String) -> Self
}

extension PaymentStoreColumnFailure {
    /// The error of the shared column encoding, as this store's case of the same name.
    public init(_ error: StoredPaymentColumnsError) {
        switch error {
        case .encodingFailed(let id, let column, let reason):
            self = .encodingFailed(id: id, column: column, reason: reason)
        case .cardDataRefused(let id, let field):
            self = .cardDataRefused(id: id, field: field)
        case .decodingFailed(let id, let column, let reason):
            self = .decodingFailed(id: id, column: column, reason: reason)
        }
    }
}

/// The texts both payment stores give their failures, so an operator reads the same words whichever store failed.
public enum PaymentStoreFailureText {
    /// A `save` call whose records were not written.
    public static func writeFailed(ids: [String], reason: String) -> String {
        let shownCountMax = 3
        let shown = ids.prefix(shownCountMax).joined(separator: ", ")
        let list = ids.count > shownCountMax ? "\(shown) and \(ids.count - shownCountMax) more" : shown
        return "saving payment records \(list) (rolled back): \(reason)"
    }

    /// A record that could not be read.
    public static func readFailed(id: String, reason: String) -> String { "reading payment record \(id): \(reason)" }

    /// A business day whose records could not be read.
    public static func businessDayReadFailed(businessDate: String, reason: String) -> String {
        "reading the payment records of \(businessDate): \(reason)"
    }
}
