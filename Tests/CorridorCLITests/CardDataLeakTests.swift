import Foundation
import Testing

/// Issue 9 §4: every sample scenario runs on SQLite, and no full card number — neither a sample card of
/// `Samples/issuer/cards.yaml` and the scenario files nor a tourist's generated card (Mir 220075…, UnionPay
/// 625094…) — appears in anything it wrote: standard output and error, every file of `--out` (reports, messages,
/// clearing files, ledger export, trails) and the SQLite database with its WAL. (The issuer host's trace log and
/// the ISO 8583 peer are checked the same way in `ServePeerTests`.)
@Suite("card data never leaks")
struct CardDataLeakTests {
    /// The `pan:` values of the sample files.
    static func samplePANs() throws -> Set<String> {
        let files = [CorridorBinary.sample("issuer/cards.yaml")]
            + (try FileManager.default.contentsOfDirectory(atPath: CorridorBinary.sample("scenarios")))
                .filter { $0.hasSuffix(".yaml") }.map { CorridorBinary.sample("scenarios/" + $0) }
        var pans = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"pan:\s*"?([0-9]{12,19})"#)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { pans.insert(String(text[range])) }
            }
        }
        return pans
    }

    /// Every full card number in `bytes`: a sample PAN, or a generated tourist card (16 digits, Luhn-valid).
    static func cardNumbers(in bytes: Data, samples: Set<String>) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var found = samples.filter { text.contains($0) }.map { "sample …\($0.suffix(4))" }
        let digits = Array(text.utf8)
        var index = 0
        while index + 16 <= digits.count {
            let window = digits[index..<(index + 16)]
            let prefix = String(decoding: window.prefix(6), as: UTF8.self)
            if prefix == "220075" || prefix == "625094", window.allSatisfy({ (0x30...0x39).contains($0) }),
                index == 0 || !(0x30...0x39).contains(digits[index - 1]),
                index + 16 == digits.count || !(0x30...0x39).contains(digits[index + 16]),
                luhnValid(window.map { Int($0 - 0x30) })
            {
                found.append("generated …" + String(decoding: window.suffix(4), as: UTF8.self))
                index += 16
            } else {
                index += 1
            }
        }
        return found
    }

    static func luhnValid(_ digits: [Int]) -> Bool {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            let value = position % 2 == 1 ? digit * 2 : digit
            sum += value > 9 ? value - 9 : value
        }
        return sum % 10 == 0
    }

    @Test func theFinderFindsWhatItLooksFor() {
        let samples: Set<String> = ["2200700000001239"]
        let text = Data("x 2200700000001239 y 2200751010000013 z 6250941020000011 ok 22007510100000131 w".utf8)
        let found = Self.cardNumbers(in: text, samples: samples)
        // A Luhn-valid generated number is found; the 17-digit run is not a card number; the sample is found.
        #expect(found.contains("sample …1239"))
        #expect(found.filter { $0.hasPrefix("generated") }.count == Self.cardNumbers(
            in: Data("2200751010000013 6250941020000011".utf8), samples: []).count)
    }

    @Test(arguments: try FileManager.default.contentsOfDirectory(atPath: CorridorBinary.sample("scenarios"))
        .filter { $0.hasSuffix(".yaml") }.sorted())
    func noCardNumberInAnythingASampleWrites(_ file: String) throws {
        let samples = try Self.samplePANs()
        #expect(samples.count >= 6, "the sample cards were found")
        let scratch = try Scratch()
        let out = scratch.path("out")
        let database = scratch.path("run.sqlite")
        let run = try CorridorBinary.run([
            "simulate", CorridorBinary.sample("scenarios/" + file), "--backend", "sqlite:" + database, "--out", out,
        ])
        #expect(run.status == 0, "\(run)")
        var leaks = Self.cardNumbers(in: Data(run.standardOutput) + Data(run.standardError.utf8), samples: samples)
            .map { "console: \($0)" }
        var fileCount = 0
        let enumerator = FileManager.default.enumerator(atPath: out)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: out + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            fileCount += 1
            let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
            leaks += Self.cardNumbers(in: bytes, samples: samples).map { "\(name): \($0)" }
        }
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: database + suffix) {
            leaks += Self.cardNumbers(in: try Data(contentsOf: URL(fileURLWithPath: database + suffix)), samples: samples)
                .map { "run.sqlite\(suffix): \($0)" }
        }
        #expect(fileCount >= 3, "the run wrote its files")
        #expect(leaks.isEmpty, "\(file): \(leaks.prefix(10))")
    }
}
