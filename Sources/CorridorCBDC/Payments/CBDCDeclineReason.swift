import CorridorCore

/// Why the platform declined an operation, with its codes in ISO 8583 (field 39) and ISO 20022 (pacs.002
/// `StsRsnInf/Rsn/Cd`) terms. A declined operation changed nothing on the ledger.
public enum CBDCDeclineReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The payer's wallet (or deposit, for a conversion) lacks the funds: 51 / AM04.
    case insufficientFunds
    /// The bank's correspondent account lacks the reserves for a conversion: 51 / AM04.
    case bankReservesInsufficient(bank: String)
    /// Over the wallet type's single-payment limit: 61 / AM14.
    case singlePaymentLimitExceeded(limit: Money)
    /// Over the wallet type's daily spend limit: 61 / AM14.
    case dailyLimitExceeded(limit: Money)
    /// Over the wallet type's monthly top-up limit: 61 / AM14.
    case monthlyTopUpLimitExceeded(limit: Money)
    /// The paying wallet is unknown: 14 / AC01.
    case payerUnknown(String)
    /// The wallet paid is unknown: 14 / AC03.
    case payeeUnknown(String)
    /// The bank is not a participant: 15 / RC01.
    case bankUnknown(String)
    /// The bank does not serve the wallet: 57 / AG01.
    case bankDoesNotServeWallet(bank: String)
    /// The payment kind does not fit the wallets (a company paying P2P, a person paying G2P): 57 / AG01.
    case kindNotPermitted(String)
    /// The amount is not a positive RUB amount: 13 / AM12.
    case amountInvalid
    /// The id is malformed: 30 / FF01.
    case idInvalid
    /// The id already names another operation: 94 / AM05.
    case idReused(String)
    /// The QR payload is not a platform payment code: 30 / FF01.
    case qrInvalid(String)
    /// The refund is for more than what is left of the payment: 13 / AM09.
    case refundExceedsPayment(remaining: Money)
    /// The payment cannot be refunded (unknown, declined, or not a payment): 57 / AG01.
    case notRefundable(String)
    /// The ledger could not be reached or refused for another reason: 96 / MS03.
    case systemError(String)

    /// The ISO 8583 response code (field 39).
    public var iso8583Code: String {
        switch self {
        case .insufficientFunds, .bankReservesInsufficient: "51"
        case .singlePaymentLimitExceeded, .dailyLimitExceeded, .monthlyTopUpLimitExceeded: "61"
        case .payerUnknown, .payeeUnknown: "14"
        case .bankUnknown: "15"
        case .bankDoesNotServeWallet, .kindNotPermitted, .notRefundable: "57"
        case .amountInvalid, .refundExceedsPayment: "13"
        case .idInvalid, .qrInvalid: "30"
        case .idReused: "94"
        case .systemError: "96"
        }
    }

    /// The ISO 20022 status reason code (ExternalStatusReason1Code).
    public var iso20022Code: String {
        switch self {
        case .insufficientFunds, .bankReservesInsufficient: "AM04"
        case .singlePaymentLimitExceeded, .dailyLimitExceeded, .monthlyTopUpLimitExceeded: "AM14"
        case .payerUnknown: "AC01"
        case .payeeUnknown: "AC03"
        case .bankUnknown: "RC01"
        case .bankDoesNotServeWallet, .kindNotPermitted, .notRefundable: "AG01"
        case .amountInvalid: "AM12"
        case .idInvalid, .qrInvalid: "FF01"
        case .idReused: "AM05"
        case .refundExceedsPayment: "AM09"
        case .systemError: "MS03"
        }
    }

    /// What happened, for people.
    public var text: String {
        switch self {
        case .insufficientFunds: "insufficient funds"
        case .bankReservesInsufficient(let bank): "bank \(bank) lacks reserves for the conversion"
        case .singlePaymentLimitExceeded(let limit): "over the single-payment limit of \(limit)"
        case .dailyLimitExceeded(let limit): "over the daily limit of \(limit)"
        case .monthlyTopUpLimitExceeded(let limit): "over the monthly top-up limit of \(limit)"
        case .payerUnknown(let id): "no wallet \(id)"
        case .payeeUnknown(let id): "no wallet \(id) to pay"
        case .bankUnknown(let id): "no participant bank \(id)"
        case .bankDoesNotServeWallet(let bank): "bank \(bank) does not serve this wallet"
        case .kindNotPermitted(let text): text
        case .amountInvalid: "amount must be a positive RUB amount"
        case .idInvalid: "id must be 1–64 of A–Z a–z 0–9 . _ -"
        case .idReused(let id): "id \(id) already names another operation"
        case .qrInvalid(let text): "not a digital-ruble payment code: \(text)"
        case .refundExceedsPayment(let remaining): "refund exceeds the \(remaining) left to refund"
        case .notRefundable(let text): text
        case .systemError(let text): text
        }
    }

    public var description: String { "\(iso8583Code)/\(iso20022Code) \(text)" }
}
