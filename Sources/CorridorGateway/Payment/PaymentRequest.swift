import CorridorCore

/// A bank-app payer: a customer of a bank in the directory.
public struct BankPayer: Sendable, Hashable, Codable {
    /// The customer's bank.
    public let bank: ParticipantID
    /// The bank's reference for the customer.
    public let reference: String

    /// Creates a payer reference.
    public init(bank: ParticipantID, reference: String) {
        self.bank = bank
        self.reference = reference
    }
}

/// A card payment as a terminal or an online checkout sends it. The PAN is used to authorize and then only its
/// token and last four digits are kept; the CVV is never stored.
public struct CardPaymentDetails: Sendable {
    /// The card number.
    public let pan: PrimaryAccountNumber
    /// Expiry as printed, YYMM.
    public let expiry: String
    /// The card verification value; checked for shape and dropped.
    public let cvv: String?
    /// Card present (chip/contactless at a terminal) or not (online).
    public let present: Bool
    /// The merchant.
    public let merchant: MerchantID
    /// The price in the merchant's currency.
    public let amount: Money
    /// The tourist chose to pay in the card's home currency (dynamic currency conversion).
    public let dcc: Bool

    /// Creates card payment details.
    public init(pan: PrimaryAccountNumber, expiry: String, cvv: String? = nil, present: Bool = true, merchant: MerchantID,
                amount: Money, dcc: Bool = false) {
        self.pan = pan
        self.expiry = expiry
        self.cvv = cvv
        self.present = present
        self.merchant = merchant
        self.amount = amount
        self.dcc = dcc
    }
}

/// A merchant QR code scanned by a bank app (EMV, SBP link or GOST transfer).
public struct QRPaymentDetails: Sendable, Hashable {
    /// The payload exactly as scanned.
    public let payload: String
    /// Who pays.
    public let payer: BankPayer
    /// The amount the payer typed, for static codes without one (must equal the code's amount when it has one).
    public let amount: Money?

    /// Creates QR payment details.
    public init(payload: String, payer: BankPayer, amount: Money? = nil) {
        self.payload = payload
        self.payer = payer
        self.amount = amount
    }
}

/// A merchant QR code scanned by a digital-ruble wallet app: the payment goes to the digital-ruble platform.
public struct WalletPaymentDetails: Sendable, Hashable {
    /// The payload exactly as scanned.
    public let payload: String
    /// The payer's wallet on the platform.
    public let wallet: String
    /// The amount for static codes (must equal the code's amount when it has one).
    public let amount: Money?

    /// Creates wallet payment details.
    public init(payload: String, wallet: String, amount: Money? = nil) {
        self.payload = payload
        self.wallet = wallet
        self.amount = amount
    }
}

/// What `Gateway.submit` takes (DESIGN.md §1).
public struct PaymentRequest: Sendable {
    /// The payer's instrument.
    public enum Instrument: Sendable {
        case card(CardPaymentDetails)
        case qr(QRPaymentDetails)
        case wallet(WalletPaymentDetails)
    }

    /// The payment id, which is also its idempotency key: the same id with the same request returns the first
    /// result. Generated when nil.
    public var id: String?
    /// How the payer pays.
    public var instrument: Instrument
    /// An FX quote the payer accepted (from `Gateway.quote`); an expired one declines the payment.
    public var quoteID: String?

    /// Creates a request.
    public init(id: String? = nil, instrument: Instrument, quoteID: String? = nil) {
        self.id = id
        self.instrument = instrument
        self.quoteID = quoteID
    }

    /// A card payment.
    public static func card(_ details: CardPaymentDetails, id: String? = nil, quoteID: String? = nil) -> PaymentRequest {
        PaymentRequest(id: id, instrument: .card(details), quoteID: quoteID)
    }

    /// A scanned QR payment.
    public static func qr(_ details: QRPaymentDetails, id: String? = nil, quoteID: String? = nil) -> PaymentRequest {
        PaymentRequest(id: id, instrument: .qr(details), quoteID: quoteID)
    }

    /// A payment from a digital-ruble wallet scanning a merchant's code.
    public static func wallet(_ details: WalletPaymentDetails, id: String? = nil) -> PaymentRequest {
        PaymentRequest(id: id, instrument: .wallet(details))
    }

    /// A fingerprint of the request's content, for idempotency checks; built from the card token, never the PAN.
    func fingerprint(cardToken: String?) -> String {
        switch instrument {
        case .card(let card):
            "card|\(cardToken ?? "")|\(card.expiry)|\(card.present)|\(card.merchant)|\(card.amount)|\(card.dcc)|\(quoteID ?? "")"
        case .qr(let qr):
            "qr|\(qr.payload)|\(qr.payer.bank)/\(qr.payer.reference)|\(qr.amount.map { "\($0)" } ?? "")|\(quoteID ?? "")"
        case .wallet(let wallet):
            "wallet|\(wallet.payload)|\(wallet.wallet)|\(wallet.amount.map { "\($0)" } ?? "")"
        }
    }
}
