/// The ISO 8583 response codes (field 39) the issuer host answers with, each mapped to the ISO 20022 status
/// reason a bank would report for the same outcome (ExternalStatusReason1Code).
public enum IssuerResponseCode: String, Sendable, Hashable, CaseIterable, Codable {
    case approved = "00"
    case doNotHonour = "05"
    case invalidTransaction = "12"
    case invalidAmount = "13"
    case invalidCardNumber = "14"
    case unableToLocateRecord = "25"
    case formatError = "30"
    case lostCard = "41"
    case stolenCard = "43"
    case insufficientFunds = "51"
    case expiredCard = "54"
    case transactionNotPermitted = "57"
    case exceedsWithdrawalLimit = "61"
    case restrictedCard = "62"
    case issuerInoperative = "91"
    case duplicateTransmission = "94"
    case systemMalfunction = "96"

    /// True for 00.
    public var isApproval: Bool { self == .approved }

    /// The ISO 20022 status reason for the same outcome (nil for an approval).
    public var iso20022Reason: String? {
        switch self {
        case .approved: nil
        case .doNotHonour: "MS03"
        case .invalidTransaction: "AG01"
        case .invalidAmount: "AM12"
        case .invalidCardNumber: "AC01"
        case .unableToLocateRecord: "AM05"
        case .formatError: "FF01"
        case .lostCard, .stolenCard, .restrictedCard: "AC06"
        case .insufficientFunds: "AM04"
        case .expiredCard: "AC04"
        case .transactionNotPermitted: "AG01"
        case .exceedsWithdrawalLimit: "AM02"
        case .issuerInoperative: "AB07"
        case .duplicateTransmission: "DUPL"
        case .systemMalfunction: "MS03"
        }
    }

    /// A short English meaning, as in scheme manuals.
    public var meaning: String {
        switch self {
        case .approved: "approved"
        case .doNotHonour: "do not honour"
        case .invalidTransaction: "invalid transaction"
        case .invalidAmount: "invalid amount"
        case .invalidCardNumber: "invalid card number"
        case .unableToLocateRecord: "unable to locate original transaction"
        case .formatError: "format error"
        case .lostCard: "lost card"
        case .stolenCard: "stolen card"
        case .insufficientFunds: "insufficient funds"
        case .expiredCard: "expired card"
        case .transactionNotPermitted: "transaction not permitted to cardholder"
        case .exceedsWithdrawalLimit: "exceeds amount limit"
        case .restrictedCard: "restricted card"
        case .issuerInoperative: "issuer or switch inoperative"
        case .duplicateTransmission: "duplicate transmission"
        case .systemMalfunction: "system malfunction"
        }
    }
}
