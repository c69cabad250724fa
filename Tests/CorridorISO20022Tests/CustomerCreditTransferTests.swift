import CorridorTesting
import CorridorCore
import CorridorISO20022
import Testing

@Suite struct CustomerCreditTransferTests {
    @Test(.enabled(if: XMLLint.shouldRun), arguments: Fixtures.Script.allCases)
    func pacs008ValidatesAgainstTheXSD(_ script: Fixtures.Script) throws {
        let xml = try Fixtures.creditTransfer(script).xml()
        try XMLLint.expectValid(xml, definition: "pacs.008.001.08")
        let compact = try Fixtures.creditTransfer(script).xml(prettyPrinted: false)
        try XMLLint.expectValid(compact, definition: "pacs.008.001.08")
    }

    @Test func latinMessageRoundTripsToTheSameModel() throws {
        let message = Fixtures.creditTransfer(.latin)
        for pretty in [true, false] {
            #expect(try CustomerCreditTransfer(xml: try message.xml(prettyPrinted: pretty)) == message)
        }
    }

    @Test(arguments: Fixtures.Script.allCases)
    func writingWhatWasReadGivesTheSameBytes(_ script: Fixtures.Script) throws {
        let xml = try Fixtures.creditTransfer(script).xml()
        #expect(try CustomerCreditTransfer(xml: xml).xml() == xml)
    }

    @Test func specialCharactersAreEscaped() throws {
        let xml = try Fixtures.creditTransfer(.latin).xml()
        #expect(xml.contains("<Nm>O&apos;Brien &amp; Sons &lt;Trading&gt; &quot;Ltd&quot;</Nm>"))
        #expect(xml.contains("<Ustrd>Invoice &lt;42&gt; &amp; &apos;tea&apos; &quot;2026&quot;</Ustrd>"))
    }

    @Test func namesAreTransliterated() throws {
        let cyrillic = try CustomerCreditTransfer(xml: try Fixtures.creditTransfer(.cyrillic).xml())
        #expect(cyrillic.transactions[0].debtor.name == "Shchukina Iuliia Andreevna")
        #expect(cyrillic.transactions[0].debtor.postalAddress?.townName == "Moskva")
        #expect(cyrillic.transactions[0].creditor.name == "OOO \"Chainyi dom\"")
        #expect(cyrillic.transactions[0].remittanceInformation == ["Oplata scheta No. 42"])
        let chinese = try CustomerCreditTransfer(xml: try Fixtures.creditTransfer(.chinese).xml())
        #expect(chinese.transactions[0].debtor.name == "Wang Xiaoming")
        #expect(chinese.transactions[0].creditor.name == "Beijingshudianyouxiangongsi")
        #expect(chinese.transactions[0].debtor.postalAddress?.buildingNumber == "3 Hao")
    }

    @Test func amountsUseTheCurrencyExponent() throws {
        var message = Fixtures.creditTransfer()
        message.transactions[0].interbankSettlementAmount = Money(minorUnits: 1_234, currency: .jpy)
        message.transactions[0].instructedAmount = Money(minorUnits: 1_234_567, currency: .kwd)
        let xml = try message.xml()
        #expect(xml.contains("<IntrBkSttlmAmt Ccy=\"JPY\">1234</IntrBkSttlmAmt>"))
        #expect(xml.contains("<InstdAmt Ccy=\"KWD\">1234.567</InstdAmt>"))
        #expect(try CustomerCreditTransfer(xml: xml) == message)
    }

    @Test func missingUETRBreaksTheCBPRPlusRule() {
        var message = Fixtures.creditTransfer()
        message.transactions[0].uetr = nil
        #expect(throws: ISO20022Error.ruleViolation(path: "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/UETR",
                                                    rule: "CBPR+ requires a UETR on every payment")) {
            try message.xml()
        }
    }

    @Test func agentWithoutBICIsRejected() {
        var message = Fixtures.creditTransfer()
        message.transactions[0].debtorAgent = FinancialInstitution(
            bic: nil, clearingSystemMember: ClearingSystemMember(clearingSystemCode: "RUCBC", memberId: "044525225"))
        #expect(throws: ISO20022Error.ruleViolation(
            path: "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/DbtrAgt/FinInstnId/BICFI", rule: "CBPR+ agents need a BIC")) {
            try message.xml()
        }
    }

    @Test func serviceLevelChargeBearerIsRejected() {
        var message = Fixtures.creditTransfer()
        message.transactions[0].chargeBearer = .serviceLevel
        #expect(throws: ISO20022Error.self) { try message.xml() }
    }

    @Test func negativeAndOverlongAmountsAreRejected() {
        for minorUnits: Int64 in [-1, 1_000_000_000_000_000_000, .max] {
            var message = Fixtures.creditTransfer()
            message.transactions[0].interbankSettlementAmount = Money(minorUnits: minorUnits, currency: .cny)
            #expect(throws: ISO20022Error.amountOutOfRange(
                path: "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt", minorUnits: minorUnits)) {
                try message.xml()
            }
        }
    }

    @Test func badIdentifiersAreRejected() {
        for id in ["", String(repeating: "X", count: 36), "/E2E", "E2E//1", "Платёж"] {
            var message = Fixtures.creditTransfer()
            message.transactions[0].endToEndId = id
            #expect(throws: ISO20022Error.self) { try message.xml() }
        }
    }

    @Test func longNamesAreCutTo140Characters() throws {
        var message = Fixtures.creditTransfer()
        message.transactions[0].debtor.name = String(repeating: "Щ", count: 100)
        let read = try CustomerCreditTransfer(xml: try message.xml())
        #expect(read.transactions[0].debtor.name?.count == 140)
    }
}
