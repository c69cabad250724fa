import CorridorCBDC
import CorridorCore
import CorridorGateway
import CorridorLedger
import CorridorTesting
import Foundation
import Testing

@Suite("Gateway routes wallet payments to the digital-ruble platform")
struct GatewayWalletTests {
    struct World {
        let fixture: GatewayFixture
        let platform: DigitalRublePlatform
        let payer: CBDCWallet
        let merchantWallet: CBDCWallet
    }

    static func make() async throws -> World {
        let clock = SimulatedWallClock(start: SimulatedWallClock.defaultStart.addingTimeInterval(10 * 3600))
        let backend = InMemorySettlementBackend(clock: clock)
        let platform = DigitalRublePlatform(backend: backend, clock: clock)
        try await platform.registerBank(id: "mirbank", reserves: GatewayFixture.rub("1000000.00"))
        try await platform.registerBank(id: "moscow-acquiring", reserves: GatewayFixture.rub("1000000.00"))
        let payer = try await platform.openWallet(holder: "anna-smirnova", name: "Анна Смирнова", type: .person, bank: "mirbank")
        let merchantWallet = try await platform.openWallet(holder: "moscow-souvenirs", name: "Матрёшка Сувениры", type: .company,
                                                           bank: "moscow-acquiring")
        try await platform.fundDeposit(customer: "anna-smirnova", bank: "mirbank", amount: GatewayFixture.rub("10000.00"), reference: "salary")
        let converted = await platform.convertToDigital(id: "CONVERT-1", wallet: payer.id, bank: "mirbank", amount: GatewayFixture.rub("5000.00"))
        #expect(converted.isApproved)
        let gateway = try await GatewayFixture.world.makeGateway(
            backend: backend, tokenizer: GatewayFixture.tokenizer, clock: clock, ids: IdentifierGenerator(seed: 3), limits: .unlimited,
            cbdc: platform)
        try gateway.updateDirectory { (directory: inout GatewayDirectory) throws(GatewayConfigurationError) in
            var merchant = directory.merchant("moscow-souvenirs")!
            merchant.instruments.insert(.cbdcWallet)
            merchant.cbdcWallet = merchantWallet.id
            try directory.add(merchant)
        }
        let fixture = GatewayFixture(gateway: gateway, backend: backend, clock: clock, ledger: LedgerFixture(backend: backend, clock: clock))
        return World(fixture: fixture, platform: platform, payer: payer, merchantWallet: merchantWallet)
    }

    @Test("A wallet pays a Moscow SBP code: digital rubles move, the merchant pays the capped fee, issuance holds")
    func walletPaysSBPCode() async throws {
        let world = try await Self.make()
        let payload = try GatewayFixture.payload("moscow-souvenirs")
        let result = await world.fixture.gateway.submit(.wallet(
            WalletPaymentDetails(payload: payload, wallet: world.payer.id, amount: GatewayFixture.rub("1580.00")), id: "W-1"))
        #expect(result.status == .approved, "\(result)")
        #expect(result.iso20022Status == "ACSC")
        #expect(try await world.platform.balance(of: world.payer.id).minorUnits == 500_000 - 158_000)
        // 0.3% of 1580.00 is 4.74, rounded down per kopeck.
        #expect(try await world.platform.balance(of: world.merchantWallet.id).minorUnits == 158_000 - 474)
        #expect(try await world.platform.verifyIssuance().holds)
        let record = try #require(try await world.fixture.gateway.record("W-1"))
        #expect(record.clearingItem == nil)
        #expect(record.trail.route?.contains("digital_ruble") == true)
        #expect(record.trail.ledgerTransfers.count == 1)
        try await world.fixture.ledger.expectVerified()
    }

    @Test("More than the wallet holds: 51 / AM04, nothing moves")
    func walletInsufficientFunds() async throws {
        let world = try await Self.make()
        let before = try await world.fixture.ledger.snapshot().records
        let result = await world.fixture.gateway.submit(.wallet(WalletPaymentDetails(
            payload: try GatewayFixture.payload("moscow-souvenirs"), wallet: world.payer.id, amount: GatewayFixture.rub("6000.00"))))
        #expect(result.status == .declined)
        #expect(result.responseCode == "51")
        #expect(result.declineReason?.iso20022Code == "AM04")
        #expect(try await world.fixture.ledger.snapshot().records == before)
    }

    @Test("A merchant without a wallet, or a code of a merchant that does not take wallets, declines 57")
    func merchantWithoutWallet() async throws {
        let world = try await Self.make()
        let result = await world.fixture.gateway.submit(.wallet(WalletPaymentDetails(
            payload: try GatewayFixture.payload("beijing-restaurant", amount: "10.00"), wallet: world.payer.id)))
        #expect(result.status == .declined)
        #expect(result.responseCode == "57")
    }

    @Test("A wallet holder on the watch list is declined by screening before the platform is asked")
    func walletScreening() async throws {
        let world = try await Self.make()
        let listed = try await world.platform.openWallet(holder: "ivan-s", name: "Иван Санкционов", type: .person, bank: "mirbank")
        let result = await world.fixture.gateway.submit(.wallet(WalletPaymentDetails(
            payload: try GatewayFixture.payload("moscow-souvenirs"), wallet: listed.id, amount: GatewayFixture.rub("10.00"))))
        #expect(result.responseCode == "05")
        #expect(result.declineReason?.iso20022Code == "RR04")
    }
}
