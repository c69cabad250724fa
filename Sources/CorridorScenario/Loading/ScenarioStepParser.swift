import CorridorCore
import Yams

/// Reads one step: a mapping with exactly one action key whose value is the action's fields.
enum ScenarioStepParser {
    static let actionKeys: Set<String> = [
        "card", "qr", "wallet_open", "wallet_deposit", "wallet_convert", "wallet_pay", "refund", "clear", "traffic",
    ]
    static let walletTypes: Set<String> = ["person", "soleTrader", "company", "government"]

    static func step(_ node: Node, path: String, index: Int) throws(ScenarioError) -> ScenarioStep {
        let outer = try ScenarioNode(node, path: path)
        guard outer.mapping.count == 1, let (keyNode, value) = outer.mapping.first.map({ ($0.key, $0.value) }) else {
            throw ScenarioError(
                line: outer.line, key: path,
                "a step has exactly one action key: " + actionKeys.sorted().joined(separator: ", "))
        }
        let key = keyNode.string ?? "?"
        guard actionKeys.contains(key) else {
            throw ScenarioError(
                line: keyNode.mark?.line, key: path + "." + key,
                "unknown action; expected one of " + actionKeys.sorted().joined(separator: ", "))
        }
        let line = keyNode.mark?.line
        let fieldsNode: Node
        if key == "clear" || key == "traffic", case .scalar(let scalar) = value,
            scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null"
        {
            fieldsNode = Node.mapping(Node.Mapping([], .implicit, .any, value.mark))
        } else {
            fieldsNode = value
        }
        let fields = try ScenarioNode(fieldsNode, path: path + "." + key)
        let defaultID = "step-\(index + 1)"
        let action: ScenarioAction
        switch key {
        case "card":
            try fields.rejectUnknownKeys(["id", "pan", "expiry", "merchant", "amount", "present", "dcc"])
            let pan = try fields.string("pan")
            guard (12...19).contains(pan.count), pan.allSatisfy(\.isASCII), pan.allSatisfy(\.isNumber) else {
                throw ScenarioError(
                    line: fields.line(of: "pan"), key: fields.keyPath("pan"), "a card number is 12 to 19 digits")
            }
            let expiry = try fields.string("expiry")
            guard expiry.count == 4, expiry.allSatisfy(\.isASCII), expiry.allSatisfy(\.isNumber) else {
                throw ScenarioError(
                    line: fields.line(of: "expiry"), key: fields.keyPath("expiry"), "expiry is YYMM, e.g. \"2912\"")
            }
            action = .card(
                pan: pan, expiry: expiry, merchant: try fields.string("merchant"), amount: try fields.money("amount"),
                present: try fields.bool("present", default: true), dcc: try fields.bool("dcc", default: false))
        case "qr":
            try fields.rejectUnknownKeys(["id", "payer", "merchant", "payload", "amount"])
            let payer = try fields.string("payer")
            try requireSlash(payer, fields: fields, key: "payer")
            let merchant = try fields.optionalString("merchant")
            let payload = try fields.optionalString("payload")
            guard (merchant == nil) != (payload == nil) else {
                throw ScenarioError(
                    line: fields.line, key: fields.path,
                    "give `merchant` (its code is made from the directory) or `payload`, not both")
            }
            action = .qr(payer: payer, merchant: merchant, payload: payload, amount: try fields.optionalMoney("amount"))
        case "wallet_open":
            try fields.rejectUnknownKeys(["id", "holder", "name", "type", "bank", "mcc"])
            let type = try fields.optionalString("type") ?? "person"
            guard walletTypes.contains(type) else {
                throw ScenarioError(
                    line: fields.line(of: "type"), key: fields.keyPath("type"),
                    "expected one of " + walletTypes.sorted().joined(separator: ", "))
            }
            action = .walletOpen(
                holder: try fields.string("holder"), name: try fields.string("name"), type: type,
                bank: try fields.string("bank"), merchantCategoryCode: try fields.optionalInt("mcc", in: 0...9999))
        case "wallet_deposit":
            try fields.rejectUnknownKeys(["id", "holder", "bank", "amount"])
            action = .walletDeposit(
                holder: try fields.string("holder"), bank: try fields.string("bank"),
                amount: try rubles(fields, "amount"))
        case "wallet_convert":
            try fields.rejectUnknownKeys(["id", "holder", "bank", "amount", "to"])
            let to = try fields.optionalString("to") ?? "digital"
            guard to == "digital" || to == "deposit" else {
                throw ScenarioError(
                    line: fields.line(of: "to"), key: fields.keyPath("to"), "expected digital or deposit")
            }
            action = .walletConvert(
                holder: try fields.string("holder"), bank: try fields.string("bank"),
                amount: try rubles(fields, "amount"), toDeposit: to == "deposit")
        case "wallet_pay":
            try fields.rejectUnknownKeys(["id", "from", "to", "merchant", "amount"])
            let to = try fields.optionalString("to")
            let merchant = try fields.optionalString("merchant")
            guard (to == nil) != (merchant == nil) else {
                throw ScenarioError(
                    line: fields.line, key: fields.path,
                    "give `to` (a holder, P2P) or `merchant` (a merchant wallet, paid by its QR), not both")
            }
            action = .walletPay(
                from: try fields.string("from"), to: to, merchant: merchant, amount: try rubles(fields, "amount"))
        case "refund":
            try fields.rejectUnknownKeys(["id", "payment", "amount"])
            action = .refund(payment: try fields.string("payment"), amount: try fields.optionalMoney("amount"))
        case "traffic":
            try fields.rejectUnknownKeys(["id"])
            action = .traffic
        default:
            try fields.rejectUnknownKeys(["id"])
            action = .clear
        }
        let id = try fields.optionalString("id") ?? defaultID
        guard !id.isEmpty, id.count <= 64,
            id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        else {
            throw ScenarioError(
                line: fields.line(of: "id"), key: fields.keyPath("id"), "an id is 1–64 of A–Z a–z 0–9 - _ .")
        }
        return ScenarioStep(id: id, line: line, action: action)
    }

    static func rubles(_ fields: ScenarioNode, _ key: String) throws(ScenarioError) -> Money {
        let money = try fields.money(key)
        guard money.currency.alphaCode == "RUB", money.minorUnits > 0 else {
            throw ScenarioError(
                line: fields.line(of: key), key: fields.keyPath(key), "digital rubles: a positive RUB amount")
        }
        return money
    }

    static func requireSlash(_ text: String, fields: ScenarioNode, key: String) throws(ScenarioError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ScenarioError(
                line: fields.line(of: key), key: fields.keyPath(key), "expected bank/reference, e.g. huaxiabank/li.wei")
        }
    }
}
