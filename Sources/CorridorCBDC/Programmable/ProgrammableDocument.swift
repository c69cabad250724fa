import CorridorCore
import Foundation
import Yams

/// A document of programmable-money contracts in the rule language (issue 6 §4), YAML or JSON, decoded into
/// contract terms that ``DigitalRublePlatform/open(_:)`` opens. `Samples/cbdc/contracts.yaml` has one of each.
///
/// ## The rule language, version 1
/// ```yaml
/// version: 1                      # optional; 1 is the only version
/// contracts:                      # 1…1000 contracts, ids unique
///   - id: food-subsidy-alice      # the contract id: 1–64 of A–Z a–z 0–9 . _ -
///     type: earmark               # earmark | escrow | schedule
///     funder: treasury            # holder ids (not wallet ids) name every party
///     beneficiary: alice
///     amount: "5000.00"           # RUB, a decimal with at most 2 fraction digits
///     rule:
///       name: food-subsidy        # quoted in refusals; the contract id when absent
///       expires: "2026-03-31T23:59:59Z"   # UTC, whole seconds; required
///       allow:                    # at least one entry in mcc or merchants, ≤ 64 each
///         mcc: ["5411", "5811-5814"]      # codes or inclusive ranges, four digits each
///         merchants: [shop-7701]  # holder ids
///       spendMax: "1500.00"       # optional: the largest single spend
///   - id: laptop-escrow
///     type: escrow
///     payer: alice
///     payee: shop-7701
///     amount: "45000.00"
///     expires: "2026-02-01T00:00:00Z"
///     conditions:                 # 1…8, all must be confirmed, names unique
///       - name: delivery-confirmed
///         by: payer               # payer (default) | payee | a holder id (a courier, an arbiter)
///   - id: rent-2026
///     type: schedule
///     payer: bob
///     payee: alice
///     amount: "300.00"            # each payment
///     first: "2026-01-05T09:00:00Z"
///     every: 1mo                  # <n>m | <n>h | <n>d | <n>w | <n>mo (calendar months), n 1…1000; optional
///     count: 3                    # 1…1000; 1 when `every` is absent
/// ```
///
/// ## Semantics
/// - **earmark**: `amount` leaves the funder's wallet when the contract opens. Only the beneficiary may spend it,
///   and each spend is checked against the rule's clauses in order — `expires` (the spend is before it), `allow`
///   (the merchant is named in `allow.merchants`, or its MCC is in `allow.mcc`), `spendMax` — the first that fails
///   refuses the spend with a ``ProgrammableRefusal`` naming the rule and the clause. At `expires` what is left
///   returns to the funder.
/// - **escrow**: `amount` leaves the payer's wallet when the contract opens; when every condition has been
///   confirmed by the party it names, before `expires`, it is paid to the payee; at `expires` otherwise it returns
///   to the payer.
/// - **schedule**: `amount × count` leaves the payer's wallet when the contract opens; payment n (1-based) falls
///   due at `first + (n − 1) × every` (months: the same day of the month, clamped to the month's last day) and is
///   paid by the first ``DigitalRublePlatform/runDue(now:)`` at or after that instant.
/// - Payments out of a contract to a business from a person are C2B and bear the merchant fee, as wallet payments.
/// - Any contract may be cancelled by the party it would pay out to (an earmark's beneficiary, an escrow's payee) or,
///   for a schedule, by its payer; what is left returns to the payer (``DigitalRublePlatform/cancel(contract:by:)``).
///
/// Evaluation is deterministic: it depends only on the document, the wallets and the platform's clock, never on
/// the machine's time zone or locale. Unknown keys are errors, never ignored; every error names the key's path.
public struct ProgrammableDocument: Sendable, Hashable {
    /// One contract of the document.
    public struct Entry: Sendable, Hashable {
        /// The contract id.
        public let id: String
        /// Its terms, parties resolved to wallet ids.
        public let terms: ProgrammableContractTerms
        /// The line it starts on.
        public let line: Int
    }

    /// The most contracts one document holds.
    public static let contractsMax = 1000
    /// The rule language version this build reads.
    public static let version = 1

