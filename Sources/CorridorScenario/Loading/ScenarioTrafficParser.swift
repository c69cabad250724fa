import CorridorCore
import Foundation
import Yams

/// Reads `traffic:` and `faults:`.
enum ScenarioTrafficParser {
    static let faultCountMax = 256

    static func traffic(_ node: Node, path: String) throws(ScenarioError) -> ScenarioTraffic {
        let fields = try ScenarioNode(node, path: path)
        try fields.rejectUnknownKeys(["day", "per_hour", "payments", "merchant_country"])
        let dayText = try fields.string("day")
        guard let day = Self.day(dayText) else {
            throw ScenarioError(line: fields.line(of: "day"), key: fields.keyPath("day"), "expected a date, YYYY-MM-DD")
        }
        guard let perHourNode = fields.node("per_hour") else {
            throw ScenarioError(line: fields.line, key: fields.keyPath("per_hour"), "required")
        }
        let rates = try ScenarioNode(perHourNode, path: fields.keyPath("per_hour"))
        var perHour = Array(repeating: 0, count: 24)
        for (key, _) in rates.mapping {
            let name = key.string ?? "?"
            guard let hour = Int(name), (0...23).contains(hour), String(hour) == name else {
                throw ScenarioError(line: key.mark?.line, key: rates.keyPath(name), "an hour of the day is 0…23")
            }
            perHour[hour] = try rates.optionalInt(name, in: 0...10_000_000) ?? 0
        }
        guard perHour.contains(where: { $0 > 0 }) else {
            throw ScenarioError(line: rates.line, key: rates.path, "at least one hour needs a positive rate")
        }
        let payments = try fields.optionalInt("payments", in: 1...ScenarioTraffic.paymentCountMax)
        var country: Country?
        if let text = try fields.optionalString("merchant_country") {
            guard let value = Country(code: text) else {
                throw ScenarioError(
                    line: fields.line(of: "merchant_country"), key: fields.keyPath("merchant_country"),
                    "unknown country \(text)")
            }
            country = value
        }
        return ScenarioTraffic(
            day: day, ratePerHour: perHour, payments: payments, merchantCountry: country, line: fields.line)
    }

    static func faults(_ node: Node, path: String, groups: [TouristGroup]) throws(ScenarioError) -> [ScenarioFault] {
        guard let list = node.sequence, list.count <= faultCountMax else {
            throw ScenarioError(line: node.mark?.line, key: path, "expected a list of at most \(faultCountMax) faults")
        }
        var faults: [ScenarioFault] = []
        for (index, entry) in list.enumerated() {
            faults.append(try fault(entry, path: "\(path)[\(index)]", groups: groups))
        }
        return faults
    }

    static let kinds = ["issuer_delay", "issuer_drop", "bank_offline", "fx_jump", "offline_wallets", "sanctions_hit"]

