import CorridorCore
import Foundation
import Yams

/// An issuing bank the host answers for.
public struct IssuerProfile: Sendable, Hashable {
    /// Short id used by cards and ledger owners ("mirbank").
    public let id: String
    /// Display name.
    public let name: String
    /// Home country.
    public let country: Country

    /// Creates an issuer.
    public init(id: String, name: String, country: Country) {
        self.id = id
        self.name = name
        self.country = country
    }
}

/// The issuers, their cards and their billing rates: what an issuer host serves.
///
/// Loaded from YAML (`Samples/issuer/cards.yaml` is the annotated example). PANs in the file are tokenized on
/// load; the portfolio keeps only tokens and last four digits.
public struct IssuerPortfolio: Sendable {
    /// Issuers by id.
    public private(set) var issuers: [String: IssuerProfile]
    /// Cards by token.
    public private(set) var cards: [String: IssuedCard]
    /// Billing rates by (from, to).
    public private(set) var rates: [CurrencyPair: ConversionRate]

    /// A transaction currency → billing currency pair.
    public struct CurrencyPair: Sendable, Hashable {
        /// The transaction currency.
        public let from: Currency
        /// The billing currency.
        public let to: Currency
    }

    /// An empty portfolio.
    public init() {
        issuers = [:]
        cards = [:]
        rates = [:]
    }

    /// Adds or replaces an issuer.
    public mutating func add(_ issuer: IssuerProfile) { issuers[issuer.id] = issuer }

    /// Adds or replaces a card.
    public mutating func add(_ card: IssuedCard) { cards[card.token.token] = card }

    /// Adds or replaces a billing rate.
    public mutating func add(_ rate: ConversionRate) { rates[CurrencyPair(from: rate.from, to: rate.to)] = rate }

    /// The rate for a pair, if the issuer has one.
    public func rate(from: Currency, to: Currency) -> ConversionRate? { rates[CurrencyPair(from: from, to: to)] }

    /// Parses a portfolio file.
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - tokenizer: turns the file's PANs into tokens.
    /// - Throws: `IssuerConfigurationError` naming the line and key of the first problem.
    public init(yaml: String, tokenizer: CardTokenizer) throws(IssuerConfigurationError) {
        self.init()
        let root = try YAMLMapping(composeYAML(yaml), key: "(file)", allowed: ["issuers", "cards", "conversion_rates"])
        for node in try root.sequence("issuers") {
            let entry = try YAMLMapping(node, key: "issuers", allowed: ["id", "name", "country"])
            let countryCode = try entry.string("country")
            guard let country = Country(code: countryCode) else {
                throw .valueInvalid(line: entry.lineOf("country"), key: "country", reason: "not an ISO 3166 alpha-2 code")
            }
            add(IssuerProfile(id: try entry.string("id"), name: try entry.optionalString("name") ?? "", country: country))
        }
        for node in try root.sequence("conversion_rates") {
            let entry = try YAMLMapping(node, key: "conversion_rates", allowed: ["from", "to", "rate"])
            let from = try Self.currency(entry, "from")
            let to = try Self.currency(entry, "to")
            add(try ConversionRate(from: from, to: to, rate: try entry.string("rate")))
        }
        for node in try root.sequence("cards") {
            let card = try Self.card(node, tokenizer: tokenizer, issuers: issuers)
            if cards[card.token.token] != nil { throw .cardDuplicate(line: node.mark?.line ?? 0, lastFour: card.token.lastFour) }
            add(card)
        }
    }

    /// Reads a portfolio file from disk.
    public init(contentsOf url: URL, tokenizer: CardTokenizer) throws {
        try self.init(yaml: String(contentsOf: url, encoding: .utf8), tokenizer: tokenizer)
    }

    private static func currency(_ entry: YAMLMapping, _ key: String) throws(IssuerConfigurationError) -> Currency {
        let code = try entry.string(key)
        guard let currency = Currency(alphaCode: code) else {
            throw .valueInvalid(line: entry.lineOf(key), key: key, reason: "\"\(code)\" is not an ISO 4217 code")
        }
        return currency
    }

    private static func money(_ entry: YAMLMapping, _ key: String, _ currency: Currency) throws(IssuerConfigurationError) -> Money? {
        guard let text = try entry.optionalString(key) else { return nil }
        do {
            let money = try Money(decimal: text, currency: currency)
            guard money.minorUnits >= 0 else {
                throw IssuerConfigurationError.valueInvalid(line: entry.lineOf(key), key: key, reason: "must not be negative")
            }
            return money
        } catch let error as IssuerConfigurationError {
            throw error
        } catch {
            throw .valueInvalid(line: entry.lineOf(key), key: key, reason: "\(error)")
        }
    }

    private static func card(
        _ node: Yams.Node, tokenizer: CardTokenizer, issuers: [String: IssuerProfile]
    ) throws(IssuerConfigurationError) -> IssuedCard {
        let entry = try YAMLMapping(
            node, key: "cards", allowed: ["pan", "issuer", "currency", "balance", "expiry", "status", "limits"])
        let pan: PrimaryAccountNumber
        do {
            pan = try PrimaryAccountNumber(try entry.string("pan"))
        } catch let error as IssuerConfigurationError {
            throw error
        } catch {
            // The message names the problem, never the digits.
            throw .valueInvalid(line: entry.lineOf("pan"), key: "pan", reason: "\(error)")
        }
        let issuerID = try entry.string("issuer")
        guard issuers[issuerID] != nil else { throw .issuerUnknown(line: entry.lineOf("issuer"), issuer: issuerID) }
        let currency = try currency(entry, "currency")
        let expiry = try entry.string("expiry")
        guard expiry.count == 4, expiry.allSatisfy(\.isASCII), let month = Int(expiry.suffix(2)), Int(expiry) != nil,
            (1...12).contains(month)
        else { throw .valueInvalid(line: entry.lineOf("expiry"), key: "expiry", reason: "expected YYMM") }
        let statusText = try entry.optionalString("status") ?? "active"
        guard let status = CardStatus(rawValue: statusText) else {
            throw .valueInvalid(
                line: entry.lineOf("status"), key: "status",
                reason: "one of \(CardStatus.allCases.map { $0.rawValue }.joined(separator: ", "))")
        }
        var limits = CardLimits()
        if let limitsNode = entry.node["limits"] {
            let limitsEntry = try YAMLMapping(limitsNode, key: "limits", allowed: ["per_transaction", "daily"])
            limits.perTransaction = try money(limitsEntry, "per_transaction", currency)
            limits.daily = try money(limitsEntry, "daily", currency)
        }
        return IssuedCard(
            token: tokenizer.token(for: pan), issuerID: issuerID, currency: currency,
            openingBalance: try money(entry, "balance", currency) ?? .zero(currency), expiry: expiry,
            status: status, limits: limits)
    }
}
