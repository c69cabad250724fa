import CorridorCore
import CorridorISO20022
import Foundation

/// A ``ClearingItem`` as the `clearing_item` column stores it (JSON): dates as `YYYY-MM-DD`, instants as unix
/// milliseconds, amounts as minor units with the currency's alphabetic code.
///
/// `ClearingItem` itself is not `Codable`; this mirror fixes the stored form in this module, so a change to the
/// domain type's layout cannot silently change what is on disk. `bookedAt` keeps whole milliseconds (the ledger's
/// timestamp unit): an instant with a finer fraction reads back rounded to the nearest millisecond.
struct StoredClearingItem: Codable, Sendable {
    /// An amount: minor units and the ISO 4217 alphabetic code.
    struct Amount: Codable, Sendable {
        var minorUnits: Int64
        var currency: String

        init(_ money: Money) {
            minorUnits = money.minorUnits
            currency = money.currency.alphaCode
        }

        func money() throws(StoredValueInvalid) -> Money {
            guard let currency = Currency(alphaCode: currency) else {
                throw StoredValueInvalid("unknown ISO 4217 currency \"\(currency)\"")
            }
            return Money(minorUnits: minorUnits, currency: currency)
        }
    }

    /// An interbank obligation.
    struct StoredObligation: Codable, Sendable {
        var debtor: String
        var creditor: String
        var amount: Amount
    }

    var id: String
    var originalPaymentID: String?
    var kind: String
    var businessDate: String
    var bookedAtMs: Int64
    var obligations: [StoredObligation]
    var payeeAmount: Amount
    var payerAmount: Amount
    var payerParticipant: String
    var payeeParticipant: String
    var merchantID: String?
    var transferID: String
    var endToEndID: String
    var messageID: String?

    /// The stored form of an item.
    /// - Throws: ``StoredValueInvalid`` when `bookedAt` is too far from 1970 for Int64 milliseconds.
    init(_ item: ClearingItem) throws(StoredValueInvalid) {
        guard let bookedAtMs = Int64(exactly: (item.bookedAt.timeIntervalSince1970 * 1000).rounded()) else {
            throw StoredValueInvalid("bookedAt \(item.bookedAt) does not fit Int64 milliseconds")
        }
        id = item.id
        originalPaymentID = item.originalPaymentID
        kind = item.kind.rawValue
        businessDate = item.businessDate.text
        self.bookedAtMs = bookedAtMs
        obligations = item.obligations.map {
            StoredObligation(debtor: $0.debtor, creditor: $0.creditor, amount: Amount($0.amount))
        }
        payeeAmount = Amount(item.payeeAmount)
        payerAmount = Amount(item.payerAmount)
        payerParticipant = item.payerParticipant
        payeeParticipant = item.payeeParticipant
        merchantID = item.merchantID
        transferID = item.transferID
        endToEndID = item.endToEndID
        messageID = item.messageID
    }

    /// The item again.
    /// - Throws: ``StoredValueInvalid`` naming the first value that is not valid.
    func clearingItem() throws(StoredValueInvalid) -> ClearingItem {
        guard let kind = ClearingItem.Kind(rawValue: kind) else { throw StoredValueInvalid("kind \"\(kind)\"") }
        guard let businessDate = ISODate(text: businessDate) else {
            throw StoredValueInvalid("businessDate \"\(businessDate)\"")
        }
        var obligations: [Obligation] = []
        obligations.reserveCapacity(self.obligations.count)
        for obligation in self.obligations {
            obligations.append(Obligation(debtor: obligation.debtor, creditor: obligation.creditor,
                                          amount: try obligation.amount.money()))
        }
        return ClearingItem(
            id: id, originalPaymentID: originalPaymentID, kind: kind, businessDate: businessDate,
            bookedAt: Date(unixMilliseconds: bookedAtMs), obligations: obligations,
            payeeAmount: try payeeAmount.money(), payerAmount: try payerAmount.money(),
            payerParticipant: payerParticipant, payeeParticipant: payeeParticipant, merchantID: merchantID,
            transferID: transferID, endToEndID: endToEndID, messageID: messageID)
    }
}

/// A stored value that is well-formed JSON but not a valid value of its type (an unknown currency, a bad date).
struct StoredValueInvalid: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
