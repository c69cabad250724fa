import CorridorCore
import CorridorGateway
import CorridorTesting
import Foundation
import Testing

@Suite("Gateway directory")
struct DirectoryTests {
    static let participants = """
        participants:
          - { id: bank-a, name: Bank A, bic: BANKRUMMXXX, country: RU, currencies: [RUB], roles: [bank, acquirer] }
          - { id: agent, name: Agent, bic: AGNTRUMMXXX, country: RU, currencies: [RUB], roles: [settlement_agent] }
        settlement_agents: { RUB: agent }
        """

    @Test func merchantNeedsAKnownAcquirer() throws {
        var directory = GatewayDirectory()
        let merchant = Merchant(
            id: "m", name: "Shop", city: "Beijing", country: Country(code: "CN")!, mcc: MerchantCategoryCode(5812)!,
            acquirer: "nobody", currency: Currency(alphaCode: "CNY")!, instruments: [.card], discountRateBps: 150,
            terminalID: "T0000001", cardAcceptorID: "M1")
        #expect(throws: GatewayConfigurationError.self) { try directory.add(merchant) }
    }

    @Test func theSampleWorldLoads() throws {
        let directory = try GatewayDirectory(directory: URL(fileURLWithPath: SampleFiles.path("gateway")))
        #expect(directory.participant("mirbank")?.bic.text == "VOLGRUMMXXX")
        #expect(directory.settlementAgents[Currency(alphaCode: "CNY")!] == "cips-clearing")
        #expect(directory.merchant(qrIdentifier: "AS10003P3RH0LJ2A9ROO038L6NT5RU1M")?.id == "moscow-souvenirs")
        #expect(directory.customer(bank: "huaxiabank", reference: "li.wei")?.openingBalance.minorUnits == 3_000_000)
        #expect(directory.screeningLimits.payerDailyMax[Currency(alphaCode: "CNY")!]?.minorUnits == 5_000_000)
        #expect(directory.screeningLimits.paymentMax[.ruToCN]?[Currency(alphaCode: "CNY")!]?.minorUnits == 4_000_000)
    }

    @Test("Errors name the line and the key", arguments: [
        ("merchants:\n  - { id: m, name: M, city: C, country: RU, mcc: \"5812\", acquirer: nobody, currency: RUB }\n",
         GatewayConfigurationError.referenceUnknown(line: 2, key: "acquirer", value: "nobody")),
        ("merchants:\n  - { id: m, name: M, city: C, country: RU, mcc: \"5812\", acquirer: bank-a, currency: RUB, colour: red }\n",
         GatewayConfigurationError.keyUnknown(line: 2, key: "colour")),
        ("merchants:\n  - { id: m, name: M, city: C, country: XX, mcc: \"5812\", acquirer: bank-a, currency: RUB }\n",
         GatewayConfigurationError.valueInvalid(line: 2, key: "country", reason: "\"XX\" is not an ISO 3166 code")),
    ])
    func merchantFileErrors(_ yaml: String, _ expected: GatewayConfigurationError) throws {
        #expect(throws: expected) { try GatewayDirectory(participantsYAML: Self.participants, merchantsYAML: yaml) }
    }

    @Test func screeningLimitErrorsNameTheKey() {
        let yaml = Self.participants + "\nscreening_limits:\n  single_payment: { RU-CN: [\"12,5 CNY\"] }\n"
        #expect(throws: GatewayConfigurationError.self) { try GatewayDirectory(participantsYAML: yaml, merchantsYAML: "merchants: []") }
        let unknown = Self.participants + "\nscreening_limits:\n  single_payment: { RU-XX: [\"12.50 CNY\"] }\n"
        #expect(throws: GatewayConfigurationError.keyUnknown(line: 6, key: "RU-XX")) {
            try GatewayDirectory(participantsYAML: unknown, merchantsYAML: "merchants: []")
        }
    }
}