    /// The contracts, in document order.
    public let contracts: [Entry]

    /// Decodes a document.
    /// - Parameters:
    ///   - text: the document, YAML or JSON.
    /// - Throws: ``ProgrammableRuleError`` naming the key (`contracts[1].rule.allow.mcc[0]`) and the line.
    public init(yaml text: String) throws(ProgrammableRuleError) {
        let root = try ProgrammableYAMLFields(ProgrammableYAMLFields.compose(text), path: "",
                                              allowed: ["version", "contracts"])
        if let version = try root.optionalText("version"), version != String(Self.version) {
            throw root.invalid("version", "only version \(Self.version) is defined")
        }
        guard let list = try root.optionalList("contracts") else {
            throw .keyMissing(key: "contracts", line: root.line)
        }
        guard (1...Self.contractsMax).contains(list.count) else {
            throw root.invalid("contracts", "1 to \(Self.contractsMax) contracts")
        }
        var entries: [Entry] = []
        var seen: Set<String> = []
        for (index, node) in list.enumerated() {
            let entry = try Self.entry(node, path: "contracts[\(index)]")
            guard seen.insert(entry.id).inserted else {
                throw .valueInvalid(key: "contracts[\(index)].id", line: entry.line,
                                    reason: "id \(entry.id) is used twice")
            }
            entries.append(entry)
        }
        contracts = entries
    }

    private static let commonKeys: Set<String> = ["id", "type", "amount"]

    private static func entry(_ node: Node, path: String) throws(ProgrammableRuleError) -> Entry {
        // Read `type` first, with every key of any type allowed; then again with this type's keys only.
        let probe = try ProgrammableYAMLFields(node, path: path, allowed: commonKeys.union(
            ["funder", "beneficiary", "rule", "payer", "payee", "expires", "conditions", "first", "every", "count"]))
        let type = try probe.text("type")
        let keys: Set<String> = switch type {
        case "earmark": commonKeys.union(["funder", "beneficiary", "rule"])
        case "escrow": commonKeys.union(["payer", "payee", "expires", "conditions"])
        case "schedule": commonKeys.union(["payer", "payee", "first", "every", "count"])
        default: throw probe.invalid("type", "earmark, escrow or schedule")
        }
        let fields = try ProgrammableYAMLFields(node, path: path, allowed: keys)
        let id = try fields.text("id")
        guard DigitalRublePlatform.isValidIdentifier(id) else {
            throw fields.invalid("id", "1–64 of A–Z a–z 0–9 . _ -")
        }
        let amount = try money(fields, "amount")
        let terms: ProgrammableContractTerms
        switch type {
        case "earmark":
            let funder = try wallet(fields, "funder")
            let beneficiary = try wallet(fields, "beneficiary")
            let ruleFields = try fields.mapping("rule", allowed: ["name", "expires", "allow", "spendMax"])
            terms = .earmark(.init(funder: funder, beneficiary: beneficiary, amount: amount,
                                   rule: try rule(ruleFields, defaultName: id)))
        case "escrow":
            let payer = try wallet(fields, "payer")
            let payee = try wallet(fields, "payee")
            let expires = try instant(fields, "expires")
            guard let list = try fields.optionalList("conditions") else {
                throw .keyMissing(key: fields.key("conditions"), line: fields.line)
            }
            var conditions: [ProgrammableContractTerms.Condition] = []
            for (index, node) in list.enumerated() {
                let condition = try ProgrammableYAMLFields(node, path: fields.key("conditions[\(index)]"),
                                                           allowed: ["name", "by"])
                let name = try condition.text("name")
                guard DigitalRublePlatform.isValidIdentifier(name) else {
                    throw condition.invalid("name", "1–64 of A–Z a–z 0–9 . _ -")
                }
                let by = try condition.optionalText("by") ?? "payer"
                let confirmer: ProgrammableContractTerms.Condition.Confirmer = switch by {
                case "payer": .payer
                case "payee": .payee
                default: .wallet(try wallet(condition, "by"))
                }
                conditions.append(.init(name: name, confirmer: confirmer))
            }
            terms = .escrow(.init(payer: payer, payee: payee, amount: amount, conditions: conditions, expires: expires))
        default:
            let payer = try wallet(fields, "payer")
            let payee = try wallet(fields, "payee")
            let first = try instant(fields, "first")
            let interval = try fields.optionalText("every").map { text throws(ProgrammableRuleError) in
                guard let interval = ProgrammableContractTerms.Interval(text: text) else {
                    throw fields.invalid("every", "<n>m, <n>h, <n>d, <n>w or <n>mo with n 1 to 1000")
                }
                return interval
            }
            let countText = try fields.optionalText("count") ?? "1"
            guard let count = Int(countText) else { throw fields.invalid("count", "a whole number") }
            terms = .schedule(.init(payer: payer, payee: payee, amount: amount, first: first, interval: interval,
                                    count: count))
        }
        if let failure = terms.validationFailure() {
            let key = failure.key == "payee" && type == "earmark" ? "beneficiary" : failure.key
            throw .valueInvalid(key: fields.key(key), line: fields.line(of: key), reason: failure.reason)
        }
        return Entry(id: id, terms: terms, line: fields.line)
    }

