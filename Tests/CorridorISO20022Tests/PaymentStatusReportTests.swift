import CorridorTesting
import CorridorCore
import CorridorISO20022
import Testing

@Suite struct PaymentStatusReportTests {
    static let statuses: [TransactionStatus] = [.acceptedSettlementCompleted, .acceptedSettlementInProcess, .pending,
                                                .rejected]

    @Test(.enabled(if: XMLLint.shouldRun), arguments: statuses, Fixtures.Script.allCases)
    func pacs002ValidatesAgainstTheXSD(_ status: TransactionStatus, _ script: Fixtures.Script) throws {
        try XMLLint.expectValid(try Fixtures.statusReport(status, script: script).xml(), definition: "pacs.002.001.10")
    }

    @Test(arguments: statuses)
    func statusReportRoundTrips(_ status: TransactionStatus) throws {
        let report = Fixtures.statusReport(status)
        #expect(try PaymentStatusReport(xml: try report.xml()) == report)
    }

    @Test func rejectionWithoutReasonIsRefused() {
        var report = Fixtures.statusReport(.rejected)
        report.transactionStatuses[0].reasons = []
        #expect(throws: ISO20022Error.ruleViolation(path: "/Document/FIToFIPmtStsRpt/TxInfAndSts/StsRsnInf",
                                                    rule: "CBPR+ requires a reason for RJCT")) {
            try report.xml()
        }
    }

    @Test func rejectionReasonCodeIsWritten() throws {
        let xml = try Fixtures.statusReport(.rejected).xml()
        #expect(xml.contains("<TxSts>RJCT</TxSts>"))
        #expect(xml.contains("<Cd>AM04</Cd>"))
    }

    @Test func unknownStatusNamesItsPath() throws {
        let xml = try Fixtures.statusReport(.pending).xml().replacingOccurrences(of: "PDNG", with: "NOPE")
        #expect(throws: ISO20022Error.invalidValue(path: "/Document/FIToFIPmtStsRpt/TxInfAndSts/TxSts", value: "NOPE",
                                                   expected: "ACSC, ACSP, ACCC, ACTC, PDNG, RJCT")) {
            try PaymentStatusReport(xml: xml)
        }
    }
}

@Suite struct PaymentReturnTests {
    @Test(.enabled(if: XMLLint.shouldRun), arguments: Fixtures.Script.allCases)
    func pacs004ValidatesAgainstTheXSD(_ script: Fixtures.Script) throws {
        try XMLLint.expectValid(try Fixtures.paymentReturn(script).xml(), definition: "pacs.004.001.09")
    }

    @Test func paymentReturnRoundTrips() throws {
        let message = Fixtures.paymentReturn()
        #expect(try PaymentReturn(xml: try message.xml()) == message)
    }

    @Test func returnWithoutReasonIsRefused() {
        var message = Fixtures.paymentReturn()
        message.transactions[0].reasons = []
        #expect(throws: ISO20022Error.self) { try message.xml() }
    }
}

@Suite struct FinancialInstitutionCreditTransferTests {
    @Test(.enabled(if: XMLLint.shouldRun), arguments: Fixtures.Script.allCases)
    func pacs009ValidatesAgainstTheXSD(_ script: Fixtures.Script) throws {
        try XMLLint.expectValid(try Fixtures.financialInstitutionTransfer(script).xml(), definition: "pacs.009.001.08")
    }

    @Test func financialInstitutionTransferRoundTrips() throws {
        let message = Fixtures.financialInstitutionTransfer()
        #expect(try FinancialInstitutionCreditTransfer(xml: try message.xml()) == message)
    }

    @Test func headerAndDocumentValidateForPacs009() throws {
        guard XMLLint.shouldRun else { return }
        let message = BusinessMessage(from: Fixtures.sberbank, to: Fixtures.bankOfChina, creationDate: Fixtures.created,
                                      document: Fixtures.financialInstitutionTransfer())
        let xml = try message.xml()
        try XMLLint.expectValid(xml.header, definition: "head.001.001.02")
        #expect(xml.header.contains("<MsgDefIdr>pacs.009.001.08</MsgDefIdr>"))
    }
}
