import CorridorCore
import CorridorISO20022

/// A participant's id in the directory: a short lowercase name such as `mirbank` or `icbc-beijing`.
public typealias ParticipantID = String

/// What a participant does in the payment chain; one participant may play several roles.
public enum ParticipantRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// Holds customer accounts (payers of QR bank-app payments).
    case bank
    /// Acquires merchants: card terminals, merchant QR codes.
    case acquirer
    /// Issues cards (answered by the issuer host).
    case issuer
    /// Operates a payment system (a card scheme, SBP, a messaging network); earns scheme fees.
    case paymentSystemOperator = "operator"
    /// Runs the digital-ruble platform.
    case cbdcPlatform = "cbdc_platform"
    /// Converts currencies for cross-currency payments; earns the FX margin.
    case fxProvider = "fx_provider"
    /// Settles net positions in a currency at the end of the day (a central bank or a clearing bank).
    case settlementAgent = "settlement_agent"
}

/// The messaging network a participant's cross-border ISO 20022 traffic travels on (modelled, not connected).
public enum MessagingNetwork: String, Sendable, Hashable, Codable, CaseIterable {
    /// The Bank of Russia's financial messaging system.
    case spfs
    /// China's Cross-border Interbank Payment System.
    case cips
    /// SWIFT FIN / MX.
    case swift
}

/// A bank or operator known to the gateway (the participants directory, DESIGN.md §1 step 2).
public struct Participant: Sendable, Hashable {
    /// The directory id.
    public let id: ParticipantID
    /// The legal or trading name, in its own script (transliterated only inside ISO 20022 messages).
    public var name: String
    /// The BIC that identifies the participant as an agent in ISO 20022 messages.
    public var bic: BIC
    /// Where it is licensed.
    public var country: Country
    /// The currencies it settles in; a settlement account exists for each.
    public var currencies: [Currency]
    /// What it does.
    public var roles: Set<ParticipantRole>
    /// The network its cross-border messages use.
    public var network: MessagingNetwork
    /// Russian bank identification code (9 digits), when it has one.
    public var bik: String?
    /// SBP member id (12 digits), when it is an SBP member.
    public var sbpMemberID: String?
    /// China National Advanced Payment System code (12 digits), when it has one.
    public var cnaps: String?

    /// Creates a participant.
    public init(
        id: ParticipantID, name: String, bic: BIC, country: Country, currencies: [Currency],
        roles: Set<ParticipantRole>, network: MessagingNetwork = .swift, bik: String? = nil,
        sbpMemberID: String? = nil, cnaps: String? = nil
    ) {
        self.id = id
        self.name = name
        self.bic = bic
        self.country = country
        self.currencies = currencies
        self.roles = roles
        self.network = network
        self.bik = bik
        self.sbpMemberID = sbpMemberID
        self.cnaps = cnaps
    }

    /// Whether the participant plays a role.
    public func has(_ role: ParticipantRole) -> Bool { roles.contains(role) }
}
