import CorridorCore
import CorridorISO20022
import CorridorLedger
import Crypto
import Foundation

/// The ids and file names one clearing run gives its messages, all derived from the business date, a prefix and a
/// sequence number, so the same run always names everything the same way.
///
/// Formats: message ids `<prefix>-<yyyymmdd>-N001` (pacs.009), `-S001` (camt.053), `-D001` (camt.054); files
/// `pacs.009-<yyyy-mm-dd>-001.xml` with its header in `pacs.009-<yyyy-mm-dd>-001.head.xml`, `camt.053-…-001.xml`,
/// `camt.054-…-001.xml`.
struct ClearingIdentifiers: Sendable {
    let prefix: String
    let businessDate: ISODate

    /// The shortest sequence number, in digits; longer numbers widen it.
    static let sequenceDigitsMin = 3

    /// Checks that the prefix makes identifiers CBPR+ accepts.
    /// - Throws: ``ClearingError/idPrefixInvalid(_:reason:)``.
    init(prefix: String, businessDate: ISODate) throws(ClearingError) {
        self.prefix = prefix
        self.businessDate = businessDate
        do throws(ISO20022Error) {
            try CBPRPlusText.checkIdentifier(settlementMessage(1), path: "MsgId")
        } catch {
            if case .invalidIdentifier(_, _, let reason) = error {
                throw .idPrefixInvalid(prefix, reason: "the message ids it makes \(reason)")
            }
            throw .idPrefixInvalid(prefix, reason: error.description)
        }
    }

    /// `yyyymmdd`.
    var compactDate: String { businessDate.text.replacingOccurrences(of: "-", with: "") }

    /// The MsgId, InstrId and EndToEndId of the n-th pacs.009 (from 1).
    func settlementMessage(_ number: Int) -> String { "\(prefix)-\(compactDate)-N\(Self.sequence(number))" }
    /// The MsgId and statement id of the n-th camt.053.
    func statement(_ number: Int) -> String { "\(prefix)-\(compactDate)-S\(Self.sequence(number))" }
    /// The MsgId and notification id of the n-th camt.054.
    func notification(_ number: Int) -> String { "\(prefix)-\(compactDate)-D\(Self.sequence(number))" }

    /// The file of the n-th document of a message definition (`pacs.009-2026-01-01-001.xml`).
    func fileName(_ definition: MessageDefinition, _ number: Int, header: Bool = false) -> String {
        "\(definition.identifier.prefix(8))-\(businessDate.text)-\(Self.sequence(number))\(header ? ".head" : "").xml"
    }

    /// `reconciliation-2026-01-01.json` / `.md`.
    func reconciliationFileName(extension fileExtension: String) -> String {
        "reconciliation-\(businessDate.text).\(fileExtension)"
    }

    /// The gateway key of a participant's settlement transfer: `clearing/<date>/<participant>/<ccy>`.
    func settlementKey(_ participant: ParticipantID, _ currency: Currency) -> String {
        "clearing/\(businessDate.text)/\(participant)/\(currency.alphaCode)"
    }

    /// The settlement transfer's UETR: a UUID version 4 made from the settlement key's digest, so a repeated run
    /// sends the same UETR (it is the same payment).
    func settlementUETR(_ participant: ParticipantID, _ currency: Currency) -> UETR {
        let name = "corridor.gateway/uetr/" + settlementKey(participant, currency)
        let digest = Array(SHA256.hash(data: Data(name.utf8)))
        var b = Array(digest.prefix(16))
        b[6] = b[6] & 0x0F | 0x40
        b[8] = b[8] & 0x3F | 0x80
        let uuid = UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                               b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
        // The version and variant bits were just set, which is all UETR checks.
        return try! UETR(uuid)
    }

    /// A ledger id as 32 lowercase hex digits: fits the 34- and 35-character ISO 20022 identifiers (the UUID text
    /// with hyphens does not).
    static func compact(_ id: LedgerIdentifier) -> String {
        let digits = String(id.rawValue, radix: 16)
        return String(repeating: "0", count: 32 - digits.count) + digits
    }

    private static func sequence(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, sequenceDigitsMin - digits.count)) + digits
    }
}
