import CorridorCore
import Foundation

/// A spend or confirmation that a contract's rule refused, naming the contract, the rule and the clause (issue 6
/// §4: "every rejection of a disallowed spend is a clear value with the rule that refused it"). A refusal moved
/// nothing. Codes: ISO 8583 `57` (transaction not permitted), ISO 20022 `AG01` (transaction forbidden).
public struct ProgrammableRefusal: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The clause that refused, with what it found.
    public enum Clause: Sendable, Hashable, Codable {
        /// `expires`: the earmark or escrow expired at this instant.
        case expired(expires: Date)
        /// `allow`: the merchant (holder id) is not named and its category (nil: none) is not allowed.
        case merchantNotAllowed(merchant: String, category: String?)
        /// `spendMax`: the spend is larger than this.
        case spendOverMax(spendMax: Money)
        /// `beneficiary`: only the earmark's beneficiary may spend it; this wallet tried.
        case notBeneficiary(WalletID)
        /// `conditions`: the escrow has no condition of this name.
        case conditionUnknown(String)
        /// `conditions[].by`: this wallet may not confirm the condition.
        case confirmerNotAllowed(condition: String, confirmer: WalletID)
        /// `state`: the contract is no longer active (released, expired, completed or cancelled).
        case notActive(ProgrammableContract.State)
        /// `cancel`: this wallet may not cancel the contract (see ``DigitalRublePlatform/cancel(contract:by:)``).
        case cancelNotAllowed(WalletID)

        /// The key of the rule language the clause is written under.
        public var key: String {
            switch self {
            case .expired: "expires"
            case .merchantNotAllowed: "allow"
            case .spendOverMax: "spendMax"
            case .notBeneficiary: "beneficiary"
            case .conditionUnknown: "conditions"
            case .confirmerNotAllowed: "conditions.by"
            case .notActive: "state"
            case .cancelNotAllowed: "cancel"
            }
        }
    }

    /// The contract id.
    public let contract: String
    /// The rule's name: an earmark's `rule.name`, an escrow condition's name, or the contract id.
    public let rule: String
    /// The clause that refused.
    public let clause: Clause

    /// ISO 8583 response code (field 39): `57`.
    public var iso8583Code: String { "57" }
    /// ISO 20022 status reason code: `AG01`.
    public var iso20022Code: String { "AG01" }

    /// What happened, for people.
    public var text: String {
        let detail = switch clause {
        case .expired(let expires): "expired at \(ProgrammableTime.format(expires))"
        case .merchantNotAllowed(let merchant, let category):
            "merchant \(merchant) (MCC \(category ?? "none")) is not in allow.mcc or allow.merchants"
        case .spendOverMax(let spendMax): "spend over spendMax \(spendMax)"
        case .notBeneficiary(let wallet): "wallet \(wallet) is not the beneficiary"
        case .conditionUnknown(let name): "no condition \(name)"
        case .confirmerNotAllowed(let condition, let confirmer): "wallet \(confirmer) may not confirm \(condition)"
        case .notActive(let state): "the contract is \(state.rawValue)"
        case .cancelNotAllowed(let wallet): "wallet \(wallet) may not cancel it"
        }
        return "rule \(rule) of contract \(contract) refused (\(clause.key)): \(detail)"
    }

    public var description: String { "\(iso8583Code)/\(iso20022Code) \(text)" }
}
