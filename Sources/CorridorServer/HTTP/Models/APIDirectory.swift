import CorridorGateway

/// A participant on the wire.
public struct APIParticipant: Codable, Sendable, Hashable {
    /// The directory id.
    public let id: String
    /// The name in its own script.
    public let name: String
    /// The BIC.
    public let bic: String
    /// ISO 3166 alpha-2 country.
    public let country: String
    /// Settlement currencies.
    public let currencies: [String]
    /// Roles, sorted.
    public let roles: [String]
    /// The messaging network.
    public let network: String

    /// The wire form of a participant.
    public init(_ participant: Participant) {
        id = participant.id
        name = participant.name
        bic = participant.bic.description
        country = participant.country.alpha2
        currencies = participant.currencies.map(\.alphaCode)
        roles = participant.roles.map(\.rawValue).sorted()
        network = participant.network.rawValue
    }
}

/// A merchant on the wire (also the body of `POST /merchants`, where `acquirer` may be left out by a participant).
public struct APIMerchant: Codable, Sendable, Hashable {
    /// The directory id: 1–64 of `a–z 0–9 - _ .`.
    public let id: String
    /// The trading name.
    public let name: String
    /// The city.
    public let city: String
    /// ISO 3166 alpha-2 country.
    public let country: String
    /// ISO 18245 MCC, 4 digits.
    public let mcc: String
    /// The acquiring participant.
    public let acquirer: String?
    /// ISO 4217 code of the currency it is paid in.
    public let currency: String
    /// `card`, `emv_qr`, `sbp_qr`, `gost_transfer`, `cbdc_wallet`.
    public let instruments: [String]
    /// Merchant discount rate in basis points.
    public let discountRateBps: Int?
    /// ISO 8583 field 41 terminal id (8 characters).
    public let terminalId: String?
    /// ISO 8583 field 42 card acceptor id.
    public let cardAcceptorId: String?
    /// The ids a scanned code names it by.
    public let qrIdentifiers: [String]?
    /// Its digital-ruble wallet, if any.
    public let cbdcWallet: String?

    /// The wire form of a merchant.
    public init(_ merchant: Merchant) {
        id = merchant.id
        name = merchant.name
        city = merchant.city
        country = merchant.country.alpha2
        mcc = merchant.mcc.description
        acquirer = merchant.acquirer
        currency = merchant.currency.alphaCode
        instruments = merchant.instruments.map(\.rawValue).sorted()
        discountRateBps = merchant.discountRateBps
        terminalId = merchant.terminalID
        cardAcceptorId = merchant.cardAcceptorID
        qrIdentifiers = merchant.qrIdentifiers
        cbdcWallet = merchant.cbdcWallet
    }
}
