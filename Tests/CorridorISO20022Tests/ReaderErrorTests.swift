import CorridorCore
import CorridorISO20022
import Testing

@Suite struct ReaderErrorTests {
    static func pacs008(replacing target: String, with replacement: String) throws -> String {
        let xml = try Fixtures.creditTransfer().xml()
        precondition(xml.contains(target), "fixture lacks \(target)")
        return xml.replacingOccurrences(of: target, with: replacement)
    }

    @Test func unknownCurrencyNamesTheAmountPath() throws {
        let xml = try Self.pacs008(replacing: "Ccy=\"CNY\"", with: "Ccy=\"XYZ\"")
        #expect(throws: ISO20022Error.unknownCurrency(path: "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt",
                                                      code: "XYZ")) {
            try CustomerCreditTransfer(xml: xml)
        }
    }

    @Test func amountOverflowIsATypedError() throws {
        let xml = try Self.pacs008(replacing: ">1234.56<", with: ">99999999999999999999.99<")
        #expect(throws: ISO20022Error.invalidAmount(path: "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt",
                                                    text: "99999999999999999999.99", reason: .overflow)) {
            try CustomerCreditTransfer(xml: xml)
        }
    }

    @Test func tooManyFractionDigitsAreRejectedNotRounded() throws {
        let xml = try Self.pacs008(replacing: ">1234.56<", with: ">1234.567<")
        #expect(throws: ISO20022Error.self) { try CustomerCreditTransfer(xml: xml) }
    }

    @Test func missingElementNamesItsPath() throws {
        let xml = try Self.pacs008(replacing: "<EndToEndId>E2E-1</EndToEndId>", with: "")
        #expect(throws: ISO20022Error.missingElement(path: "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/EndToEndId")) {
            try CustomerCreditTransfer(xml: xml)
        }
    }

    @Test func badBICIsRejectedWhenRead() throws {
        let xml = try Self.pacs008(replacing: "<BICFI>SABRRUMM</BICFI>", with: "<BICFI>SABR1UMM</BICFI>")
        #expect(throws: ISO20022Error.invalidBIC("SABR1UMM")) { try CustomerCreditTransfer(xml: xml) }
    }

    @Test func transactionCountMustMatch() throws {
        let xml = try Self.pacs008(replacing: "<NbOfTxs>1</NbOfTxs>", with: "<NbOfTxs>2</NbOfTxs>")
        #expect(throws: ISO20022Error.transactionCountMismatch(path: "/Document/FIToFICstmrCdtTrf/GrpHdr/NbOfTxs",
                                                               declared: "2", actual: 1)) {
            try CustomerCreditTransfer(xml: xml)
        }
    }

    @Test func wrongNamespaceIsRejected() throws {
        let xml = try Self.pacs008(replacing: "pacs.008.001.08", with: "pacs.008.001.09")
        #expect(throws: ISO20022Error.unexpectedDocument(expected: "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08",
                                                         found: "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.09")) {
            try CustomerCreditTransfer(xml: xml)
        }
    }

    @Test func malformedXMLGivesAPosition() {
        #expect {
            try CustomerCreditTransfer(xml: "<Document xmlns=\"x\"><GrpHdr></Document>")
        } throws: { error in
            guard case .malformedXML(let line, _, _) = error as? ISO20022Error else { return false }
            return line >= 1
        }
    }

    @Test func doctypeIsRefused() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e \"x\">]><Document/>"
        #expect(throws: ISO20022Error.malformedXML(line: 0, column: 0, message: "DOCTYPE declarations are not accepted")) {
            try CustomerCreditTransfer(xml: xml)
        }
    }

    @Test func badUETRIsRejected() throws {
        let xml = try Self.pacs008(replacing: "8a562c67-ca16-48ba-b074-65581be6f011",
                                   with: "8a562c67-ca16-18ba-b074-65581be6f011")
        #expect(throws: ISO20022Error.invalidUETR("8a562c67-ca16-18ba-b074-65581be6f011")) {
            try CustomerCreditTransfer(xml: xml)
        }
    }
}