    static func fault(_ node: Node, path: String, groups: [TouristGroup]) throws(ScenarioError) -> ScenarioFault {
        let outer = try ScenarioNode(node, path: path)
        guard outer.mapping.count == 1, let (keyNode, value) = outer.mapping.first.map({ ($0.key, $0.value) }),
            let key = keyNode.string, kinds.contains(key)
        else {
            throw ScenarioError(
                line: outer.line, key: path, "a fault has exactly one key: " + kinds.joined(separator: ", "))
        }
        let fields = try ScenarioNode(value, path: path + "." + key)
        func window() throws(ScenarioError) -> (Int, Int) {
            let from = try time(fields, "from")
            let to = try time(fields, "to")
            guard from < to else {
                throw ScenarioError(line: fields.line(of: "to"), key: fields.keyPath("to"), "must be after `from`")
            }
            return (from, to)
        }
        func share() throws(ScenarioError) -> Int {
            guard let bps = try ScenarioExpectationParser.basisPoints(fields, "share") else {
                throw ScenarioError(line: fields.line, key: fields.keyPath("share"), "required")
            }
            return bps
        }
        switch key {
        case "issuer_delay":
            try fields.rejectUnknownKeys(["issuer", "from", "to", "share", "seconds"])
            let (from, to) = try window()
            guard let seconds = try fields.optionalInt("seconds", in: 1...600) else {
                throw ScenarioError(line: fields.line, key: fields.keyPath("seconds"), "required")
            }
            return .issuerDelay(
                issuer: try fields.string("issuer"), from: from, to: to, shareBps: try share(), seconds: seconds)
        case "issuer_drop":
            try fields.rejectUnknownKeys(["issuer", "from", "to", "share"])
            let (from, to) = try window()
            return .issuerDrop(issuer: try fields.string("issuer"), from: from, to: to, shareBps: try share())
        case "bank_offline":
            try fields.rejectUnknownKeys(["bank", "from", "to"])
            let (from, to) = try window()
            return .bankOffline(bank: try fields.string("bank"), from: from, to: to)
        case "fx_jump":
            try fields.rejectUnknownKeys(["at", "base", "quote", "mid"])
            func currency(_ name: String) throws(ScenarioError) -> Currency {
                let text = try fields.string(name)
                guard let value = Currency(alphaCode: text) else {
                    throw ScenarioError(
                        line: fields.line(of: name), key: fields.keyPath(name), "unknown currency \(text)")
                }
                return value
            }
            let mid = try fields.string("mid")
            guard mid.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), mid.filter({ $0 == "." }).count <= 1
            else {
                throw ScenarioError(
                    line: fields.line(of: "mid"), key: fields.keyPath("mid"), "a decimal rate, e.g. \"13.9000\"")
            }
            return .fxJump(
                at: try time(fields, "at"), base: try currency("base"), quote: try currency("quote"), mid: mid)
        case "offline_wallets":
            try fields.rejectUnknownKeys(["group", "tourists", "payments", "merchant", "amount", "from", "sync_at"])
            let group = try fields.string("group")
            guard let known = groups.first(where: { $0.id == group }),
                known.instruments.contains(where: { $0.instrument == .cbdcWallet })
            else {
                throw ScenarioError(
                    line: fields.line(of: "group"), key: fields.keyPath("group"),
                    "no population group \(group) with cbdc_wallet")
            }
            let from = try time(fields, "from")
            let sync = try time(fields, "sync_at")
            guard from < sync else {
                throw ScenarioError(
                    line: fields.line(of: "sync_at"), key: fields.keyPath("sync_at"), "must be after `from`")
            }
            return .offlineWallets(
                group: group, tourists: try fields.optionalInt("tourists", in: 1...1000) ?? 1,
                payments: try fields.optionalInt("payments", in: 1...100) ?? 1, merchant: try fields.string("merchant"),
                amount: try ScenarioStepParser.rubles(fields, "amount"), from: from, syncAt: sync)
        default:
            try fields.rejectUnknownKeys(["at", "name", "bank", "merchant", "amount"])
            return .sanctionsHit(
                at: try time(fields, "at"), name: try fields.string("name"), bank: try fields.string("bank"),
                merchant: try fields.string("merchant"), amount: try fields.money("amount"))
        }
    }

    /// `"HH:MM"` as seconds from midnight.
    static func time(_ fields: ScenarioNode, _ key: String) throws(ScenarioError) -> Int {
        let text = try fields.string(key)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60
        else {
            throw ScenarioError(
                line: fields.line(of: key), key: fields.keyPath(key), "a time of the traffic day, \"HH:MM\" (UTC)")
        }
        return hour * 3600 + minute * 60
    }

    /// Midnight UTC of `YYYY-MM-DD`.
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1970...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysIn(year: year, month: month)).contains(day)
        else { return nil }
        return Date(
            timeIntervalSince1970: TimeInterval(CivilDate.days(fromYear: year, month: month, day: day) * 86_400))
    }
}
