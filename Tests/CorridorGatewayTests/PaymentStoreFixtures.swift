import CorridorCore
import CorridorGatewaySQLite
import CorridorISO20022
import CorridorISO8583
import CorridorLedger
import Foundation

@testable import CorridorGateway

/// A directory under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var databasePath: String { "\(path)/\(SQLitePaymentStore.defaultFileName)" }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Records as the gateway builds them, one with every field set.
enum StoreFixtures {
    static let day1 = ISODate(year: 2026, month: 1, day: 1)!
    static let day2 = ISODate(year: 2026, month: 1, day: 2)!
    static let day3 = ISODate(year: 2026, month: 1, day: 3)!
    static let sberbank = try! BIC("SABRRUMM")
    static let bankOfChina = try! BIC("BKCHCNBJ")
    static let created = ISODateTime(Date(timeIntervalSince1970: 1_767_261_600), utcOffsetMinutes: 180)
    static let uetr = try! UETR(text: "8a562c67-ca16-48ba-b074-65581be6f011")
    /// A Luhn-valid test PAN.
    static let pan = "2200123456789019"

    /// A card request as the acquirer side builds it, PAN, expiry and track 2 included.
    static let cardRequestWithCardData = IsoMessage(mti: "0100", text: [
        2: pan, 3: "000000", 4: "000000150000", 7: "0101120000", 11: "000123", 14: "2812",
        35: "\(pan)=28121010000000000000", 37: "600112000123", 41: "T0000001", 42: "M1             ", 49: "156",
    ])

    static func record(id: String, on day: ISODate, refunded: Int64 = 0) -> PaymentRecord {
        PaymentRecord(
            result: result(id: id, day: day), trail: PaymentTrail(paymentID: id, request: "card …9019 150.00 CNY"),
            fingerprint: "fp-\(id)", clearingItem: clearingItem(id: id, day: day), amounts: amounts,
            refundedMinorUnits: refunded, messages: [], parties: parties)
    }

    static func refundRecord(id: String, of original: String, on day: ISODate) -> PaymentRecord {
        PaymentRecord(
            result: result(id: id, day: day), trail: PaymentTrail(paymentID: id, request: "refund of \(original)"),
            fingerprint: "fp-\(id)", clearingItem: clearingItem(id: id, day: day, original: original), amounts: amounts,
            messages: [.pacs004(paymentReturn(id: id))], parties: parties)
    }

    static func declinedRecord(id: String) -> PaymentRecord {
        let result = PaymentResult(
            paymentID: id, status: .declined, responseCode: "51", iso20022Status: "RJCT",
            declineReason: DeclineReason(iso8583Code: "51", iso20022Code: "AM04", text: "insufficient funds"),
            merchantAmount: Money(minorUnits: 15_000, currency: .cny), payerAmount: nil, merchantID: nil,
            approvalCode: nil, route: nil, transferID: nil, pacs008MessageID: nil, businessDate: day1.text)
        return PaymentRecord(result: result, trail: PaymentTrail(paymentID: id, request: "qr"), fingerprint: "fp-\(id)",
                             clearingItem: nil, amounts: nil, messages: [], parties: nil)
    }

