import CorridorCore
import CorridorISO20022
import Foundation
import Yams

extension GatewayDirectory {
    /// Loads a directory from its two files: participants (with settlement agents, the FX provider, payment systems
    /// and bank customers) and merchants. Unknown keys, unknown references and duplicates are errors naming the line.
    public init(participantsYAML: String, merchantsYAML: String) throws(GatewayConfigurationError) {
        self.init()
        try loadParticipants(yaml: participantsYAML)
        try loadMerchants(yaml: merchantsYAML)
    }

    /// Loads `participants.yaml` and `merchants.yaml` from a folder (e.g. `Samples/gateway`).
    public init(directory: URL) throws {
        try self.init(
            participantsYAML: String(contentsOf: directory.appendingPathComponent("participants.yaml"), encoding: .utf8),
            merchantsYAML: String(contentsOf: directory.appendingPathComponent("merchants.yaml"), encoding: .utf8))
    }

    /// Adds the participants file's content.
    public mutating func loadParticipants(yaml: String) throws(GatewayConfigurationError) {
        let root = try GatewayYAML.root(
            yaml, allowed: ["participants", "settlement_agents", "fx_provider", "payment_systems", "customers", "screening_limits"])
        for node in try root.sequence("participants") {
            let entry = try GatewayYAML(node, key: "participants", allowed: [
                "id", "name", "bic", "country", "currencies", "roles", "network", "bik", "sbp_member_id", "cnaps",
            ])
            let id = try entry.string("id")
            if participants[id] != nil { throw .duplicate(line: entry.lineOf("id"), key: "id", value: id) }
            let bicText = try entry.string("bic")
            let bic: BIC
            do { bic = try BIC(bicText) } catch {
                throw .valueInvalid(line: entry.lineOf("bic"), key: "bic", reason: "\"\(bicText)\" is not a BIC")
            }
            var currencies: [Currency] = []
            for code in try entry.strings("currencies") {
                currencies.append(try GatewayYAML.currency(code, line: entry.lineOf("currencies"), key: "currencies"))
            }
            var roles: Set<ParticipantRole> = []
            for name in try entry.strings("roles") {
                guard let role = ParticipantRole(rawValue: name) else {
                    throw .valueInvalid(line: entry.lineOf("roles"), key: "roles", reason: "\"\(name)\" is not one of "
                        + ParticipantRole.allCases.map(\.rawValue).joined(separator: ", "))
                }
                roles.insert(role)
            }
            guard !roles.isEmpty else { throw .keyMissing(line: entry.line, key: "roles") }
            let networkText = try entry.optionalString("network") ?? "swift"
            guard let network = MessagingNetwork(rawValue: networkText) else {
                throw .valueInvalid(line: entry.lineOf("network"), key: "network", reason: "expected spfs, cips or swift")
            }
            let bik = try entry.optionalString("bik")
            if let bik, bik.count != 9 || !bik.allSatisfy(\.isASCII) || Int(bik) == nil {
                throw .valueInvalid(line: entry.lineOf("bik"), key: "bik", reason: "expected 9 digits")
            }
            let sbp = try entry.optionalString("sbp_member_id")
            if let sbp, sbp.count != 12 || Int(sbp) == nil {
                throw .valueInvalid(line: entry.lineOf("sbp_member_id"), key: "sbp_member_id", reason: "expected 12 digits")
            }
            add(Participant(
                id: id, name: try entry.string("name"), bic: bic, country: try entry.country("country"),
                currencies: currencies, roles: roles, network: network, bik: bik, sbpMemberID: sbp,
                cnaps: try entry.optionalString("cnaps")))
        }
        for (code, agent, line) in try root.mapping("settlement_agents") {
            let currency = try GatewayYAML.currency(code, line: line, key: "settlement_agents")
            guard let participant = participants[agent], participant.has(.settlementAgent) else {
                throw .referenceUnknown(line: line, key: "settlement_agents", value: agent)
            }
            setSettlementAgent(agent, for: currency)
        }
        if let provider = try root.optionalString("fx_provider") {
            guard participants[provider]?.has(.fxProvider) == true else {
                throw .referenceUnknown(line: root.lineOf("fx_provider"), key: "fx_provider", value: provider)
            }
            setFXProvider(provider)
        }
        for node in try root.sequence("payment_systems") {
            let entry = try GatewayYAML(node, key: "payment_systems", allowed: ["system", "operator", "interchange_bps", "scheme_fee_bps"])
            let name = try entry.string("system")
            guard let system = PaymentSystem(rawValue: name) else {
                throw .valueInvalid(line: entry.lineOf("system"), key: "system", reason: "expected one of "
                    + PaymentSystem.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let operatorID = try entry.string("operator")
            guard participants[operatorID]?.has(.paymentSystemOperator) == true else {
                throw .referenceUnknown(line: entry.lineOf("operator"), key: "operator", value: operatorID)
            }
            add(PaymentSystemProfile(
                system: system, operatorID: operatorID,
                interchangeBps: try entry.integer("interchange_bps", in: 0...1000, default: 0),
                schemeFeeBps: try entry.integer("scheme_fee_bps", in: 0...1000, default: 0)))
        }
        if let node = root.node["screening_limits"] {
            screeningLimits = try Self.screeningLimits(node)
        }
        for node in try root.sequence("customers") {
            let entry = try GatewayYAML(node, key: "customers", allowed: ["bank", "reference", "name", "country", "currency", "balance"])
            let bank = try entry.string("bank")
            guard participants[bank]?.has(.bank) == true else {
                throw .referenceUnknown(line: entry.lineOf("bank"), key: "bank", value: bank)
            }
            let reference = try entry.string("reference")
            if customer(bank: bank, reference: reference) != nil {
                throw .duplicate(line: entry.lineOf("reference"), key: "reference", value: reference)
            }
            let currency = try entry.currency("currency")
            try add(BankCustomer(
                bank: bank, reference: reference, name: try entry.string("name"), country: try entry.country("country"),
                currency: currency, openingBalance: try entry.money("balance", currency: currency) ?? .zero(currency)))
        }
    }

    /// `screening_limits: { payer_daily: [AMOUNT…], corridor_daily: { KIND: [AMOUNT…] }, single_payment: { KIND: [AMOUNT…] } }`
    /// where an amount is `"50000.00 CNY"` and a kind is a corridor class (`RU-CN`, `CN-RU`, `RU-other`, `other-RU`,
    /// `domestic`, `other`). Limits apply to the merchant's amount, in its currency.
    private static func screeningLimits(_ node: Yams.Node) throws(GatewayConfigurationError) -> ScreeningLimits {
        let entry = try GatewayYAML(node, key: "screening_limits", allowed: ["payer_daily", "corridor_daily", "single_payment"])
        func amounts(_ texts: [String], line: Int, key: String) throws(GatewayConfigurationError) -> [Money] {
            var result: [Money] = []
            var seen: Set<Currency> = []
            for text in texts {
                let parts = text.split(separator: " ")
                guard parts.count == 2, let currency = Currency(alphaCode: String(parts[1])),
                    let money = try? Money(decimal: String(parts[0]), currency: currency), money.minorUnits > 0
                else { throw .valueInvalid(line: line, key: key, reason: "\"\(text)\" is not a positive amount like \"5000.00 CNY\"") }
                guard seen.insert(currency).inserted else { throw .duplicate(line: line, key: key, value: currency.alphaCode) }
                result.append(money)
            }
            return result
        }
        func byKind(_ key: String) throws(GatewayConfigurationError) -> [PaymentCorridor.Kind: [Money]] {
            guard let value = entry.node[key] else { return [:] }
            let sub = try GatewayYAML(value, key: key, allowed: Set(PaymentCorridor.Kind.allCases.map(\.rawValue)))
            var result: [PaymentCorridor.Kind: [Money]] = [:]
            for kind in PaymentCorridor.Kind.allCases where sub.node[kind.rawValue] != nil {
                result[kind] = try amounts(try sub.strings(kind.rawValue), line: sub.lineOf(kind.rawValue), key: kind.rawValue)
            }
            return result
        }
        return ScreeningLimits(
            payerDailyMax: try amounts(try entry.strings("payer_daily"), line: entry.lineOf("payer_daily"), key: "payer_daily"),
            corridorDailyMax: try byKind("corridor_daily"), paymentMax: try byKind("single_payment"))
    }

    /// Adds the merchants file's content.
    public mutating func loadMerchants(yaml: String) throws(GatewayConfigurationError) {
        let root = try GatewayYAML.root(yaml, allowed: ["merchants"])
        for node in try root.sequence("merchants") {
            let entry = try GatewayYAML(node, key: "merchants", allowed: [
                "id", "name", "city", "country", "mcc", "acquirer", "currency", "instruments", "discount_rate_bps",
                "terminal_id", "card_acceptor_id", "qr_identifiers", "cbdc_wallet",
            ])
            let id = try entry.string("id")
            if merchants[id] != nil { throw .duplicate(line: entry.lineOf("id"), key: "id", value: id) }
            let mccText = try entry.string("mcc")
            guard let mcc = MerchantCategoryCode(text: mccText) else {
                throw .valueInvalid(line: entry.lineOf("mcc"), key: "mcc", reason: "expected 4 digits")
            }
            var instruments: Set<PaymentInstrumentKind> = []
            for name in try entry.strings("instruments") {
                guard let kind = PaymentInstrumentKind(rawValue: name) else {
                    throw .valueInvalid(line: entry.lineOf("instruments"), key: "instruments", reason: "\"\(name)\" is not one of "
                        + PaymentInstrumentKind.allCases.map(\.rawValue).joined(separator: ", "))
                }
                instruments.insert(kind)
            }
            let terminal = try entry.optionalString("terminal_id")
                ?? String(id.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(8))
                    .padding(toLength: 8, withPad: "0", startingAt: 0)
            guard terminal.count == 8, terminal.allSatisfy(\.isASCII) else {
                throw .valueInvalid(line: entry.lineOf("terminal_id"), key: "terminal_id", reason: "expected 8 ASCII characters")
            }
            let acceptor = try entry.optionalString("card_acceptor_id") ?? String(id.prefix(15))
            guard (1...15).contains(acceptor.count), acceptor.allSatisfy(\.isASCII) else {
                throw .valueInvalid(line: entry.lineOf("card_acceptor_id"), key: "card_acceptor_id", reason: "expected 1–15 ASCII characters")
            }
            let acquirer = try entry.string("acquirer")
            let merchant = Merchant(
                id: id, name: try entry.string("name"), city: try entry.string("city"), country: try entry.country("country"),
                mcc: mcc, acquirer: acquirer, currency: try entry.currency("currency"), instruments: instruments,
                discountRateBps: try entry.integer("discount_rate_bps", in: 0...2000, default: 150),
                terminalID: terminal, cardAcceptorID: acceptor, qrIdentifiers: try entry.strings("qr_identifiers"),
                cbdcWallet: try entry.optionalString("cbdc_wallet"))
            do {
                try add(merchant)
            } catch .referenceUnknown(_, let key, let value) {
                throw .referenceUnknown(line: entry.lineOf(key), key: key, value: value)
            } catch .valueInvalid(_, let key, let reason) {
                throw .valueInvalid(line: entry.lineOf(key), key: key, reason: reason)
            } catch {
                throw error
            }
        }
    }
}
