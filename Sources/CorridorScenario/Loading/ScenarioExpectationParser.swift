import CorridorCore
import Yams

/// Reads one entry of `expect:`: a mapping with one kind key. `messages` may count several kinds at once, so an
/// entry can give more than one expectation.
enum ScenarioExpectationParser {
    static let kinds: Set<String> = [
        "payment", "wallet_balance", "deposit_balance", "customer_balance", "ledger_verify", "messages",
        "approval_rate", "metric",
    ]

    static func expectations(
        _ node: Node, path: String, stepIDs: Set<String>
    ) throws(ScenarioError) -> [ScenarioExpectation] {
        let outer = try ScenarioNode(node, path: path)
        guard outer.mapping.count == 1, let (keyNode, value) = outer.mapping.first.map({ ($0.key, $0.value) }) else {
            throw ScenarioError(
                line: outer.line, key: path,
                "an expectation has exactly one key: " + kinds.sorted().joined(separator: ", "))
        }
        let key = keyNode.string ?? "?"
        let line = keyNode.mark?.line
        let keyPath = path + "." + key
        guard kinds.contains(key) else {
            throw ScenarioError(
                line: line, key: keyPath,
                "unknown expectation; expected one of " + kinds.sorted().joined(separator: ", "))
        }
        if key == "ledger_verify" {
            guard case .scalar = value, let flag = value.bool else {
                throw ScenarioError(line: line, key: keyPath, "expected true or false")
            }
            return [ScenarioExpectation(line: line, check: .ledgerVerify(flag))]
        }
        let fields = try ScenarioNode(value, path: keyPath)
        switch key {
        case "payment":
            try fields.rejectUnknownKeys(["id", "status", "code"])
            let id = try fields.string("id")
            guard stepIDs.contains(id) else {
                throw ScenarioError(line: fields.line(of: "id"), key: fields.keyPath("id"), "no step has id \(id)")
            }
            let status = try fields.string("status")
            guard status == "approved" || status == "declined" else {
                throw ScenarioError(
                    line: fields.line(of: "status"), key: fields.keyPath("status"), "expected approved or declined")
            }
            let code = try fields.optionalString("code")
            if let code, code.count != 2 {
                throw ScenarioError(
                    line: fields.line(of: "code"), key: fields.keyPath("code"),
                    "an ISO 8583 response code is 2 characters, e.g. \"51\"")
            }
            return [
                ScenarioExpectation(
                    line: line, check: .payment(id: id, approved: status == "approved", responseCode: code))
            ]
        case "wallet_balance":
            try fields.rejectUnknownKeys(["holder", "equals"])
            return [
                ScenarioExpectation(
                    line: line,
                    check: .walletBalance(holder: try fields.string("holder"), amount: try fields.money("equals")))
            ]
        case "deposit_balance":
            try fields.rejectUnknownKeys(["holder", "bank", "equals"])
            return [
                ScenarioExpectation(
                    line: line,
                    check: .depositBalance(
                        holder: try fields.string("holder"), bank: try fields.string("bank"),
                        amount: try fields.money("equals")))
            ]
        case "customer_balance":
            try fields.rejectUnknownKeys(["customer", "equals"])
            let customer = try fields.string("customer")
            try ScenarioStepParser.requireSlash(customer, fields: fields, key: "customer")
            return [
                ScenarioExpectation(
                    line: line, check: .customerBalance(customer: customer, amount: try fields.money("equals")))
            ]
        case "messages":
            try fields.rejectUnknownKeys(Set(ScenarioExpectation.messageKinds))
            var result: [ScenarioExpectation] = []
            for kind in ScenarioExpectation.messageKinds {
                if let count = try fields.optionalInt(kind, in: 0...Int(Int32.max)) {
                    result.append(
                        ScenarioExpectation(line: fields.line(of: kind), check: .messages(kind: kind, count: count)))
                }
            }
            return result
        case "metric":
            try fields.rejectUnknownKeys(["name", "min", "max", "equals"])
            let name = try fields.string("name")
            guard ScenarioMetrics.isKnown(name) else {
                throw ScenarioError(
                    line: fields.line(of: "name"), key: fields.keyPath("name"),
                    "unknown metric; expected one of " + ScenarioMetrics.names.joined(separator: ", ")
                        + ", declined.CODE")
            }
            let equals = try fields.optionalInt("equals", in: 0...Int(Int32.max))
            let low = try fields.optionalInt("min", in: 0...Int(Int32.max))
            let high = try fields.optionalInt("max", in: 0...Int(Int32.max))
            guard (equals == nil) != (low == nil && high == nil) else {
                throw ScenarioError(line: fields.line, key: keyPath, "give `equals`, or `min` and/or `max`")
            }
            let minimum = equals ?? low ?? 0
            let maximum = equals ?? high ?? Int(Int32.max)
            guard minimum <= maximum else { throw ScenarioError(line: fields.line, key: keyPath, "min is above max") }
            return [ScenarioExpectation(line: line, check: .metric(name: name, min: minimum, max: maximum))]
        default:
            try fields.rejectUnknownKeys(["min", "max"])
            let low = try basisPoints(fields, "min") ?? 0
            let high = try basisPoints(fields, "max") ?? 10_000
            guard low <= high else { throw ScenarioError(line: fields.line, key: keyPath, "min is above max") }
            return [ScenarioExpectation(line: line, check: .approvalRate(minBps: low, maxBps: high))]
        }
    }

    /// A share from 0 to 1 with at most 4 decimals ("0.95"), as basis points; read as text, never as a Double.
    static func basisPoints(_ fields: ScenarioNode, _ key: String) throws(ScenarioError) -> Int? {
        guard let text = try fields.optionalString(key) else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? ""
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        guard parts.count <= 2, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.count <= 4,
            fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let units = Int(whole),
            let bps = Int(fraction.padding(toLength: 4, withPad: "0", startingAt: 0)).map({ units * 10_000 + $0 }),
            bps <= 10_000
        else {
            throw ScenarioError(
                line: fields.line(of: key), key: fields.keyPath(key),
                "a share from 0 to 1 with at most 4 decimals, e.g. 0.95")
        }
        return bps
    }
}
