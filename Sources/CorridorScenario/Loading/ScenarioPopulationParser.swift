import CorridorCore
import Yams

/// Reads `population:`: a list of tourist groups.
enum ScenarioPopulationParser {
    static let groupCountMax = 64
    static let spendingCountMax = 64

    static func groups(_ node: Node, path: String) throws(ScenarioError) -> [TouristGroup] {
        guard let list = node.sequence, !list.isEmpty else {
            throw ScenarioError(line: node.mark?.line, key: path, "expected a list of tourist groups")
        }
        guard list.count <= groupCountMax else {
            throw ScenarioError(line: node.mark?.line, key: path, "at most \(groupCountMax) groups")
        }
        var groups: [TouristGroup] = []
        for (index, entry) in list.enumerated() {
            let group = try self.group(entry, path: "\(path)[\(index)]")
            guard !groups.contains(where: { $0.id == group.id }) else {
                throw ScenarioError(
                    line: group.line, key: "\(path)[\(index)].group", "group \(group.id) is named twice")
            }
            groups.append(group)
        }
        return groups
    }

    static func group(_ node: Node, path: String) throws(ScenarioError) -> TouristGroup {
        let fields = try ScenarioNode(node, path: path)
        try fields.rejectUnknownKeys([
            "group", "home", "size", "balance", "bank", "wallet_bank", "instruments", "spending", "dcc",
        ])
        let id = try fields.string("group")
        guard id.count <= 24, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw ScenarioError(
                line: fields.line(of: "group"), key: fields.keyPath("group"), "a group id is 1–24 of A–Z a–z 0–9 -")
        }
        let homeText = try fields.string("home")
        guard let home = Country(code: homeText) else {
            throw ScenarioError(
                line: fields.line(of: "home"), key: fields.keyPath("home"),
                "unknown country \(homeText) (ISO 3166 alpha-2)")
        }
        guard let size = try fields.optionalInt("size", in: 1...TouristGroup.sizeMax) else {
            throw ScenarioError(line: fields.line, key: fields.keyPath("size"), "required")
        }
        let balance = try fields.money("balance")
        guard balance.minorUnits > 0 else {
            throw ScenarioError(line: fields.line(of: "balance"), key: fields.keyPath("balance"), "a positive amount")
        }
        let instruments = try Self.instruments(fields)
        let walletBank = try fields.optionalString("wallet_bank")
        if instruments.contains(where: { $0.instrument == .cbdcWallet }) {
            guard walletBank != nil else {
                throw ScenarioError(
                    line: fields.line, key: fields.keyPath("wallet_bank"), "required for cbdc_wallet (a platform bank)")
            }
            guard balance.currency.alphaCode == "RUB" else {
                throw ScenarioError(
                    line: fields.line(of: "balance"), key: fields.keyPath("balance"), "digital-ruble wallets hold RUB")
            }
        }
        let dcc = try ScenarioExpectationParser.basisPoints(fields, "dcc") ?? 0
        return TouristGroup(
            id: id, home: home, size: size, balance: balance, bank: try fields.string("bank"), walletBank: walletBank,
            instruments: instruments, spending: try Self.spending(fields), dccBps: dcc, line: fields.line)
    }

    static func instruments(_ fields: ScenarioNode) throws(ScenarioError) -> [TouristGroup.InstrumentShare] {
        guard let node = fields.node("instruments") else {
            throw ScenarioError(line: fields.line, key: fields.keyPath("instruments"), "required")
        }
        let shares = try ScenarioNode(node, path: fields.keyPath("instruments"))
        let known = TouristGroup.Instrument.allCases.map(\.rawValue)
        try shares.rejectUnknownKeys(Set(known))
        var result: [TouristGroup.InstrumentShare] = []
        for instrument in TouristGroup.Instrument.allCases {
            if let bps = try ScenarioExpectationParser.basisPoints(shares, instrument.rawValue), bps > 0 {
                result.append(.init(instrument: instrument, shareBps: bps))
            }
        }
        guard result.reduce(0, { $0 + $1.shareBps }) == 10_000 else {
            throw ScenarioError(line: shares.line, key: shares.path, "the shares must add up to 1")
        }
        return result
    }

    static func spending(_ fields: ScenarioNode) throws(ScenarioError) -> [TouristGroup.Spending] {
        let path = fields.keyPath("spending")
        guard let node = fields.node("spending") else { throw ScenarioError(line: fields.line, key: path, "required") }
        guard let list = node.sequence, !list.isEmpty, list.count <= spendingCountMax else {
            throw ScenarioError(
                line: node.mark?.line, key: path, "expected a list of 1–\(spendingCountMax) { mcc, share, basket }")
        }
        var result: [TouristGroup.Spending] = []
        for (index, entry) in list.enumerated() {
            let item = try ScenarioNode(entry, path: "\(path)[\(index)]")
            try item.rejectUnknownKeys(["mcc", "share", "basket"])
            guard let mcc = try item.optionalInt("mcc", in: 0...9999) else {
                throw ScenarioError(line: item.line, key: item.keyPath("mcc"), "required")
            }
            guard let share = try ScenarioExpectationParser.basisPoints(item, "share") else {
                throw ScenarioError(line: item.line, key: item.keyPath("share"), "required")
            }
            guard let basket = item.node("basket"), let range = basket.sequence, range.count == 2,
                case .scalar(let low) = range[0], case .scalar(let high) = range[1]
            else {
                throw ScenarioError(
                    line: item.line(of: "basket"), key: item.keyPath("basket"),
                    "expected [smallest, largest], e.g. [\"80.00 CNY\", \"600.00 CNY\"]")
            }
            let key = item.keyPath("basket")
            let min = try ScenarioAmount.parse(low.string, line: item.line(of: "basket"), key: key)
            let max = try ScenarioAmount.parse(high.string, line: item.line(of: "basket"), key: key)
            guard min.currency == max.currency, min.minorUnits > 0, min.minorUnits <= max.minorUnits else {
                throw ScenarioError(
                    line: item.line(of: "basket"), key: key, "a positive range in one currency, smallest first")
            }
            result.append(.init(merchantCategoryCode: mcc, shareBps: share, basketMin: min, basketMax: max))
        }
        guard result.reduce(0, { $0 + $1.shareBps }) == 10_000 else {
            throw ScenarioError(line: node.mark?.line, key: path, "the shares must add up to 1")
        }
        return result
    }
}
