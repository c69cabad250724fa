import CorridorCore
import CorridorLedger
import Foundation

/// One applied leg of a committed transfer: the row `corridor ledger export` writes.
struct LedgerPosting: Encodable {
    let sequence: UInt64
    let transferID: String
    /// `single`, `pending`, `post_pending` or `void_pending` (a void's legs are the holds it released).
    let kind: String
    /// The leg's index within the record's applied legs (0-based).
    let leg: Int
    let debit: String
    let credit: String
    /// The amount as a decimal in major units ("12.50").
    let amount: String
    let currency: String
    /// The commit time, RFC 3339 with milliseconds, UTC.
    let timestamp: String
    let paymentID: String

    /// The CSV header, in column order.
    static let csvHeader = "sequence,transfer_id,kind,leg,debit,credit,amount,currency,timestamp,payment_id"

    enum CodingKeys: String, CodingKey {
        case sequence, kind, leg, debit, credit, amount, currency, timestamp
        case transferID = "transfer_id"
        case paymentID = "payment_id"
    }

    /// One posting per applied leg of a record.
    static func postings(of record: TransferRecord) -> [LedgerPosting] {
        let timestamp = rfc3339(milliseconds: record.timestampMs)
        return record.appliedLegs.enumerated().map { index, leg in
            LedgerPosting(
                sequence: record.sequence, transferID: record.transfer.id.description,
                kind: kindName(record.transfer.kind), leg: index, debit: leg.debit.description,
                credit: leg.credit.description, amount: leg.amount.decimalText, currency: leg.amount.currency.alphaCode,
                timestamp: timestamp, paymentID: record.transfer.userData.paymentID
            )
        }
    }

    /// The columns as text, for CSV and the terminal.
    var textFields: [String] {
        [String(sequence), transferID, kind, String(leg), debit, credit, amount, currency, timestamp, paymentID]
    }

    /// The row as one CSV line (RFC 4180 quoting where a field needs it).
    var csvLine: String {
        textFields.map(Self.csvField).joined(separator: ",")
    }

    private static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `ledger export`'s names of transfer kinds.
    static func kindName(_ kind: TransferKind) -> String {
        switch kind {
        case .single: "single"
        case .pending: "pending"
        case .postPending: "post_pending"
        case .voidPending: "void_pending"
        }
    }

    /// "2026-01-01T00:00:00.000Z", written digit by digit (a date formatter per row was half of a long export).
    static func rfc3339(milliseconds: Int64) -> String {
        let civil = CivilDate(unixMilliseconds: milliseconds)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let millisecond = Int(((milliseconds % 1000) + 1000) % 1000)
        return "\(pad(civil.year, 4))-\(pad(civil.month, 2))-\(pad(civil.day, 2))T\(pad(civil.hour, 2)):"
            + "\(pad(civil.minute, 2)):\(pad(civil.second, 2)).\(pad(millisecond, 3))Z"
    }
}
