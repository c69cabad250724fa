import Foundation
import Testing

/// `corridor simulate` on the traffic samples: each holds its expectations, every ISO 20022 file it writes validates
/// against the official XSDs, no file holds a card number, one seed writes the same files, a bar shows on a terminal.
@Suite("simulate traffic samples")
struct SimulateTrafficCommandTests {
    static let samples = ["russian-tourists-beijing", "chinese-tourists-moscow", "border-day-faults"]
    static let xmllint = ExternalTool(name: "xmllint", debianPackage: "libxml2-utils")
    static let script = ExternalTool(name: "script", debianPackage: "bsdutils")
    static let schemas = CorridorBinary.packageRoot.appendingPathComponent("Sources/CorridorISO20022/Schemas").path

    /// Every file under a folder, by relative path.
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

    /// The message definition a document declares
    /// (`urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08` → `pacs.008.001.08`).
    static func definition(of xml: Data) -> String? {
        let head = String(decoding: xml.prefix(400), as: UTF8.self)
        guard let range = head.range(of: "urn:iso:std:iso:20022:tech:xsd:") else { return nil }
        return String(head[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Validates every `.xml` file with xmllint against its definition's XSD, one xmllint run per definition.
    static func validateISO20022(_ files: [String: Data], in directory: String) throws -> Int {
        var byDefinition: [String: [String]] = [:]
        for (name, data) in files where name.hasSuffix(".xml") {
            let definition = try #require(Self.definition(of: data), "\(name) declares no ISO 20022 namespace")
            byDefinition[definition, default: []].append(directory + "/" + name)
        }
        for (definition, paths) in byDefinition.sorted(by: { $0.key < $1.key }) {
            let schema = schemas + "/" + definition + ".xsd"
            try #require(FileManager.default.fileExists(atPath: schema), "no XSD for \(definition)")
            for chunk in stride(from: 0, to: paths.count, by: 500) {
                let slice = Array(paths[chunk..<min(chunk + 500, paths.count)])
                let result = try xmllint.run(["--noout", "--schema", schema] + slice)
                #expect(result.status == 0, "\(definition): a file of \(slice.count) does not validate")
            }
        }
        return byDefinition.values.reduce(0) { $0 + $1.count }
    }

    /// Card numbers of the samples' ranges: the generated tourists' Mir (220075) and UnionPay (625094) cards and
    /// Samples/issuer's (220070, 621234), as 16 Luhn-valid digits.
    static func cardNumbers(in data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        var found: [String] = []
        var digits = ""
        for character in text + " " {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                if digits.count == 16,
                    ["220075", "625094", "220070", "621234"].contains(where: { digits.hasPrefix($0) }),
                    Self.luhn(digits)
                {
                    found.append(digits)
                }
                digits = ""
            }
        }
        return found
    }

    static func luhn(_ digits: String) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            var value = character.wholeNumberValue ?? 0
            if index % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    @Test(arguments: samples)
    func eachSampleHoldsWritesValidISO20022AndNoCardNumber(_ sample: String) throws {
        let scratch = try Scratch()
        let result = try CorridorBinary.run([
            "simulate", CorridorBinary.sample("scenarios/\(sample).yaml"), "--out", scratch.path("out"),
        ])
        #expect(result.status == 0, "\(result)")
        #expect(result.output.contains("generated payments approved"))
        let files = try Self.files(in: scratch.path("out"))
        for name in ["report.json", "report.md", "report.html", "ledger/postings.csv"] {
            #expect(files[name] != nil, "\(name)")
        }
        #expect(files.keys.contains { $0.hasPrefix("clearing/") && $0.contains("pacs.009") })
        #expect(files.keys.contains { $0.hasPrefix("clearing/") && $0.contains("camt.053") })
        #expect(files.keys.contains { $0.hasPrefix("clearing/") && $0.contains("camt.054") })
        #expect(files.keys.contains { $0.hasPrefix("messages/pacs.008") })
        let html = String(decoding: files["report.html"] ?? Data(), as: UTF8.self)
        #expect(html.components(separatedBy: "<svg").count - 1 >= 5)
        let ledger = String(decoding: files["ledger/postings.csv"] ?? Data(), as: UTF8.self)
        #expect(ledger.hasPrefix("sequence,transfer_id,kind,leg,debit,credit,amount,currency,timestamp,payment_id\n"))
        #expect(ledger.split(separator: "\n").count > 400)
        for (name, data) in files { #expect(Self.cardNumbers(in: data).isEmpty, "\(name) holds a card number") }
        if ExternalTool.shouldRun(Self.xmllint) {
            let validated = try Self.validateISO20022(files, in: scratch.path("out"))
            #expect(validated == files.keys.filter { $0.hasSuffix(".xml") }.count && validated > 20)
        }
    }

    @Test func oneSeedWritesTheSameFilesExceptTheReport() throws {
        let scratch = try Scratch()
        let sample = CorridorBinary.sample("scenarios/border-day-faults.yaml")
        for folder in ["a", "b"] {
            let result = try CorridorBinary.run([
                "simulate", sample, "--payments", "150", "--out", scratch.path(folder),
            ])
            #expect(result.status == 1, "\(result)")  // the sample's expectations are for 500 payments
        }
        let a = try Self.files(in: scratch.path("a")).filter { !$0.key.hasPrefix("report.") }
        let b = try Self.files(in: scratch.path("b")).filter { !$0.key.hasPrefix("report.") }
        #expect(a.count > 50 && a.keys.contains("trails/failed.jsonl"))
        #expect(a == b)
        let other = try CorridorBinary.run([
            "simulate", sample, "--payments", "150", "--seed", "5", "--out", scratch.path("c"),
        ])
        #expect(other.status == 1)
        #expect(try Self.files(in: scratch.path("c"))["ledger/postings.csv"] != a["ledger/postings.csv"])
    }

    /// `--tourists` scales the population: out of range is a usage error (64), fewer than the file's groups a bad
    /// scenario (2), and a scaled run of the Beijing sample holds every expectation but the file's payment count.
    @Test func touristsScalesThePopulation() throws {
        let scratch = try Scratch()
        let sample = CorridorBinary.sample("scenarios/russian-tourists-beijing.yaml")
        let outOfRange = try CorridorBinary.run(["simulate", sample, "--tourists", "0", "--out", scratch.path("a")])
        #expect(outOfRange.status == 64, "\(outOfRange)")
        let tooFew = try CorridorBinary.run(["simulate", sample, "--tourists", "1", "--out", scratch.path("b")])
        #expect(tooFew.status == 2 && tooFew.standardError.contains("`population`"), "\(tooFew)")
        let result = try CorridorBinary.run([
            "simulate", sample, "--payments", "2000", "--tourists", "420", "--json", "--out", scratch.path("c"),
        ])
        #expect(result.status == 1, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput)) as? [String: Any])
        let failed = (object["expectations"] as? [[String: Any]])?.filter { $0["passed"] as? Bool == false }
        #expect(failed?.compactMap { $0["subject"] as? String } == ["traffic.payments"], "\(object)")
    }

    @Test func paymentsReplacesTheFilesTotalAndAFailedMetricExitsOne() throws {
        let scratch = try Scratch()
        let result = try CorridorBinary.run([
            "simulate", CorridorBinary.sample("scenarios/chinese-tourists-moscow.yaml"), "--payments", "40",
            "--json", "--out", scratch.path("out"),
        ])
        #expect(result.status == 1, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput)) as? [String: Any])
        let metrics = try #require(object["metrics"] as? [String: Int])
        #expect(metrics["traffic.payments"] == 40)
        let failed = (object["expectations"] as? [[String: Any]])?.filter { $0["passed"] as? Bool == false }
        #expect(
            failed?.contains { $0["subject"] as? String == "traffic.payments" && $0["actual"] as? String == "40" }
                == true)
    }

    @Test func aProgressBarShowsOnATerminalAndNothingOtherwise() throws {
        let scratch = try Scratch()
        let sample = CorridorBinary.sample("scenarios/chinese-tourists-moscow.yaml")
        let quiet = try CorridorBinary.run(["simulate", sample, "--payments", "600", "--out", scratch.path("quiet")])
        #expect(quiet.standardError.isEmpty, "\(quiet)")
        guard ExternalTool.shouldRun(Self.script) else { return }
        // `script` runs the command on a pseudo-terminal, so standard error is a TTY.
        let command = "\(CorridorBinary.path) simulate \(sample) --payments 600 --out \(scratch.path("tty"))"
        let terminal = try Self.script.run(["-qec", command, "/dev/null"])
        let text = String(decoding: terminal.output, as: UTF8.self)
        #expect(text.contains("] 600/600 100%"), "\(text.suffix(300))")
        #expect(text.contains("\r["))
    }
}
