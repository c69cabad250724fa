import CorridorCore

/// What a step does: each is the file's one action key.
public enum ScenarioAction: Sendable, Hashable {
    /// `card`: a card payment at a merchant of the directory (ISO 8583 to the issuer host).
    case card(pan: String, expiry: String, merchant: String, amount: Money, present: Bool, dcc: Bool)
    /// `qr`: a bank customer (`bank/reference`) scans a merchant's code: the payload is given, or made from the
    /// merchant's entry in the directory (EMV for `emv_qr`, an SBP link for `sbp_qr`).
    case qr(payer: String, merchant: String?, payload: String?, amount: Money?)
    /// `wallet_open`: a bank opens a digital-ruble wallet for a holder.
    case walletOpen(holder: String, name: String, type: String, bank: String, merchantCategoryCode: Int?)
    /// `wallet_deposit`: cash paid into the holder's deposit at a bank (what conversions draw on).
    case walletDeposit(holder: String, bank: String, amount: Money)
    /// `wallet_convert`: deposit → digital rubles, or back when `toDeposit`.
    case walletConvert(holder: String, bank: String, amount: Money, toDeposit: Bool)
    /// `wallet_pay`: P2P to another holder, or C2B by the merchant wallet's dynamic QR.
    case walletPay(from: String, to: String?, merchant: String?, amount: Money)
    /// `refund`: a refund of an earlier step's payment (all of it when `amount` is nil).
    case refund(payment: String, amount: Money?)
    /// `clear`: end of the business day: netting, pacs.009, camt.053/.054.
    case clear
    /// `traffic`: the generated traffic of the file's `population`, `traffic` and `faults`.
    case traffic

    /// The file's key for the action.
    public var key: String {
        switch self {
        case .card: "card"
        case .qr: "qr"
        case .walletOpen: "wallet_open"
        case .walletDeposit: "wallet_deposit"
        case .walletConvert: "wallet_convert"
        case .walletPay: "wallet_pay"
        case .refund: "refund"
        case .clear: "clear"
        case .traffic: "traffic"
        }
    }

    /// True for the actions that are payments (counted by `approval_rate`).
    public var isPayment: Bool {
        switch self {
        case .card, .qr, .walletPay: true
        default: false
        }
    }
}
