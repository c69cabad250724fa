import CorridorCore
import CorridorLedger
import Foundation

/// `ledger/postings.csv` of a run: the rows and columns of `corridor ledger export` (``LedgerPosting``), written page
/// by page.
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
                for posting in LedgerPosting.postings(of: record) { text += posting.csvLine + "\n" }
            }
            try handle.write(contentsOf: Data(text.utf8))
        }
    }
}
