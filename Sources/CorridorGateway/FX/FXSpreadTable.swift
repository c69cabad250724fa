import CorridorCore
import Foundation

/// Per-participant spreads that override an ``FXRateBook``'s pair defaults.
///
/// A rule names a participant and a pair, either side of which may be any currency (`*` in the file). A pair is
/// unordered: a rule for CNY/RUB also prices RUB/CNY. The most specific rule wins: both currencies named, then one
/// named and the other `*`, then `*`/`*`; without a matching rule the book's default for the pair applies.
///
/// Guarantees: spreads are 0...``FXRateBook/spreadBpsMax``; one rule per participant and unordered pair; at most
/// ``participantsMax`` participants. A lookup compares the participant id with each listed participant (a few
/// string comparisons, no hashing) and then small integers, so it stays cheap on the quoting path.
public struct FXSpreadTable: Sendable {
    /// The most participants with overrides.
    public static let participantsMax = 256

    /// One participant's rules, keyed by numeric currency codes (0 stands for `*`).
    private struct Rules: Sendable {
        let participant: ParticipantID
        /// Both currencies named: key `lower × 1000 + higher` numeric code.
        var pairs: [(key: Int, spreadBps: Int)] = []
        /// One currency named, the other `*`.
        var singles: [(code: Int, spreadBps: Int)] = []
        /// `*` / `*`.
        var any: Int?
    }

    private var rules: [Rules] = []

    /// Creates a table with no overrides.
    public init() {}

    /// Whether the table holds no rule.
    public var isEmpty: Bool { rules.isEmpty }

    /// Sets (adds or replaces) a participant's spread for a pair.
    /// - Parameters:
    ///   - participant: the participant id.
    ///   - base: one currency of the pair; nil for any.
    ///   - quote: the other currency; nil for any.
    ///   - spreadBps: the spread, 0...``FXRateBook/spreadBpsMax``.
    /// - Throws: ``FXError/spreadInvalid(bps:)``.
    /// - Precondition: at most ``participantsMax`` participants.
    public mutating func setSpread(
        participant: ParticipantID, base: Currency?, quote: Currency?, spreadBps: Int
    ) throws(FXError) {
        guard (0...FXRateBook.spreadBpsMax).contains(spreadBps) else { throw .spreadInvalid(bps: spreadBps) }
        var index = rules.firstIndex { $0.participant == participant }
        if index == nil {
            precondition(rules.count < FXSpreadTable.participantsMax, "more than 256 participants with FX spreads")
            rules.append(Rules(participant: participant))
            index = rules.count - 1
        }
        let position = index!
        switch (base?.numericCode, quote?.numericCode) {
        case (nil, nil):
            rules[position].any = spreadBps
        case (let code?, nil), (nil, let code?):
            rules[position].singles.removeAll { $0.code == code }
            rules[position].singles.append((code, spreadBps))
        case (let first?, let second?):
            let key = FXSpreadTable.pairKey(first, second)
            rules[position].pairs.removeAll { $0.key == key }
            rules[position].pairs.append((key, spreadBps))
        }
    }

    /// The participant's spread for a conversion between two currencies.
    ///
    /// Most specific first: a rule naming both currencies (either order), a rule naming one of them with `*`, the
    /// participant's `*`/`*` rule, and finally `defaultSpreadBps` (the book's pair default). A nil participant
    /// always gets the default.
    /// - Parameters:
    ///   - participant: who the quote is for (the payer's bank), if known.
    ///   - from: the currency converted from.
    ///   - to: the currency converted into.
    ///   - defaultSpreadBps: the book's default for the pair.
    public func spreadBps(for participant: ParticipantID?, from: Currency, to: Currency, default defaultSpreadBps: Int)
        -> Int
    {
        guard let participant, let rules = rules.first(where: { $0.participant == participant }) else {
            return defaultSpreadBps
        }
        let fromCode = from.numericCode
        let toCode = to.numericCode
        if !rules.pairs.isEmpty {
            let key = FXSpreadTable.pairKey(fromCode, toCode)
            if let rule = rules.pairs.first(where: { $0.key == key }) { return rule.spreadBps }
        }
        // A rule for each side could match (CNY/* and RUB/*); the first in the file wins, as documented below.
        if let rule = rules.singles.first(where: { $0.code == fromCode || $0.code == toCode }) { return rule.spreadBps }
        return rules.any ?? defaultSpreadBps
    }

    /// Whether the participant already has a rule for exactly this (unordered, possibly wildcard) pair.
    func hasRule(participant: ParticipantID, base: Currency?, quote: Currency?) -> Bool {
        guard let rules = rules.first(where: { $0.participant == participant }) else { return false }
        switch (base?.numericCode, quote?.numericCode) {
        case (nil, nil): return rules.any != nil
        case (let code?, nil), (nil, let code?): return rules.singles.contains { $0.code == code }
        case (let first?, let second?):
            let key = FXSpreadTable.pairKey(first, second)
            return rules.pairs.contains { $0.key == key }
        }
    }

    /// Whether the participant has any rule.
    func hasRules(participant: ParticipantID) -> Bool { rules.contains { $0.participant == participant } }

    /// The number of participants with rules.
    var participantCount: Int { rules.count }

    private static func pairKey(_ first: Int, _ second: Int) -> Int {
        min(first, second) * 1_000 + max(first, second)
    }
}
