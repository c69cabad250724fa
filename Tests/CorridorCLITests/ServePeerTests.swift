import Foundation
import Testing

/// `corridor serve` against an acquirer we did not write: Tools/iso8583-peer-client.py, built on pyiso8583.
@Suite("corridor serve: the pyiso8583 client over TCP", .serialized)
struct ServePeerTests {
    static let client = CorridorBinary.packageRoot.appendingPathComponent("Tools/iso8583-peer-client.py").path
    /// Every PAN in Samples/issuer/cards.yaml: none may reach a log line or the database file.
    static let samplePANs = [
        "2200700000001239", "2200700000004563", "6212340000007899", "6212340000003211", "4000000000001117",
        "5100000000002228", "2200700000020098", "2200700000010099",
    ]

    static var pythonHasPyISO8583: Bool {
        (try? ExternalTool.python.run(["-c", "import iso8583"]).status) == 0
    }

    @Test("Every check of the client passes, with each framing, on SQLite; the ledger verifies afterwards",
          arguments: ["2byte", "4byte", "ascii4"])
    func peerClient(framing: String) throws {
        #expect(Self.pythonHasPyISO8583 || !ExternalTool.isCI, "python3 with pyiso8583 is required in CI")
        guard Self.pythonHasPyISO8583 else { return }
        let scratch = try Scratch()
        let database = scratch.path("corridor.sqlite")
        let server = try ServeProcess(
            ["--backend", "sqlite:" + database, "--framing", framing, "--response-delay-ms", "300",
             "--log-level", "trace", "--cards", CorridorBinary.sample("issuer/cards.yaml")],
            scratch: scratch)
        let run = try ExternalTool.python.run([
            Self.client, "--port", String(server.port), "--framing", framing,
        ])
        let output = String(decoding: run.output, as: UTF8.self)
        let lines = output.split(separator: "\n")
        #expect(run.status == 0, "client failed:\n\(output)\nserver:\n\(server.standardError)")
        #expect(lines.filter { $0.hasPrefix("ok - ") }.count == 18, "\(output)")
        #expect(lines.allSatisfy { $0.hasPrefix("ok - ") }, "\(output)")
        #expect(server.stop() == 0, "serve exits 0 on SIGTERM:\n\(server.standardError)")

        let verify = try CorridorBinary.run(["ledger", "verify", "--backend", "sqlite:" + database])
        #expect(verify.status == 0, "\(verify)")
        // Card data: no PAN in the trace-level log or in any database file.
        let log = server.standardError
        #expect(log.contains("trace") || log.contains("debug"), "the log ran at trace level")
        for file in ["corridor.sqlite", "corridor.sqlite-wal"] where FileManager.default.fileExists(atPath: scratch.path(file)) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: scratch.path(file)))
            for pan in Self.samplePANs {
                #expect(bytes.range(of: Data(pan.utf8)) == nil, "a PAN ending \(pan.suffix(4)) is in \(file)")
            }
        }
        for pan in Self.samplePANs {
            #expect(!log.contains(pan), "a PAN ending \(pan.suffix(4)) is in the server log")
        }
    }

    @Test("A bad cards file is refused with its line and key, exit 64")
    func badCardsFile() throws {
        let scratch = try Scratch()
        let cards = try scratch.write("issuers:\n  - id: bank\n    country: RU\n    colour: red\n", to: "cards.yaml")
        let result = try CorridorBinary.run(
            ["serve", "--backend", "memory", "--cards", cards, "--iso8583-port", "0"], directory: scratch.directory)
        #expect(result.status == 64, "\(result)")
        #expect(result.standardError.contains("line 4"), "\(result)")
        #expect(result.standardError.contains("colour"), "\(result)")
    }
}
