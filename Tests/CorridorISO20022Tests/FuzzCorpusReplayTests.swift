import CorridorISO20022
import Foundation
import Testing

/// One file kept for a fuzz target: a regression input (`Tools/Fuzz/regressions/<target>/`) or a hand-picked seed
/// (`Tools/Fuzz/seeds/<target>/`).
struct FuzzReplayInput: Sendable, CustomStringConvertible {
    /// `<target>/<kind>/<file name>`.
    let name: String
    let bytes: [UInt8]

    var description: String { name }

    /// `Tools/Fuzz`, found from this file's path so tests run from any working directory.
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CorridorISO20022Tests/
        .deletingLastPathComponent()  // Tests/
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Tools/Fuzz")

    /// Every regression input and seed kept for `target`, in name order.
    static func all(_ target: String) -> [FuzzReplayInput] {
        ["regressions", "seeds"].flatMap { kind -> [FuzzReplayInput] in
            let folder = fuzzDirectory.appendingPathComponent(kind).appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { !$0.hasSuffix(".md") }.sorted().compactMap { name in
                guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return nil }
                return FuzzReplayInput(name: "\(target)/\(kind)/\(name)", bytes: Array(data))
            }
        }
    }
}

/// Replays the kept fuzz inputs of `iso20022` through the reader and every message model with the fuzz target's
/// rule (Tools/Fuzz/ISO20022Reader): a document the reader accepts and the writer writes must be a fixed point of
/// read → write, and an ASCII one must read back as the same value.
@Suite("Fuzz corpus replay: ISO 20022")
struct ISO20022FuzzCorpusReplayTests {
    @Test func theTargetKeepsInputs() {
        #expect(!FuzzReplayInput.all("iso20022").isEmpty)
    }

    @Test(arguments: FuzzReplayInput.all("iso20022"))
    func readWriteIsAFixedPoint(_ input: FuzzReplayInput) throws {
        guard let root = try? XMLReader().read(Data(input.bytes)) else { return }
        let isASCII = input.bytes.allSatisfy { $0 < 0x80 }
        var readKinds = 0
        readKinds += try check(BusinessApplicationHeader.self, root, isASCII: isASCII)
        readKinds += try check(CustomerCreditTransfer.self, root, isASCII: isASCII)
        readKinds += try check(PaymentStatusReport.self, root, isASCII: isASCII)
        readKinds += try check(PaymentReturn.self, root, isASCII: isASCII)
        readKinds += try check(FinancialInstitutionCreditTransfer.self, root, isASCII: isASCII)
        readKinds += try check(BankToCustomerStatement.self, root, isASCII: isASCII)
        readKinds += try check(BankToCustomerDebitCreditNotification.self, root, isASCII: isASCII)
        #expect(readKinds <= 1, "one document read as \(readKinds) message kinds")
    }

    /// 1 when the document reads as `Message` and was checked, else 0.
    private func check<Message: ISO20022Message>(
        _ kind: Message.Type, _ root: CorridorISO20022.XMLElement, isASCII: Bool
    ) throws -> Int {
        guard let first = try? Message(documentElement: root) else { return 0 }
        guard let written = try? first.xml() else { return 1 }
        let second = try Message(xml: written)
        #expect(try second.xml() == written)
        if isASCII { #expect(second == first) }
        return 1
    }
}
