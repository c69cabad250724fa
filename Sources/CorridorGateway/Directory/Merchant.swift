import CorridorCore

/// A merchant's id in the directory, e.g. `beijing-dumplings`.
public typealias MerchantID = String

/// The ways a payer can pay a merchant.
public enum PaymentInstrumentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A card, present (terminal) or not present (online).
    case card
    /// A bank app scanning the merchant's EMVCo merchant-presented QR code.
    case emvQR = "emv_qr"
    /// A bank app paying an SBP link.
    case sbpQR = "sbp_qr"
    /// A bank app paying a GOST R 56042 bank-transfer QR code.
    case gostTransfer = "gost_transfer"
    /// A digital-ruble wallet.
    case cbdcWallet = "cbdc_wallet"
}

/// A merchant known to the gateway: where it is, who acquires it and how it is paid.
public struct Merchant: Sendable, Hashable {
    /// The directory id.
    public let id: MerchantID
    /// The trading name in its own script.
    public var name: String
    /// City, in its own script.
    public var city: String
    /// Country of the shop.
    public var country: Country
    /// ISO 18245 merchant category code.
    public var mcc: MerchantCategoryCode
    /// The acquiring participant; its settlement account receives the merchant's money.
    public var acquirer: ParticipantID
    /// The currency the merchant is paid in.
    public var currency: Currency
    /// What it accepts.
    public var instruments: Set<PaymentInstrumentKind>
    /// Merchant discount rate in basis points of the gross amount (kept by the acquirer, which pays interchange
    /// and scheme fees out of it).
    public var discountRateBps: Int
    /// Card acceptor terminal id (ISO 8583 field 41, 8 characters).
    public var terminalID: String
    /// Card acceptor id (ISO 8583 field 42, up to 15 characters).
    public var cardAcceptorID: String
    /// The ids a scanned QR code names this merchant by: EMV merchant account information values (tags 02–51,
    /// the template's merchant id), SBP link ids (32 characters), GOST `PersonalAcc` account numbers.
    public var qrIdentifiers: [String]
    /// The merchant's digital-ruble wallet, for payers paying from a wallet (`cbdc_wallet` instruments).
    public var cbdcWallet: String?

    /// Creates a merchant.
    public init(
        id: MerchantID, name: String, city: String, country: Country, mcc: MerchantCategoryCode,
        acquirer: ParticipantID, currency: Currency, instruments: Set<PaymentInstrumentKind>,
        discountRateBps: Int, terminalID: String, cardAcceptorID: String, qrIdentifiers: [String] = [],
        cbdcWallet: String? = nil
    ) {
        self.id = id
        self.name = name
        self.city = city
        self.country = country
        self.mcc = mcc
        self.acquirer = acquirer
        self.currency = currency
        self.instruments = instruments
        self.discountRateBps = discountRateBps
        self.terminalID = terminalID
        self.cardAcceptorID = cardAcceptorID
        self.qrIdentifiers = qrIdentifiers
        self.cbdcWallet = cbdcWallet
    }
}
