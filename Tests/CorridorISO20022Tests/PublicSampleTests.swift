import CorridorCore
import CorridorISO20022
import CorridorTesting
import Foundation
import Testing

/// The public Fedwire samples in `Samples/iso20022/` (see its README for their sources).
@Suite struct PublicSampleTests {
    static func load(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: SampleFiles.path("iso20022/" + name)))
    }

    @Test func fedwirePacs008ReadsIntoTheModel() throws {
        let message = try CustomerCreditTransfer(xml: Self.load("fedwire-CustomerCreditTransfer_Scenario2_Step1_pacs.008.xml"))
        #expect(message.groupHeader.messageId == "20250310B1QDRCQR000002")
        #expect(message.groupHeader.creationDateTime.text == "2025-03-10T09:00:00-04:00")
        #expect(message.groupHeader.settlementInstruction.clearingSystemCode == "FDW")
        let transaction = try #require(message.transactions.first)
        #expect(transaction.uetr?.text == "8a562c67-ca16-48ba-b074-65581be6f011")
        #expect(transaction.interbankSettlementAmount == Money(minorUnits: 51_000_074, currency: .usd))
        #expect(transaction.chargeBearer == .serviceLevel)
        #expect(transaction.debtor.name == "Corporation A")
        #expect(transaction.debtor.postalAddress?.townName == "Fountain Hills")
        #expect(transaction.debtorAgent.clearingSystemMember == ClearingSystemMember(clearingSystemCode: "USABA",
                                                                                      memberId: "011104238"))
        #expect(transaction.creditorAccount?.identification == .other(id: "567876543", schemeCode: nil))
    }

    @Test(arguments: ["fedwire-CustomerCreditTransfer_Scenario2_Step2_pacs.002.xml",
                      "fedwire-CustomerCreditTransfer_Scenario3_Step3_pacs.002.xml"])
    func fedwirePacs002ReadsIntoTheModel(_ file: String) throws {
        let report = try PaymentStatusReport(xml: Self.load(file))
        let status = try #require(report.transactionStatuses.first)
        #expect(status.originalGroup.messageNameId == "pacs.008.001.08")
        #expect(status.originalUETR?.text == "8a562c67-ca16-48ba-b074-65581be6f011")
        if status.status == .rejected {
            #expect(status.reasons.first?.reason == .proprietary("E433"))
        } else {
            #expect(status.status == .acceptedSettlementCompleted)
            #expect(status.effectiveSettlementDate == ISODate(year: 2025, month: 3, day: 10))
        }
    }
}

@Suite struct PublicSampleValidationTests {
    @Test(.enabled(if: XMLLint.shouldRun), arguments: [
        ("fedwire-CustomerCreditTransfer_Scenario2_Step1_pacs.008.xml", "pacs.008.001.08"),
        ("fedwire-CustomerCreditTransfer_Scenario2_Step2_pacs.002.xml", "pacs.002.001.10"),
    ])
    func publicSamplesValidateAgainstTheSameXSDs(_ file: String, _ definition: String) throws {
        let result = try XMLLint.validate(file: SampleFiles.path("iso20022/" + file), definition: definition)
        #expect(result.status == 0, "\(result.output)")
    }
}
