import CorridorCore
import Foundation

/// The rule an earmark is spent under (issue 6 §4): at which merchants, how much at a time, and until when. A rule
/// is data, written in the rule language of ``ProgrammableDocument`` (key `rule:` of an earmark), and evaluated by
/// ``evaluate(merchant:category:amount:at:)`` deterministically: the same spend at the same instant always gets
/// the same answer, whatever machine or time zone evaluates it.
///
/// Clauses, checked in this order; the first that fails refuses the spend and is named in the
/// ``ProgrammableRefusal``:
/// 1. `expires`: the spend happens before this instant (at it or later the earmark has expired).
/// 2. `allow`: the merchant is one of `allow.merchants` (holder ids), or its merchant category code is in
///    `allow.mcc` (codes such as `5411` or inclusive ranges such as `5811-5814`). At least one of the two lists is
///    not empty.
/// 3. `spendMax`: the spend is at most this amount (when given).
///
/// Guarantees: `name` is a valid identifier; `allowedCategories` and `allowedMerchants` are not both empty and hold
/// at most ``entriesMax`` entries each; `spendMax`, when present, is a positive RUB amount.
public struct ProgrammableRule: Sendable, Hashable, Codable {
    /// An inclusive range of merchant category codes (`5811-5814`), or one code (`5411`).
    public struct CategoryRange: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The lowest code, 0...9999.
        public let lowest: Int
        /// The highest code, `lowest`...9999.
        public let highest: Int

        /// Creates a range; nil unless 0 ≤ lowest ≤ highest ≤ 9999.
        /// - Parameters:
        ///   - lowest: the lowest code.
        ///   - highest: the highest code (the same for one code).
        public init?(_ lowest: Int, _ highest: Int? = nil) {
            let highest = highest ?? lowest
            guard 0 <= lowest, lowest <= highest, highest <= 9999 else { return nil }
            self.lowest = lowest
            self.highest = highest
        }

        /// Parses `NNNN` or `NNNN-NNNN` (four digits each); nil for anything else.
        /// - Parameters:
        ///   - text: the range as written.
        public init?(text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count),
                let low = MerchantCategoryCode(text: String(parts[0])),
                let high = parts.count == 2 ? MerchantCategoryCode(text: String(parts[1])) : low
            else { return nil }
            self.init(low.code, high.code)
        }

        private enum CodingKeys: String, CodingKey { case lowest, highest }

        /// Decodes a range, holding it to 0 ≤ lowest ≤ highest ≤ 9999.
        /// - Throws: `DecodingError.dataCorrupted` for a range out of order or out of bounds.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let lowest = try container.decode(Int.self, forKey: .lowest)
            let highest = try container.decode(Int.self, forKey: .highest)
            guard let range = CategoryRange(lowest, highest) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "MCC range \(lowest)-\(highest)"))
            }
            self = range
        }

        /// Whether the code is in the range.
        /// - Parameters:
        ///   - code: a merchant category code.
        public func contains(_ code: MerchantCategoryCode) -> Bool { (lowest...highest).contains(code.code) }

        public var description: String {
            let low = MerchantCategoryCode(lowest)!.text
            return lowest == highest ? low : low + "-" + MerchantCategoryCode(highest)!.text
        }
    }

    /// The most entries in `allow.mcc` and in `allow.merchants`.
    public static let entriesMax = 64

    /// The rule's name, quoted in every refusal (`food-subsidy`).
    public let name: String
    /// `allow.mcc`: merchant category codes spends may go to.
    public let allowedCategories: [CategoryRange]
    /// `allow.merchants`: holder ids of merchants spends may go to, whatever their category.
    public let allowedMerchants: [String]
    /// `spendMax`: the largest single spend, nil for no limit beyond the earmark itself.
    public let spendMax: Money?
    /// `expires`: the instant from which spends are refused and what is left returns to the funder.
    public let expires: Date

    /// Creates a rule.
    /// - Parameters:
    ///   - name: the name quoted in refusals (1–64 of `A–Z a–z 0–9 . _ -`).
    ///   - allowedCategories: merchant category codes allowed.
    ///   - allowedMerchants: holder ids of merchants allowed.
    ///   - spendMax: the largest single spend.
    ///   - expires: the end of the earmark.
    /// - Throws: ``ProgrammableRuleError/valueInvalid(key:line:reason:)`` naming the clause that is not valid.
    public init(name: String, allowedCategories: [CategoryRange] = [], allowedMerchants: [String] = [],
                spendMax: Money? = nil, expires: Date) throws(ProgrammableRuleError)
    {
        guard DigitalRublePlatform.isValidIdentifier(name) else {
            throw .valueInvalid(key: "name", line: 0, reason: "1–64 of A–Z a–z 0–9 . _ -")
        }
        guard !allowedCategories.isEmpty || !allowedMerchants.isEmpty else {
            throw .valueInvalid(key: "allow", line: 0, reason: "allow.mcc or allow.merchants must name something")
        }
        guard allowedCategories.count <= Self.entriesMax else {
            throw .valueInvalid(key: "allow.mcc", line: 0, reason: "at most \(Self.entriesMax) entries")
        }
        guard allowedMerchants.count <= Self.entriesMax else {
            throw .valueInvalid(key: "allow.merchants", line: 0, reason: "at most \(Self.entriesMax) entries")
        }
        if let spendMax, spendMax.currency != .rub || spendMax.minorUnits <= 0 {
            throw .valueInvalid(key: "spendMax", line: 0, reason: "a positive RUB amount")
        }
        self.name = name
        self.allowedCategories = allowedCategories
        self.allowedMerchants = allowedMerchants
        self.spendMax = spendMax
        self.expires = expires
    }

    private enum CodingKeys: String, CodingKey {
        case name, allowedCategories, allowedMerchants, spendMax, expires
    }

    /// Decodes a rule, holding it to the same guarantees as
    /// ``init(name:allowedCategories:allowedMerchants:spendMax:expires:)``.
    /// - Throws: `DecodingError.dataCorrupted` naming the clause that is not valid.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                name: container.decode(String.self, forKey: .name),
                allowedCategories: container.decode([CategoryRange].self, forKey: .allowedCategories),
                allowedMerchants: container.decode([String].self, forKey: .allowedMerchants),
                spendMax: container.decodeIfPresent(Money.self, forKey: .spendMax),
                expires: container.decode(Date.self, forKey: .expires))
        } catch let error as ProgrammableRuleError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    /// Checks a spend against the clauses in order; nil when every clause allows it, else the first that refuses.
    /// Pure: the answer depends on the arguments only.
    /// - Parameters:
    ///   - merchant: the holder id of the merchant paid.
    ///   - category: the merchant's category code, nil when it has none.
    ///   - amount: the spend.
    ///   - instant: when the spend happens.
    public func evaluate(merchant: String, category: MerchantCategoryCode?, amount: Money, at instant: Date)
        -> ProgrammableRefusal.Clause?
    {
        if instant.unixMilliseconds >= expires.unixMilliseconds { return .expired(expires: expires) }
        let named = allowedMerchants.contains(merchant)
        let categoryAllowed = category.map { code in allowedCategories.contains { $0.contains(code) } } ?? false
        guard named || categoryAllowed else {
            return .merchantNotAllowed(merchant: merchant, category: category?.text)
        }
        if let spendMax, amount.minorUnits > spendMax.minorUnits { return .spendOverMax(spendMax: spendMax) }
        return nil
    }
}
