import CorridorCore
import CorridorISO20022
import Foundation

/// What one booked payment, refund or reversal contributes to a business day's clearing.
public struct ClearingItem: Sendable, Hashable {
    /// What booked it.
    public enum Kind: String, Sendable, Hashable, Codable {
        case payment, refund, reversal
    }

    /// The payment id (refunds and reversals carry their own id and name the payment in `originalPaymentID`).
    public let id: String
    /// The payment a refund or reversal undoes.
    public let originalPaymentID: String?
    /// What booked it.
    public let kind: Kind
    /// The business day it belongs to (UTC date of booking).
    public let businessDate: ISODate
    /// When it was booked.
    public let bookedAt: Date
    /// The interbank debts it created; their sum per participant and currency is what the ledger positions moved.
    public let obligations: [Obligation]
    /// The merchant (or payee) amount.
    public let payeeAmount: Money
    /// The amount taken from the payer, in the payer's currency.
    public let payerAmount: Money
    /// The payer's bank or card issuer.
    public let payerParticipant: ParticipantID
    /// The merchant's acquirer.
    public let payeeParticipant: ParticipantID
    /// The merchant.
    public let merchantID: MerchantID?
    /// The ledger transfer that booked it.
    public let transferID: String
    /// End-to-end id used in the ISO 20022 messages.
    public let endToEndID: String
    /// The pacs.008 (or pacs.004) message id for cross-border items, nil for domestic ones.
    public let messageID: String?

    /// Creates a clearing item.
    public init(
        id: String, originalPaymentID: String? = nil, kind: Kind, businessDate: ISODate, bookedAt: Date,
        obligations: [Obligation], payeeAmount: Money, payerAmount: Money, payerParticipant: ParticipantID,
        payeeParticipant: ParticipantID, merchantID: MerchantID?, transferID: String, endToEndID: String,
        messageID: String?
    ) {
        self.id = id
        self.originalPaymentID = originalPaymentID
        self.kind = kind
        self.businessDate = businessDate
        self.bookedAt = bookedAt
        self.obligations = obligations
        self.payeeAmount = payeeAmount
        self.payerAmount = payerAmount
        self.payerParticipant = payerParticipant
        self.payeeParticipant = payeeParticipant
        self.merchantID = merchantID
        self.transferID = transferID
        self.endToEndID = endToEndID
        self.messageID = messageID
    }
}

extension ClearingItem {
    /// Booking order, the order clearing lists a day's items in: booking time, then id.
    public static func bookedBefore(_ lhs: ClearingItem, _ rhs: ClearingItem) -> Bool {
        lhs.bookedAt != rhs.bookedAt ? lhs.bookedAt < rhs.bookedAt : lhs.id < rhs.id
    }
}
