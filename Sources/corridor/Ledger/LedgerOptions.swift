import ArgumentParser
import CorridorLedger
import Foundation

/// The options every `corridor ledger` subcommand shares.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: "sqlite:PATH, postgres:URL or memory.")
    var backend: BackendLocation = .defaultLocation

    @Flag(name: .long, help: "Print JSON (one object per line for lists) instead of text.")
    var json = false

    /// Runs `body` with the opened backend; a ``LedgerError`` becomes a message on standard error and exit status 1.
    func withBackend<Result>(_ body: (any SettlementBackend) async throws -> Result) async throws -> Result {
        do {
            return try await backend.withBackend(body)
        } catch let error as LedgerError {
            LedgerOutput.error("corridor ledger: \(error)")
            throw ExitCode.failure
        }
    }
}

/// Line-oriented output for the ledger commands: text or JSON lines, written straight to the file handles.
enum LedgerOutput {
    /// Writes one line to standard output.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes one line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Encodes a value as one line of compact JSON with sorted keys.
    static func jsonLine(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Pages through every account.
    static func forEachAccount(
        in backend: any SettlementBackend, _ body: ([Account]) async throws -> Void
    ) async throws {
        var cursor: AccountID?
        while true {
            let page = try await backend.allAccounts(after: cursor, limit: pageSize)
            guard let last = page.last else { return }
            try await body(page)
            cursor = last.id
        }
    }

    /// Pages through every transfer record in commit order.
    static func forEachRecord(
        in backend: any SettlementBackend, _ body: ([TransferRecord]) async throws -> Void
    ) async throws {
        var cursor: UInt64?
        while true {
            let page = try await backend.allTransfers(after: cursor, limit: pageSize)
            guard let last = page.last else { return }
            try await body(page)
            cursor = last.sequence
        }
    }

    /// How many rows one backend call returns while paging.
    static let pageSize = 1000
}

extension LedgerIdentifier: ExpressibleByArgument {
    /// Parses the UUID form or a decimal number.
    public init?(argument: String) { self.init(string: argument) }
}
