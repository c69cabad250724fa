import CorridorCore

/// A party of a payment that screening compares with the watch list: the payer, the payee (merchant) or a bank.
public struct ScreeningSubject: Sendable, Hashable {
    /// Which party of the payment a subject is.
    public enum Role: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The person or company paying (the tourist, the card holder, the wallet owner).
        case payer
        /// The person or company paid (the merchant).
        case payee
        /// The payer's bank or card issuer (ISO 20022 debtor agent).
        case payerBank
        /// The payee's bank or acquirer (ISO 20022 creditor agent).
        case payeeBank

        /// "payer", "payee", "payer's bank", "payee's bank".
        public var description: String {
            switch self {
            case .payer: "payer"
            case .payee: "payee"
            case .payerBank: "payer's bank"
            case .payeeBank: "payee's bank"
            }
        }
    }

    /// The name as the payment carries it, in any script.
    public var name: String
    /// The subject's country, when known (informational; it never suppresses a hit).
    public var country: Country?
    /// A passport, registration or tax number, when the payment carries one; an exact match with a listed number
    /// is a hit whatever the name.
    public var idNumber: String?
    /// Which party this is.
    public var role: Role

    /// Creates a subject.
    /// - Parameters:
    ///   - name: the name as given, in any script.
    ///   - role: which party of the payment it is.
    ///   - country: the subject's country, if known.
    ///   - idNumber: an identity or registration number, if the payment carries one.
    public init(name: String, role: Role, country: Country? = nil, idNumber: String? = nil) {
        self.name = name
        self.role = role
        self.country = country
        self.idNumber = idNumber
    }
}
