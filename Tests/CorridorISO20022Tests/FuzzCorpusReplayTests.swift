import CorridorISO20022
import CorridorTesting
import Foundation
import Testing

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
        let isASCII = input.bytes.allSatisfy { $0 < 0x80 } && CBPRPlusText.freeTextIsNormalized(in: root)
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
