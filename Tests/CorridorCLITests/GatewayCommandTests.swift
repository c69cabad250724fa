import CorridorTesting
import Foundation
import Testing

/// `corridor pay`, `trail`, `refund`, `clear`, `iso20022 validate`: separate processes sharing one SQLite file,
/// as a script would use them.
@Suite("gateway commands")
struct GatewayCommandTests {
    /// Arguments that keep every file in the scratch directory.
    static func common(_ scratch: Scratch) -> [String] {
        ["--backend", "sqlite:" + scratch.path("corridor.sqlite"), "--token-key-file", scratch.path("corridor.key")]
    }

    @Test func payQRThenTrailRefundAndClearAcrossProcesses() throws {
        let scratch = try Scratch()
        let common = Self.common(scratch)
        let made = try CorridorBinary.run(["qr", "make", "sbp", "--id", "AS10003P3RH0LJ2A9ROO038L6NT5RU1M", "--bank",
                                           "100000000001", "--payload-only"])
        let payload = try #require(made.lines.first)
        let paid = try CorridorBinary.json(["pay", "qr", payload, "--payer", "huaxiabank/li.wei", "--amount", "632.00 RUB",
                                            "--id", "CLI-SBP-1", "--json"] + common)
        #expect(paid.result.status == 0, "\(paid.result)")
        #expect(paid.object["status"] as? String == "approved")
        // 632.00 RUB = 50.00 CNY at the 12.64 mid; huaxiabank's 40 bps spread: 50.20 CNY.
        #expect((paid.object["payerAmount"] as? [String: Any])?["minorUnits"] as? Int == 5_020)

        // Another process reads the trail from the same file.
        let trail = try CorridorBinary.json(["trail", "CLI-SBP-1", "--json"] + common)
        let steps = ((trail.object["trail"] as? [String: Any])?["events"] as? [[String: Any]])?.compactMap { $0["step"] as? String }
        #expect(steps == ["parse", "resolve", "screen", "quote", "post", "message"])
        let text = try CorridorBinary.run(["trail", "CLI-SBP-1"] + common)
        #expect(text.status == 0)
        #expect(text.lines.contains { $0.contains("route:") && $0.contains("CIPS→SPFS") })

        // Retrying the same id answers the same; a refund returns it.
        let again = try CorridorBinary.json(["pay", "qr", payload, "--payer", "huaxiabank/li.wei", "--amount", "632.00 RUB",
                                             "--id", "CLI-SBP-1", "--json"] + common)
        #expect(again.object["transferID"] as? String == paid.object["transferID"] as? String)
        let refund = try CorridorBinary.run(["refund", "CLI-SBP-1", "--amount", "100.00 RUB", "--refund-id", "CLI-SBP-1-R"] + common)
        #expect(refund.status == 0, "\(refund)")
        let tooMuch = try CorridorBinary.run(["refund", "CLI-SBP-1", "--amount", "600.00 RUB"] + common)
        #expect(tooMuch.status == 1)
        #expect(tooMuch.standardError.contains("cannot be refunded"))

        // Clearing today writes files that validate, and reconciles.
        let out = scratch.path("clearing")
        let cleared = try CorridorBinary.run(["clear", "--out", out] + common)
        #expect(cleared.status == 0, "\(cleared)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.contains { $0.hasPrefix("pacs.008") } && files.contains { $0.hasPrefix("pacs.004") })
        #expect(files.contains { $0.hasPrefix("pacs.009") } && files.contains { $0.hasPrefix("camt.053") })
        let validate = try CorridorBinary.run(["iso20022", "validate"] + files.map { out + "/" + $0 })
        if XMLLint.shouldRun { #expect(validate.status == 0, "\(validate)") }
    }

    @Test func declinedPaymentExits1WithItsCodes() throws {
        let scratch = try Scratch()
        let result = try CorridorBinary.json(["pay", "card", "--pan", "6212340000003211", "--expiry", "2810",
                                              "--merchant", "moscow-souvenirs", "--amount", "100.00 RUB", "--json"] + Self.common(scratch))
        #expect(result.result.status == 1)
        #expect(result.object["responseCode"] as? String == "43")
        // The PAN is not in the answer, nor in the database.
        #expect(!String(decoding: result.result.standardOutput, as: UTF8.self).contains("6212340000003211"))
        let database = try Data(contentsOf: URL(fileURLWithPath: scratch.path("corridor.sqlite")))
        #expect(database.range(of: Data("6212340000003211".utf8)) == nil)
    }

    @Test func cardPaymentShowsMaskedCardInTrail() throws {
        let scratch = try Scratch()
        let paid = try CorridorBinary.run(["pay", "card", "--pan", "2200700000001239", "--expiry", "2912", "--cvv", "123",
                                           "--merchant", "beijing-restaurant", "--amount", "100.00 CNY", "--id", "CLI-CARD-1"]
                                          + Self.common(scratch))
        #expect(paid.status == 0, "\(paid)")
        #expect(paid.lines.contains { $0.contains("approval:") })
        let trail = try CorridorBinary.run(["trail", "CLI-CARD-1"] + Self.common(scratch))
        #expect(trail.lines.contains { $0.contains("220070******1239") || $0.contains("…1239") })
        #expect(!trail.lines.contains { $0.contains("2200700000001239") })
    }

    @Test func validateRejectsABrokenDocument() throws {
        let scratch = try Scratch()
        let file = scratch.path("bad.xml")
        try Data("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><Nope/></Document>".utf8)
            .write(to: URL(fileURLWithPath: file))
        let result = try CorridorBinary.run(["iso20022", "validate", file])
        if XMLLint.shouldRun {
            #expect(result.status == 1)
            #expect(result.lines.contains { $0.hasPrefix("✗") && $0.contains("pacs.008.001.08") })
        }
    }

    @Test func unknownTrailExits1() throws {
        let scratch = try Scratch()
        let result = try CorridorBinary.run(["trail", "NOPE"] + Self.common(scratch))
        #expect(result.status == 1)
        #expect(result.standardError.contains("no payment NOPE"))
    }
}
