import CorridorISO20022
import Foundation

/// An ``EmittedMessage`` as one element of the `messages` column (a JSON array): its kind and the two XML documents
/// ``EmittedMessage/xml(transliterator:)`` writes, the business application header and the document.
///
/// The XML is what was sent on the wire, so text outside the CBPR+ Latin set reads back transliterated, as the
/// receiver saw it (a message built with Cyrillic or Chinese names does not read back equal to itself).
struct StoredMessage: Codable, Sendable {
    /// The message kind (the message definition without its variant and version).
    enum Kind: String, Codable, Sendable {
        case pacs008 = "pacs.008"
        case pacs002 = "pacs.002"
        case pacs004 = "pacs.004"
    }

    var kind: Kind
    var header: String
    var document: String

    /// Writes a message.
    /// - Throws: ``ISO20022Error`` when the message cannot be written.
    init(_ message: EmittedMessage) throws(ISO20022Error) {
        switch message {
        case .pacs008: kind = .pacs008
        case .pacs002: kind = .pacs002
        case .pacs004: kind = .pacs004
        }
        (header, document) = try message.xml()
    }

    /// Reads the message back.
    /// - Throws: ``ISO20022Error`` when either document does not read as its kind.
    func message() throws(ISO20022Error) -> EmittedMessage {
        let headerXML = Data(header.utf8)
        let documentXML = Data(document.utf8)
        return switch kind {
        case .pacs008:
            .pacs008(try BusinessMessage<CustomerCreditTransfer>(headerXML: headerXML, documentXML: documentXML))
        case .pacs002:
            .pacs002(try BusinessMessage<PaymentStatusReport>(headerXML: headerXML, documentXML: documentXML))
        case .pacs004:
            .pacs004(try BusinessMessage<PaymentReturn>(headerXML: headerXML, documentXML: documentXML))
        }
    }
}
