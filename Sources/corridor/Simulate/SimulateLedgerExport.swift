import CorridorCore
import CorridorLedger
import Foundation

/// `ledger/postings.csv` of a run: the rows and columns of `corridor ledger export` (``LedgerPosting``), written page
/// by page. Timestamps are formatted here from the civil date: `ISO8601DateFormatter` builds an ICU formatter per
/// row and took half the time of a run of a million payments.
enum SimulateLedgerExport {
    /// Writes every posting of the backend to `ledger/postings.csv` under `directory`.
    /// - Throws: the backend's and the file system's errors.
    static func write(_ backend: any SettlementBackend, to directory: URL) async throws {
        let url = directory.appendingPathComponent("ledger/postings.csv")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: url.path, contents: Data((LedgerPosting.csvHeader + "\n").utf8)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try await LedgerOutput.forEachRecord(in: backend) { page in
            var text = ""
            for record in page {
                let timestamp = rfc3339(milliseconds: record.timestampMs)
                for (index, leg) in record.appliedLegs.enumerated() {
                    text += LedgerPosting(
                        sequence: record.sequence, transferID: record.transfer.id.description,
                        kind: kindName(record.transfer.kind), leg: index, debit: leg.debit.description,
                        credit: leg.credit.description, amount: leg.amount.decimalText,
                        currency: leg.amount.currency.alphaCode, timestamp: timestamp,
                        paymentID: record.transfer.userData.paymentID
                    ).csvLine + "\n"
                }
            }
            try handle.write(contentsOf: Data(text.utf8))
        }
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

    /// "2026-01-01T00:00:00.000Z", as ``LedgerPosting/rfc3339(milliseconds:)`` writes it.
    static func rfc3339(milliseconds: Int64) -> String {
        let civil = CivilDate(unixMilliseconds: milliseconds)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let millisecond = Int(((milliseconds % 1000) + 1000) % 1000)
        return "\(pad(civil.year, 4))-\(pad(civil.month, 2))-\(pad(civil.day, 2))T\(pad(civil.hour, 2)):\(pad(civil.minute, 2)):"
            + "\(pad(civil.second, 2)).\(pad(millisecond, 3))Z"
    }
}
