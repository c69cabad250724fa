/// Who a merchant account information ID (tags 02–51) belongs to (EMV QRCPS MPM 4.3, table 4.2).
public enum EMVPaymentNetwork: String, Sendable, Hashable, Codable, CaseIterable {
    /// Tags 02–03.
    case visa
    /// Tags 04–05.
    case mastercard
    /// Tags 06–08 and 17–25, reserved by EMVCo.
    case reservedEMVCo
    /// Tags 09–10.
    case discover
    /// Tags 11–12.
    case amex
    /// Tags 13–14.
    case jcb
    /// Tags 15–16.
    case unionPay
    /// Tags 26–51: a template whose sub-ID 00 is a globally unique identifier (PIX, PromptPay, QRIS, Alipay, …).
    case globallyUniqueIdentifier

    /// The network that owns `id`, or nil outside 02–51.
    /// - Parameters:
    ///   - id: the merchant account information ID.
    public init?(id: UInt8) {
        switch id {
        case 2...3: self = .visa
        case 4...5: self = .mastercard
        case 6...8, 17...25: self = .reservedEMVCo
        case 9...10: self = .discover
        case 11...12: self = .amex
        case 13...14: self = .jcb
        case 15...16: self = .unionPay
        case 26...51: self = .globallyUniqueIdentifier
        default: return nil
        }
    }
}