    private static func rule(_ fields: ProgrammableYAMLFields, defaultName: String) throws(ProgrammableRuleError)
        -> ProgrammableRule
    {
        let name = try fields.optionalText("name") ?? defaultName
        let expires = try instant(fields, "expires")
        let allow = try fields.mapping("allow", allowed: ["mcc", "merchants"])
        var categories: [ProgrammableRule.CategoryRange] = []
        for (index, node) in (try allow.optionalList("mcc") ?? []).enumerated() {
            guard let text = node.scalar?.string, let range = ProgrammableRule.CategoryRange(text: text) else {
                throw .valueInvalid(key: allow.key("mcc[\(index)]"), line: node.mark?.line ?? allow.line,
                                    reason: "a four-digit MCC or a range such as 5811-5814")
            }
            categories.append(range)
        }
        var merchants: [String] = []
        for (index, node) in (try allow.optionalList("merchants") ?? []).enumerated() {
            guard let holder = node.scalar?.string, DigitalRublePlatform.isValidIdentifier(holder) else {
                throw .valueInvalid(key: allow.key("merchants[\(index)]"), line: node.mark?.line ?? allow.line,
                                    reason: "a holder id: 1–64 of A–Z a–z 0–9 . _ -")
            }
            merchants.append(holder)
        }
        let spendMax = try fields.optionalText("spendMax") == nil ? nil : try money(fields, "spendMax")
        do {
            return try ProgrammableRule(name: name, allowedCategories: categories, allowedMerchants: merchants,
                                        spendMax: spendMax, expires: expires)
        } catch {
            throw error.nested(under: fields.path, line: fields.line)
        }
    }

    private static func money(_ fields: ProgrammableYAMLFields, _ name: String) throws(ProgrammableRuleError) -> Money {
        let text = try fields.text(name)
        guard let money = try? Money(decimal: text, currency: .rub), money.minorUnits > 0 else {
            throw fields.invalid(name, "a positive RUB amount with at most 2 fraction digits, such as \"1500.00\"")
        }
        return money
    }

    private static func instant(_ fields: ProgrammableYAMLFields, _ name: String) throws(ProgrammableRuleError)
        -> Date
    {
        guard let date = ProgrammableTime.parse(try fields.text(name)) else {
            throw fields.invalid(name, "a UTC instant such as 2026-03-31T23:59:59Z")
        }
        return date
    }

    private static func wallet(_ fields: ProgrammableYAMLFields, _ name: String) throws(ProgrammableRuleError)
        -> WalletID
    {
        let holder = try fields.text(name)
        guard DigitalRublePlatform.isValidIdentifier(holder) else {
            throw fields.invalid(name, "a holder id: 1–64 of A–Z a–z 0–9 . _ -")
        }
        return DigitalRublePlatform.walletID(forHolder: holder)
    }
}