    /// Every field set: all optionals present, a trail with every part, a message of each kind, a card request.
    static func completeRecord(id: String) -> PaymentRecord {
        var result = result(id: id, day: day1)
        result = PaymentResult(
            paymentID: id, status: .refunded, responseCode: result.responseCode, iso20022Status: "ACSC",
            declineReason: DeclineReason(iso8583Code: "00", iso20022Code: "NARR", text: "approved after review"),
            merchantAmount: result.merchantAmount, payerAmount: result.payerAmount, merchantID: result.merchantID,
            approvalCode: result.approvalCode, route: result.route, transferID: result.transferID,
            pacs008MessageID: result.pacs008MessageID, businessDate: result.businessDate)
        var trail = PaymentTrail(paymentID: id, request: "card 220012******9019 150.00 CNY at beijing-dumplings")
        trail.instrument = .card
        trail.qrPayload = "00020101021226"
        trail.card = CardTokenizer(key: Data(repeating: 7, count: 32)).token(for: try! PrimaryAccountNumber(pan))
        trail.payerName = "Щукина Юлия Андреевна"
        trail.merchantName = "北京饺子馆"
        trail.route = "card → mir-cn"
        trail.screening = "clear"
        trail.quote = "q-1 RUB/CNY 0.0823"
        trail.iso8583 = ["0100 2=220012******9019 4=000000150000", "0110 39=00"]
        trail.ledgerTransfers = ["0191c3a8-0000-7000-8000-000000000001"]
        trail.iso20022Messages = ["CORRIDOR-\(id)", "STS-\(id)", "RTR-\(id)"]
        trail.record("parse", at: 1_767_261_600_000, "card")
        trail.record("authorize", at: 1_767_261_600_120, "approved 123456")
        return PaymentRecord(
            result: result, trail: trail, fingerprint: "sha256:\(id)",
            clearingItem: clearingItem(id: id, day: day1, original: "pay-original"), amounts: amounts,
            refundedMinorUnits: 1_234,
            messages: [.pacs008(creditTransfer(id: id)), .pacs002(statusReport(id: id)),
                       .pacs004(paymentReturn(id: id))],
            parties: parties, cardRequest: cardRequestWithCardData)
    }

    static func result(id: String, day: ISODate) -> PaymentResult {
        PaymentResult(
            paymentID: id, status: .approved, responseCode: "00", iso20022Status: "ACSP", declineReason: nil,
            merchantAmount: Money(minorUnits: 15_000, currency: .cny),
            payerAmount: Money(minorUnits: 182_261, currency: .rub), merchantID: "beijing-dumplings",
            approvalCode: "123456", route: "card", transferID: "t-\(id)", pacs008MessageID: "CORRIDOR-\(id)",
            businessDate: day.text)
    }

    static func clearingItem(id: String, day: ISODate, original: String? = nil) -> ClearingItem {
        ClearingItem(
            id: id, originalPaymentID: original, kind: original == nil ? .payment : .refund, businessDate: day,
            bookedAt: Date(unixMilliseconds: 1_767_261_600_123),
            obligations: [
                Obligation(debtor: "sberbank", creditor: "fx-provider",
                           amount: Money(minorUnits: 182_261, currency: .rub)),
                Obligation(debtor: "fx-provider", creditor: "bank-of-china",
                           amount: Money(minorUnits: 15_000, currency: .cny)),
            ],
            payeeAmount: Money(minorUnits: 15_000, currency: .cny),
            payerAmount: Money(minorUnits: 182_261, currency: .rub),
            payerParticipant: "sberbank", payeeParticipant: "bank-of-china", merchantID: "beijing-dumplings",
            transferID: "t-\(id)", endToEndID: "E2E-\(id)", messageID: "CORRIDOR-\(id)")
    }

    static let amounts = BookingAmounts(
        payer: Money(minorUnits: 182_261, currency: .rub), fxMid: Money(minorUnits: 180_000, currency: .rub),
        fxMargin: Money(minorUnits: 2_261, currency: .rub), payee: Money(minorUnits: 15_000, currency: .cny),
        merchantDiscount: Money(minorUnits: 225, currency: .cny), interchange: Money(minorUnits: 90, currency: .cny),
        schemeFee: Money(minorUnits: 15, currency: .cny))

    static let parties = BookingParties(
        payerFunds: AccountID(UInt128(0x0191_C3A8) << 64 | 1), payerBank: "sberbank", fxProvider: "fx-provider",
        marginEarner: "fx-provider", acquirer: "bank-of-china", merchant: "beijing-dumplings",
        systemOperator: "operator")

