import CorridorCore
import CorridorGateway
import Testing

@Suite("Gateway directory")
struct DirectoryTests {
    @Test func merchantNeedsAKnownAcquirer() throws {
        var directory = GatewayDirectory()
        let merchant = Merchant(
            id: "m", name: "Shop", city: "Beijing", country: Country(code: "CN")!, mcc: MerchantCategoryCode(5812)!,
            acquirer: "nobody", currency: Currency(alphaCode: "CNY")!, instruments: [.card], discountRateBps: 150,
            terminalID: "T0000001", cardAcceptorID: "M1")
        #expect(throws: GatewayConfigurationError.self) { try directory.add(merchant) }
    }
}
