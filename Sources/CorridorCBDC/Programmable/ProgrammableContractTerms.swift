import CorridorCore
import Foundation

/// What a programmable-money contract does (issue 6 §4). Its funds wait in the contract's conditional account
/// (``CBDCAccounts/conditional(_:)``) from the moment it opens until they are spent, released, paid or returned.
public enum ProgrammableContractTerms: Sendable, Hashable, Codable {
    /// Money a funder (a budget, an employer) sets aside for a beneficiary to spend only where the rule allows.
    case earmark(Earmark)
    /// Money a payer sets aside for a payee, released when every condition is confirmed, returned at expiry.
    case escrow(Escrow)
    /// Money a payer sets aside for `count` payments to a payee, paid when each falls due.
    case schedule(Schedule)

    /// An earmark: `amount` from `funder` into the contract; the beneficiary spends it under `rule`; what is left at
    /// `rule.expires` returns to the funder.
    public struct Earmark: Sendable, Hashable, Codable {
        /// The wallet the money comes from and returns to.
        public let funder: WalletID
        /// The only wallet that may spend it.
        public let beneficiary: WalletID
        /// The amount set aside.
        public let amount: Money
        /// Where, how much at a time and until when it may be spent.
        public let rule: ProgrammableRule

        /// Creates earmark terms.
        /// - Parameters:
        ///   - funder: the funder's wallet.
        ///   - beneficiary: the beneficiary's wallet.
        ///   - amount: the amount set aside, RUB.
        ///   - rule: the spending rule.
        public init(funder: WalletID, beneficiary: WalletID, amount: Money, rule: ProgrammableRule) {
            self.funder = funder
            self.beneficiary = beneficiary
            self.amount = amount
            self.rule = rule
        }
    }

    /// A named condition of an escrow and who may confirm it.
    public struct Condition: Sendable, Hashable, Codable {
        /// Who may confirm a condition.
        public enum Confirmer: Sendable, Hashable, Codable {
            /// The escrow's payer (the buyer confirms delivery).
            case payer
            /// The escrow's payee.
            case payee
            /// Another wallet (a courier, an arbiter).
            case wallet(WalletID)
        }

        /// The condition's name (`delivery-confirmed`).
        public let name: String
        /// Who may confirm it.
        public let confirmer: Confirmer

        /// Creates a condition.
        /// - Parameters:
        ///   - name: the name (1–64 of `A–Z a–z 0–9 . _ -`).
        ///   - confirmer: who may confirm it.
        public init(name: String, confirmer: Confirmer = .payer) {
            self.name = name
            self.confirmer = confirmer
        }
    }

    /// An escrow: `amount` from `payer` into the contract; released to `payee` when every condition is confirmed
    /// before `expires`, returned to `payer` at `expires` otherwise.
    public struct Escrow: Sendable, Hashable, Codable {
        /// The wallet the money comes from and returns to.
        public let payer: WalletID
        /// The wallet it is released to.
        public let payee: WalletID
        /// The amount held.
        public let amount: Money
        /// All must be confirmed for the release (1...``ProgrammableContractTerms/conditionsMax``, distinct names).
        public let conditions: [Condition]
        /// The instant from which confirmations are refused and the money returns to the payer.
        public let expires: Date

        /// Creates escrow terms.
        /// - Parameters:
        ///   - payer: the payer's wallet.
        ///   - payee: the payee's wallet.
        ///   - amount: the amount held, RUB.
        ///   - conditions: the conditions of the release.
        ///   - expires: the expiry.
        public init(payer: WalletID, payee: WalletID, amount: Money, conditions: [Condition], expires: Date) {
            self.payer = payer
            self.payee = payee
            self.amount = amount
            self.conditions = conditions
            self.expires = expires
        }
    }

    /// How far apart scheduled payments fall.
    public enum Interval: Sendable, Hashable, Codable, CustomStringConvertible {
        /// A fixed number of seconds (minutes, hours, days and weeks are written as such).
        case seconds(Int64)
        /// Calendar months, the day clamped to the month's last (31 Jan, 28 Feb, 31 Mar, … counted from the first).
        case months(Int)

        /// Parses `<n>` followed by `m` (minutes), `h`, `d`, `w` or `mo` (calendar months): `30m`, `1d`, `1mo`;
        /// n is 1...1000. Nil for anything else.
        /// - Parameters:
        ///   - text: the interval as written.
        public init?(text: String) {
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            guard let count = Int64(digits), (1...1000).contains(count) else { return nil }
            switch text.dropFirst(digits.count) {
            case "m": self = .seconds(count * 60)
            case "h": self = .seconds(count * 3600)
            case "d": self = .seconds(count * 86_400)
            case "w": self = .seconds(count * 7 * 86_400)
            case "mo": self = .months(Int(count))
            default: return nil
            }
        }

