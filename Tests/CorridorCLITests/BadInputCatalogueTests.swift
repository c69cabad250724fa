import Foundation
import Testing

/// Issue 9 §3: every row of `docs/bad-inputs.md` that goes through the command line or a scenario file is refused
/// with its exit status and an error naming what is wrong, never a crash, and changes nothing.
@Suite("bad-input catalogue")
struct BadInputCatalogueTests {
    /// The test PANs of `Samples/issuer/cards.yaml`: none may appear in any answer.
    static let testPANs = ["2200700000001239", "2200700000004563", "6212340000007899", "6212340000003211"]

    @Test(arguments: BadInputCatalogue.rows)
    func isRefusedAndChangesNothing(_ row: BadInput) throws {
        let scratch = try Scratch()
        var world: BadInputWorld? = nil
        if row.proof != .stateless {
            world = try BadInputWorld.shared.get()
            try world?.copy(into: scratch)
        }
        for (name, contents) in row.files { _ = try scratch.write(row.expanded(contents, in: scratch), to: name) }
        let arguments = row.arguments.map { argument in
            (world?.placeholders ?? [:]).reduce(row.expanded(argument, in: scratch)) {
                $0.replacingOccurrences(of: $1.key, with: $1.value)
            }
        }
        let before = try state(row.proof, scratch)

        let result = try CorridorBinary.run(arguments, input: row.input)

        #expect(result.status == row.status, "\(row.id): \(result)")
        let answer = result.standardError + "\n" + result.output
        for words in row.error {
            #expect(answer.contains(words), "\(row.id): the error should say \"\(words)\":\n\(result)")
        }
        for pan in Self.testPANs { #expect(!answer.contains(pan), "\(row.id): a full PAN in the answer") }
        #expect(!answer.contains("Fatal error") && !answer.contains("Stack dump"), "\(row.id) crashed:\n\(result)")
        let after = try state(row.proof, scratch)
        let unchanged = before == after
        #expect(unchanged, "\(row.id): the state changed (\(row.proof))")
        if row.proof == .ledgerUnchanged {
            let verify = try CorridorBinary.run(["ledger", "verify", "--backend", "sqlite:" + scratch.path("corridor.sqlite")])
            #expect(verify.status == 0, "\(row.id): \(verify)")
            // The card payment the world made is untouched, whatever the row tried with its id.
            let trail = try CorridorBinary.run(["trail", "P1", "--json", "--backend", "sqlite:" + scratch.path("corridor.sqlite"),
                                                "--token-key-file", scratch.path("corridor.key")])
            #expect(trail.output.contains("\"approved\""), "\(row.id): \(trail)")
        }
    }

    /// What the proof compares: nothing, the database file's bytes, or the ledger's export.
    func state(_ proof: BadInput.Proof, _ scratch: Scratch) throws -> [UInt8] {
        switch proof {
        case .stateless:
            return []
        case .databaseUnchanged:
            // Every table's rows as SQL (SQLite may still touch pages, e.g. its free list, without changing a row).
            let dump = try ExternalTool.python.run([
                "-c", "import sqlite3,sys\nfor line in sqlite3.connect(sys.argv[1]).iterdump(): print(line)",
                scratch.path("corridor.sqlite")])
            #expect(dump.status == 0 && dump.output.count > 1000, "cannot dump the database")
            return dump.output
        case .ledgerUnchanged:
            let export = try CorridorBinary.run(["ledger", "export", "--backend", "sqlite:" + scratch.path("corridor.sqlite")])
            #expect(export.status == 0, "\(export)")
            #expect(export.lines.count > 5, "the world's ledger has postings")
            return export.standardOutput
        }
    }

    @Test func theDocumentListsEveryRowAndNoOther() throws {
        let document = try String(
            contentsOf: CorridorBinary.packageRoot.appendingPathComponent("docs/bad-inputs.md"), encoding: .utf8)
        let documented = Set(document.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| ") else { return nil }
            let cell = line.dropFirst(2).prefix { $0 != " " && $0 != "|" }
            return cell.contains("-") && cell.first?.isUppercase == true ? String(cell) : nil
        })
        let tested = Set(BadInputCatalogue.rows.map(\.id)).union(Self.otherSuites)
        #expect(documented.subtracting(tested).sorted() == [], "documented but not tested")
        #expect(tested.subtracting(documented).sorted() == [], "tested but not documented")
        #expect(documented.count >= 60)
        #expect(Set(BadInputCatalogue.rows.map(\.id)).count == BadInputCatalogue.rows.count, "ids are unique")
    }

    /// Rows tested by other suites (ISO 8583 over TCP in `BadFrameCatalogueTests`, HTTP in the server tests'
    /// `HTTPBadInputCatalogueTests`).
    static let otherSuites: Set<String> = Set((1...8).map { String(format: "TCP-%02d", $0) })
        .union((1...18).map { String(format: "HTTP-%02d", $0) })
}
