import CorridorCore

/// The participants and merchants directory (DESIGN.md §1 step 2): who the banks, schemes, FX provider and
/// settlement agents are, and which merchants they acquire. Loaded from YAML (`GatewayDirectory(yaml:)`) and
/// editable through the API.
public struct GatewayDirectory: Sendable {
    /// Participants by id.
    public private(set) var participants: [ParticipantID: Participant] = [:]
    /// Merchants by id.
    public private(set) var merchants: [MerchantID: Merchant] = [:]
    /// The participant that settles each currency's net positions at clearing.
    public private(set) var settlementAgents: [Currency: ParticipantID] = [:]
    /// The participant that converts currencies (earns the FX margin).
    public private(set) var fxProvider: ParticipantID?
    /// Operators and fees per payment system.
    public private(set) var paymentSystems: [PaymentSystem: PaymentSystemProfile] = [:]
    /// Compliance limits (per payer per day, per corridor per day, per payment), on the merchant's amount.
    public var screeningLimits: ScreeningLimits = .unlimited
    /// Bank-app payers by `bank/reference`.
    public private(set) var customers: [String: BankCustomer] = [:]
    private var merchantsByQRIdentifier: [String: MerchantID] = [:]

    /// An empty directory.
    public init() {}

    /// The participant with this id.
    public func participant(_ id: ParticipantID) -> Participant? { participants[id] }

    /// The merchant with this id.
    public func merchant(_ id: MerchantID) -> Merchant? { merchants[id] }

    /// The merchant a scanned QR code names (an EMV merchant account value, an SBP link id, a GOST account).
    public func merchant(qrIdentifier: String) -> Merchant? {
        merchantsByQRIdentifier[qrIdentifier].flatMap { merchants[$0] }
    }

    /// Adds or replaces a participant.
    public mutating func add(_ participant: Participant) { participants[participant.id] = participant }

    /// Adds or replaces a merchant; its acquirer must be a known participant with the acquirer role.
    public mutating func add(_ merchant: Merchant) throws(GatewayConfigurationError) {
        guard let acquirer = participants[merchant.acquirer], acquirer.has(.acquirer) else {
            throw .referenceUnknown(line: 0, key: "acquirer", value: merchant.acquirer)
        }
        if let old = merchants[merchant.id] {
            for identifier in old.qrIdentifiers where merchantsByQRIdentifier[identifier] == old.id {
                merchantsByQRIdentifier[identifier] = nil
            }
        }
        for identifier in merchant.qrIdentifiers {
            if let other = merchantsByQRIdentifier[identifier], other != merchant.id {
                throw .valueInvalid(line: 0, key: "qr_identifiers", reason: "\"\(identifier)\" already names merchant \(other)")
            }
        }
        merchants[merchant.id] = merchant
        for identifier in merchant.qrIdentifiers { merchantsByQRIdentifier[identifier] = merchant.id }
    }

    /// The customer `reference` of `bank`.
    public func customer(bank: ParticipantID, reference: String) -> BankCustomer? { customers["\(bank)/\(reference)"] }

    /// Adds or replaces a bank customer; the bank must be a known participant with the bank role.
    public mutating func add(_ customer: BankCustomer) throws(GatewayConfigurationError) {
        guard let bank = participants[customer.bank], bank.has(.bank) else {
            throw .referenceUnknown(line: 0, key: "bank", value: customer.bank)
        }
        customers[customer.key] = customer
    }

    /// Names the settlement agent of a currency.
    public mutating func setSettlementAgent(_ agent: ParticipantID, for currency: Currency) {
        settlementAgents[currency] = agent
    }

    /// Names the FX provider.
    public mutating func setFXProvider(_ provider: ParticipantID) { fxProvider = provider }

    /// Adds or replaces a payment system's profile.
    public mutating func add(_ profile: PaymentSystemProfile) { paymentSystems[profile.system] = profile }
}