        public var description: String {
            switch self {
            case .months(let n): "\(n)mo"
            case .seconds(let s) where s % (7 * 86_400) == 0: "\(s / (7 * 86_400))w"
            case .seconds(let s) where s % 86_400 == 0: "\(s / 86_400)d"
            case .seconds(let s) where s % 3600 == 0: "\(s / 3600)h"
            case .seconds(let s): "\(s / 60)m"
            }
        }
    }

    /// A schedule: `amount × count` from `payer` into the contract at once; one `amount` to `payee` at `first`,
    /// then every `interval`, until `count` are paid. Prefunded, so a payment that falls due never fails for lack
    /// of funds, and what the payer has promised shows among the in-flight conditional funds.
    public struct Schedule: Sendable, Hashable, Codable {
        /// The wallet paying.
        public let payer: WalletID
        /// The wallet paid.
        public let payee: WalletID
        /// Each payment.
        public let amount: Money
        /// When the first falls due.
        public let first: Date
        /// The time between payments; nil for a single payment.
        public let interval: Interval?
        /// How many payments (1...``ProgrammableContractTerms/occurrencesMax``; 1 when `interval` is nil).
        public let count: Int

        /// Creates schedule terms.
        /// - Parameters:
        ///   - payer: the payer's wallet.
        ///   - payee: the payee's wallet.
        ///   - amount: each payment, RUB.
        ///   - first: the first due instant.
        ///   - interval: the time between payments, nil for one payment.
        ///   - count: how many payments.
        public init(payer: WalletID, payee: WalletID, amount: Money, first: Date, interval: Interval? = nil,
                    count: Int = 1)
        {
            self.payer = payer
            self.payee = payee
            self.amount = amount
            self.first = first
            self.interval = interval
            self.count = count
        }

        /// When payment `index` (0-based) falls due.
        /// - Parameters:
        ///   - index: 0..<count.
        public func due(_ index: Int) -> Date {
            switch interval {
            case nil: first
            case .seconds(let seconds): Date(unixMilliseconds: first.unixMilliseconds + Int64(index) * seconds * 1000)
            case .months(let months): ProgrammableTime.adding(months: index * months, to: first)
            }
        }
    }

    /// The most payments one schedule makes.
    public static let occurrencesMax = 1000
    /// The most conditions one escrow has.
    public static let conditionsMax = 8

    /// The wallet the contract's money comes from (and returns to).
    public var payer: WalletID {
        switch self {
        case .earmark(let e): e.funder
        case .escrow(let e): e.payer
        case .schedule(let s): s.payer
        }
    }

    /// The wallet the money is for (an earmark's beneficiary spends it at merchants).
    public var payee: WalletID {
        switch self {
        case .earmark(let e): e.beneficiary
        case .escrow(let e): e.payee
        case .schedule(let s): s.payee
        }
    }

    /// What the contract takes from the payer when it opens (a schedule: amount × count), nil on overflow.
    public var fundedAmount: Money? {
        switch self {
        case .earmark(let e): e.amount
        case .escrow(let e): e.amount
        case .schedule(let s):
            try? s.amount.multiplied(by: Int64(s.count))
        }
    }

    /// The contract's type as the rule language writes it.
    public var typeName: String {
        switch self {
        case .earmark: "earmark"
        case .escrow: "escrow"
        case .schedule: "schedule"
        }
    }

    /// Checks the terms' own constraints (not the wallets); nil when valid, else the key at fault and why.
    func validationFailure() -> (key: String, reason: String)? {
        if case .schedule(let s) = self {
            guard (1...Self.occurrencesMax).contains(s.count) else { return ("count", "1 to \(Self.occurrencesMax)") }
            guard s.interval != nil || s.count == 1 else { return ("every", "more than one payment needs an interval") }
        }
        guard let funded = fundedAmount else { return ("amount", "amount × count overflows") }
        let single = switch self {
        case .earmark(let e): e.amount
        case .escrow(let e): e.amount
        case .schedule(let s): s.amount
        }
        guard single.currency == .rub, single.minorUnits > 0, funded.minorUnits > 0 else {
            return ("amount", "a positive RUB amount")
        }
        guard payer != payee else { return ("payee", "a contract cannot pay its payer") }
        switch self {
        case .earmark: return nil
        case .escrow(let e):
            guard (1...Self.conditionsMax).contains(e.conditions.count) else {
                return ("conditions", "1 to \(Self.conditionsMax) conditions")
            }
            guard Set(e.conditions.map(\.name)).count == e.conditions.count else {
                return ("conditions", "condition names must differ")
            }
            guard e.conditions.allSatisfy({ DigitalRublePlatform.isValidIdentifier($0.name) }) else {
                return ("conditions.name", "1–64 of A–Z a–z 0–9 . _ -")
            }
            return nil
        case .schedule: return nil
        }
    }
}
