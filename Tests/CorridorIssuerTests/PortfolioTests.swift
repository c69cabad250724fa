import CorridorCore
import CorridorIssuer
import CorridorLedger
import Foundation
import Testing

@Suite("Issuer portfolio files and billing rates")
struct PortfolioTests {
    static let issuer = "issuers:\n  - id: bank\n    country: RU\n"

    func load(_ yaml: String) throws(IssuerConfigurationError) -> IssuerPortfolio {
        try IssuerPortfolio(yaml: yaml, tokenizer: IssuerFixture.tokenizer)
    }

    @Test("The sample file loads; PANs become tokens and last four digits")
    func sample() async throws {
        let fixture = try await IssuerFixture()
        #expect(fixture.portfolio.cards.count == 8)
        #expect(fixture.portfolio.issuers.keys.sorted() == ["eurobank", "huaxiabank", "mirbank"])
        let token = IssuerFixture.tokenizer.token(for: try PrimaryAccountNumber(IssuerFixture.unionPayPAN))
        let card = try #require(fixture.portfolio.cards[token.token])
        #expect(card.token.lastFour == "7899")
        #expect(card.currency == .cny)
        #expect(card.limits.daily == Money(minorUnits: 10_000_00, currency: .cny))
        #expect(!String(describing: fixture.portfolio).contains(IssuerFixture.unionPayPAN))
    }

    @Test("Provisioning twice changes nothing")
    func provisionIdempotent() async throws {
        let fixture = try await IssuerFixture()
        let before = try await fixture.backend.verify()
        try await IssuerLedgerAccounts.provision(fixture.portfolio, on: fixture.backend)
        #expect(try await fixture.backend.verify() == before)
    }

    @Test("Bad files name the line and the key", arguments: [
        (issuer + "cards:\n  - pan: \"2200700000001239\"\n    issuer: bank\n    currency: RUB\n    expiry: \"2912\"\n    colour: red\n",
         IssuerConfigurationError.keyUnknown(line: 9, key: "colour")),
        (issuer + "cards:\n  - pan: \"2200700000001239\"\n    issuer: bank\n    expiry: \"2912\"\n",
         .keyMissing(line: 5, key: "currency")),
        (issuer + "cards:\n  - pan: \"2200700000001239\"\n    issuer: nobank\n    currency: RUB\n    expiry: \"2912\"\n",
         .issuerUnknown(line: 6, issuer: "nobank")),
        (issuer + "cards:\n  - pan: \"2200700000001239\"\n    issuer: bank\n    currency: RUR\n    expiry: \"2912\"\n",
         .valueInvalid(line: 7, key: "currency", reason: "\"RUR\" is not an ISO 4217 code")),
        (issuer + "cards:\n  - pan: \"2200700000001239\"\n    issuer: bank\n    currency: RUB\n    expiry: \"2913\"\n",
         .valueInvalid(line: 8, key: "expiry", reason: "expected YYMM")),
        (issuer + "cards:\n  - pan: \"2200700000001239\"\n    issuer: bank\n    currency: RUB\n    expiry: \"2912\"\n    balance: \"1.234\"\n",
         .valueInvalid(line: 9, key: "balance", reason: "")),
        ("issuers:\n  - id: bank\n    country: XX\n", .valueInvalid(line: 3, key: "country", reason: "not an ISO 3166 alpha-2 code")),
        ("conversion_rates:\n  - { from: CNY, to: RUB, rate: \"-1\" }\n", .rateInvalid(pair: "CNY/RUB", value: "-1")),
        ("issuers: [\n", .yamlInvalid(line: 0, reason: "")),
    ])
    func badFiles(yaml: String, expected: IssuerConfigurationError) {
        #expect {
            try load(yaml)
        } throws: { error in
            guard let error = error as? IssuerConfigurationError else { return false }
            switch (error, expected) {
            case (.valueInvalid(let line, let key, _), .valueInvalid(let eLine, let eKey, let eReason)):
                return line == eLine && key == eKey && (eReason.isEmpty || error == expected)
            case (.yamlInvalid, .yamlInvalid): return true
            default: return error == expected
            }
        }
    }

    @Test("A bad PAN is refused without the digits in the message; the same PAN twice is refused")
    func badPAN() throws {
        let badLuhn = Self.issuer + "cards:\n  - pan: \"2200700000001238\"\n    issuer: bank\n    currency: RUB\n    expiry: \"2912\"\n"
        do {
            _ = try load(badLuhn)
            Issue.record("a PAN failing Luhn was accepted")
        } catch {
            #expect(!"\(error)".contains("2200700000001238"))
            #expect("\(error)".contains("line 5"))
        }
        let card = "  - pan: \"2200700000001239\"\n    issuer: bank\n    currency: RUB\n    expiry: \"2912\"\n"
        #expect(throws: IssuerConfigurationError.cardDuplicate(line: 9, lastFour: "1239")) {
            try load(Self.issuer + "cards:\n" + card + card)
        }
    }

    @Test("Billing rates convert exactly and round half up", arguments: [
        ("12.6400", Currency.cny, Int64(100_00), Currency.rub, Int64(1_264_00)),
        ("0.0791", .rub, 1_000_00, .cny, 79_10),
        ("0.0791", .rub, 1, .cny, 0),            // 0.0791 fen rounds to 0
        ("0.0791", .rub, 7, .cny, 1),            // 0.5537 rounds up
        ("150", .usd, 1_00, .jpy, 150),          // to a currency without minor units
        ("0.0067", .jpy, 1_000, .usd, 6_70),     // from one
    ])
    func rates(rate: String, from: Currency, amount: Int64, to: Currency, expected: Int64) throws {
        let conversion = try ConversionRate(from: from, to: to, rate: rate)
        #expect(conversion.convert(Money(minorUnits: amount, currency: from)) == Money(minorUnits: expected, currency: to))
    }

    @Test("A conversion that would overflow is nil, not a wrapped figure")
    func rateOverflow() throws {
        let conversion = try ConversionRate(from: .cny, to: .rub, rate: "999999.999999")
        #expect(conversion.convert(Money(minorUnits: .max / 2, currency: .cny)) == nil)
    }

    @Test("Rates that are not positive decimals are refused", arguments: ["", "0", "1.", ".5", "1.2.3", "abc", "1e3", "１"])
    func badRates(text: String) {
        #expect(throws: IssuerConfigurationError.self) { try ConversionRate(from: .cny, to: .rub, rate: text) }
    }
}
