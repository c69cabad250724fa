import Foundation
import Testing

/// `corridor simulate` as scripts use it: exit status 0 / 1 / 2, the files in `--out`, reproducible for a seed.
@Suite("simulate command")
struct SimulateCommandTests {
    static let sample = CorridorBinary.sample("scenarios/wallet-to-merchant.yaml")

    /// The sample with its world paths made absolute (so a copy runs from a scratch folder) and `edit` applied.
    static func copy(_ scratch: Scratch, _ edit: (String) -> String = { $0 }) throws -> String {
        let text = try String(contentsOfFile: sample, encoding: .utf8)
            .replacingOccurrences(of: "../", with: CorridorBinary.sample("") + "/")
        return try scratch.write(edit(text), to: "scenario.yaml")
    }

    static func files(in directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            }
        }
        return files
    }

    @Test func theSampleHoldsExitsZeroAndWritesTheSameFilesTwice() throws {
        let scratch = try Scratch()
        let first = try CorridorBinary.run(["simulate", Self.sample, "--out", scratch.path("a")])
        #expect(first.status == 0, "\(first)")
        #expect(first.output.contains("expectations: 18 of 18 hold"))
        let second = try CorridorBinary.run([
            "simulate", Self.sample, "--out", scratch.path("b"), "--backend",
            "sqlite:" + scratch.path("ledger.sqlite"),
        ])
        #expect(second.status == 0, "\(second)")
        let a = try Self.files(in: scratch.path("a"))
        #expect(a["report.json"] != nil && a["report.md"] != nil)
        #expect(a.keys.contains { $0.hasPrefix("clearing/2026-01-01/pacs.009") })
        #expect(a.keys.contains { $0.hasPrefix("messages/pacs.008") })
        #expect(a == (try Self.files(in: scratch.path("b"))))

        // Every ISO 20022 file of the run validates against the official XSDs.
        let xmllint = ExternalTool(name: "xmllint", debianPackage: "libxml2-utils")
        if ExternalTool.shouldRun(xmllint) {
            _ = try xmllint.require()
            let xml = a.keys.filter { $0.hasSuffix(".xml") }.sorted().map { scratch.path("a/" + $0) }
            #expect(xml.count > 30)
            let validated = try CorridorBinary.run(["iso20022", "validate"] + xml)
            #expect(validated.status == 0, "\(validated)")
        }
    }

    @Test func helpStatesTheExitStatusAndTheMemoryDefault() throws {
        let help = try CorridorBinary.run(["simulate", "--help"])
        #expect(help.status == 0)
        #expect(
            help.output.contains("Exit status: 0 all expectations hold, 1 one fails, 2 the scenario file is wrong."))
        #expect(help.output.contains("memory (the default)") && !help.output.contains("corridor.sqlite"))
    }

    @Test func jsonPrintsTheReport() throws {
        let scratch = try Scratch()
        let result = try CorridorBinary.run([
            "simulate", Self.sample, "--out", scratch.path("out"), "--json", "--seed", "9",
        ])
        #expect(result.status == 0, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput)) as? [String: Any])
        #expect(object["passed"] as? Bool == true && object["seed"] as? Int == 9)
        #expect((object["steps"] as? [Any])?.count == 13)
    }

    @Test func aFailingExpectationExitsOneWithExpectedAndActual() throws {
        let scratch = try Scratch()
        let file = try Self.copy(scratch) {
            $0.replacingOccurrences(of: "equals: \"4400.00 RUB\"", with: "equals: \"1.00 RUB\"")
        }
        let result = try CorridorBinary.run(["simulate", file, "--out", scratch.path("out")])
        #expect(result.status == 1, "\(result)")
        #expect(result.output.contains("✗ line 47: wallet_balance anna: expected 1.00 RUB, got 4400.00 RUB"))
        let report = try String(contentsOfFile: scratch.path("out/report.md"), encoding: .utf8)
        #expect(report.contains("| 47 | wallet_balance | anna | 1.00 RUB | 4400.00 RUB | ✗ FAIL |"))
    }

    @Test(arguments: [
        ("seed: 42", "seeds: 42", "line 11: `seeds`: unknown key"),
        (
            "amount: \"640.00 RUB\"", "amount: \"640.0 RUB\"",
            "line 32: `steps[8].wallet_pay.amount`: RUB amounts are written with 2 fraction digits"
        ),
        ("cards: ", "cards: /no/such/", "line 15: `world.cards`: no file"),
    ])
    func aBadFileExitsTwoNamingLineAndKey(_ original: String, _ replacement: String, _ message: String) throws {
        let scratch = try Scratch()
        let file = try Self.copy(scratch) { $0.replacingOccurrences(of: original, with: replacement) }
        let result = try CorridorBinary.run(["simulate", file, "--out", scratch.path("out")])
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains(message), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")))
    }
}
