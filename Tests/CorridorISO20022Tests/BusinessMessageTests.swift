import CorridorTesting
import CorridorCore
import CorridorISO20022
import Foundation
import Testing

@Suite struct BusinessMessageTests {
    @Test(.enabled(if: XMLLint.shouldRun))
    func headerAndDocumentEachValidate() throws {
        let message = BusinessMessage(from: Fixtures.sberbank, to: Fixtures.bankOfChina, creationDate: Fixtures.created,
                                      document: Fixtures.creditTransfer(.cyrillic))
        let xml = try message.xml()
        try XMLLint.expectValid(xml.header, definition: "head.001.001.02")
        try XMLLint.expectValid(xml.document, definition: "pacs.008.001.08")
    }

    @Test func businessMessageRoundTrips() throws {
        let message = BusinessMessage(from: Fixtures.sberbank, to: Fixtures.bankOfChina, creationDate: Fixtures.created,
                                      document: Fixtures.creditTransfer(.latin))
        let xml = try message.xml()
        let read = try BusinessMessage<CustomerCreditTransfer>(headerXML: Data(xml.header.utf8),
                                                               documentXML: Data(xml.document.utf8))
        #expect(read == message)
        #expect(read.header.messageDefinitionId == "pacs.008.001.08")
    }

    @Test func headerForAnotherDocumentIsRejected() {
        let header = BusinessApplicationHeader(from: Fixtures.sberbank, to: Fixtures.bankOfChina,
                                               businessMessageId: "CORRIDOR-20260101-0001",
                                               messageDefinitionId: "pacs.009.001.08", creationDate: Fixtures.created)
        #expect(throws: ISO20022Error.self) {
            try BusinessMessage(header: header, document: Fixtures.creditTransfer())
        }
    }
}
