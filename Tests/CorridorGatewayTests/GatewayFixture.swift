import CorridorCore
import CorridorGateway
import CorridorISO20022
import CorridorLedger
import CorridorMerchantQR
import CorridorTesting
import Foundation
import Testing

/// A gateway over the sample world (Samples/gateway, Samples/issuer/cards.yaml) on the in-memory ledger, with a
/// simulated clock at 2026-01-01 10:00 UTC and seeded ids.
struct GatewayFixture {
    let gateway: Gateway
    let backend: InMemorySettlementBackend
    let clock: SimulatedWallClock
    let ledger: LedgerFixture

    static let world = GatewayWorld(
        folder: URL(fileURLWithPath: SampleFiles.path("gateway")),
        cardsFile: URL(fileURLWithPath: SampleFiles.path("issuer/cards.yaml")))
    static let tokenizer = CardTokenizer(key: Data(repeating: 7, count: 32))

    static func make(limits: ScreeningLimits = .unlimited) async throws -> GatewayFixture {
        let clock = SimulatedWallClock(start: SimulatedWallClock.defaultStart.addingTimeInterval(10 * 3600))
        let backend = InMemorySettlementBackend(clock: clock)
        let gateway = try await world.makeGateway(
            backend: backend, tokenizer: tokenizer, clock: clock, ids: IdentifierGenerator(seed: 42), limits: limits,
            issuerConfiguration: .init(responseDelay: .milliseconds(1), approvalSeed: 7))
        return GatewayFixture(gateway: gateway, backend: backend, clock: clock, ledger: LedgerFixture(backend: backend, clock: clock))
    }

    /// The sample merchant profile's payload (Samples/merchants.json), with a fixed amount when given.
    static func payload(_ profileID: String, amount: String? = nil) throws -> String {
        let profiles = try MerchantProfileCatalog.load(contentsOf: URL(fileURLWithPath: SampleFiles.path("merchants.json")))
        var profile = try #require(profiles.first { $0.id == profileID })
        if let amount { profile.amount = amount }
        return try profile.payload()
    }

    func balance(_ account: AccountID) async throws -> Int64 {
        let balance = try #require(try await backend.balance(of: account))
        return balance.creditsPosted - balance.debitsPosted
    }

    func customerBalance(_ reference: String, bank: String, _ currency: Currency) async throws -> Int64 {
        try await balance(GatewayAccounts.customer(reference, at: bank, currency: currency))
    }

    /// Every emitted message of a record validates against its XSD (header and document).
    static func expectValid(_ messages: [EmittedMessage], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for message in messages {
            let xml = try message.xml()
            try XMLLint.expectValid(xml.header, definition: "head.001.001.02", sourceLocation: sourceLocation)
            try XMLLint.expectValid(xml.document, definition: message.definition, sourceLocation: sourceLocation)
        }
    }
}

extension Currency {
    static let rubles = Currency(alphaCode: "RUB")!
    static let yuan = Currency(alphaCode: "CNY")!
}

func money(_ text: String, _ currency: Currency) -> Money { try! Money(decimal: text, currency: currency) }

extension GatewayFixture {
    static func rub(_ text: String) -> Money { money(text, .rubles) }
    static func cny(_ text: String) -> Money { money(text, .yuan) }

    /// Recomputes an EMV payload's CRC (tag 63) after an edit.
    static func recrc(_ payload: String) throws -> String {
        let body = String(payload.dropLast(4))
        let crc = String(CRC16.checksum(body), radix: 16, uppercase: true)
        return body + String(repeating: "0", count: 4 - crc.count) + crc
    }
}