    static func creditTransfer(id: String) -> BusinessMessage<CustomerCreditTransfer> {
        let document = CustomerCreditTransfer(
            groupHeader: GroupHeader(messageId: "CORRIDOR-\(id)", creationDateTime: created,
                                     settlementInstruction: SettlementInstruction(method: .instructedAgent)),
            transactions: [
                CreditTransferTransaction(
                    instructionId: "INSTR-1", endToEndId: "E2E-\(id)", transactionId: "TX-1", uetr: uetr,
                    interbankSettlementAmount: Money(minorUnits: 15_000, currency: .cny), interbankSettlementDate: day1,
                    instructedAmount: Money(minorUnits: 182_261, currency: .rub), exchangeRate: "0.0823",
                    chargeBearer: .shared, instructingAgent: FinancialInstitution(bic: sberbank),
                    instructedAgent: FinancialInstitution(bic: bankOfChina),
                    debtor: Party(name: "O'Brien & Sons <Trading>",
                                  postalAddress: PostalAddress(townName: "Moscow", country: .russia)),
                    debtorAccount: CashAccount(identification: .other(id: "40817810099910004312", schemeCode: "BBAN"),
                                               currency: .rub),
                    debtorAgent: FinancialInstitution(bic: sberbank),
                    creditorAgent: FinancialInstitution(bic: bankOfChina),
                    creditor: Party(name: "Beijing Dumplings", postalAddress: PostalAddress(townName: "Beijing",
                                                                                            country: .china)),
                    creditorAccount: CashAccount(identification: .other(id: "6217000010001234567", schemeCode: nil)),
                    remittanceInformation: ["Invoice 42"])
            ])
        return BusinessMessage(from: sberbank, to: bankOfChina, creationDate: created, document: document)
    }

    static func statusReport(id: String) -> BusinessMessage<PaymentStatusReport> {
        let document = PaymentStatusReport(
            messageId: "STS-\(id)", creationDateTime: created,
            transactionStatuses: [
                PaymentTransactionStatus(
                    originalGroup: original(id: id), originalInstructionId: "INSTR-1", originalEndToEndId: "E2E-\(id)",
                    originalTransactionId: "TX-1", originalUETR: uetr, status: .acceptedSettlementCompleted,
                    reasons: [], acceptanceDateTime: created, effectiveSettlementDate: day1,
                    instructingAgent: FinancialInstitution(bic: bankOfChina),
                    instructedAgent: FinancialInstitution(bic: sberbank))
            ])
        return BusinessMessage(from: bankOfChina, to: sberbank, creationDate: created, document: document)
    }

    static func paymentReturn(id: String) -> BusinessMessage<PaymentReturn> {
        let document = PaymentReturn(
            groupHeader: GroupHeader(messageId: "RTR-\(id)", creationDateTime: created,
                                     settlementInstruction: SettlementInstruction(method: .instructedAgent)),
            transactions: [
                PaymentReturnTransaction(
                    returnId: "RTR-\(id)", originalGroup: original(id: id), originalInstructionId: "INSTR-1",
                    originalEndToEndId: "E2E-\(id)", originalTransactionId: "TX-1", originalUETR: uetr,
                    originalInterbankSettlementAmount: Money(minorUnits: 15_000, currency: .cny),
                    originalInterbankSettlementDate: day1,
                    returnedInterbankSettlementAmount: Money(minorUnits: 15_000, currency: .cny),
                    interbankSettlementDate: day2, chargeBearer: .shared,
                    instructingAgent: FinancialInstitution(bic: bankOfChina),
                    instructedAgent: FinancialInstitution(bic: sberbank),
                    reasons: [ReasonInformation(.code("CUST"), additionalInformation: ["refund"])])
            ])
        return BusinessMessage(from: bankOfChina, to: sberbank, creationDate: created, document: document)
    }

    static func original(id: String) -> OriginalGroupReference {
        OriginalGroupReference(messageId: "CORRIDOR-\(id)", messageNameId: "pacs.008.001.08", creationDateTime: created)
    }
}
