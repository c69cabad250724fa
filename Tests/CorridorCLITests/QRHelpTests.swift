import Foundation
import Testing

/// `corridor qr --help` is part of the scripting interface: its text is compared with a golden file written by hand
/// from the command definitions (Golden/Golden.swift).
@Suite("qr help")
struct QRHelpTests {
    @Test func qrHelpMatchesTheGoldenText() throws {
        let result = try CorridorBinary.run(["qr", "--help"])
        #expect(result.status == 0)
        #expect(result.output == Golden.qrHelp, "\(result.output)")
    }

    @Test(arguments: ["make", "decode", "render", "batch"])
    func everySubcommandIsListedAndHasHelp(_ name: String) throws {
        let result = try CorridorBinary.run(["qr", name, "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE: corridor qr \(name)"), "\(result)")
    }

    @Test func batchHelpDocumentsTheRowColumns() throws {
        let output = try CorridorBinary.run(["qr", "batch", "--help"]).output
        for column in ["id", "format", "template-id", "sbp-id", "personal-acc", "corresp-acc", "alt-name", "tip"] {
            #expect(output.contains(column), "batch help does not name column \(column)")
        }
    }
}
