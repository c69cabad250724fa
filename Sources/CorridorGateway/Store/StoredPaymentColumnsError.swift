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
