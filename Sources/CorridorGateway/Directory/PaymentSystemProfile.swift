import CorridorCore

/// The payment systems a payment can travel on, each with an operator and its fees.
public enum PaymentSystem: String, Sendable, Hashable, Codable, CaseIterable {
    case mir, unionPay = "unionpay", visa, mastercard
    /// Russia's Faster Payments System (SBP links).
    case sbp
    /// EMVCo merchant QR paid from a bank app (the acquirer's QR network).
    case emvQR = "emv_qr"
    /// A bank transfer from a GOST R 56042 QR code.
    case bankTransfer = "bank_transfer"
    /// The Bank of Russia's digital-ruble platform.
    case digitalRuble = "digital_ruble"

    /// The payment system a card of this scheme travels on, when the gateway serves it.
    public init?(scheme: CardScheme) {
        switch scheme {
        case .mir: self = .mir
        case .unionPay: self = .unionPay
        case .visa: self = .visa
        case .mastercard: self = .mastercard
        default: return nil
        }
    }
}

/// Who operates a payment system and what it charges, as rates of the merchant's gross amount.
public struct PaymentSystemProfile: Sendable, Hashable {
    /// The system.
    public let system: PaymentSystem
    /// The operating participant (earns the scheme fee).
    public var operatorID: ParticipantID
    /// Interchange paid by the acquirer to the payer's bank, in basis points.
    public var interchangeBps: Int
    /// Scheme fee paid by the acquirer to the operator, in basis points.
    public var schemeFeeBps: Int

    /// Creates a profile.
    public init(system: PaymentSystem, operatorID: ParticipantID, interchangeBps: Int, schemeFeeBps: Int) {
        self.system = system
        self.operatorID = operatorID
        self.interchangeBps = interchangeBps
        self.schemeFeeBps = schemeFeeBps
    }
}
