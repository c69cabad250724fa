import CorridorCBDC
import CorridorCore
import CorridorLedger
import CorridorLedgerSQLite
import Foundation
import Testing

/// A platform in a new process carries on from the ledger alone: ``DigitalRublePlatform/restore()``.
@Suite("Digital-ruble platform restored from the ledger")
struct PlatformRestoreTests {
    /// A SQLite ledger in a fresh temporary folder, and the simulated clock both platforms share.
    private static func ledgerFile() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbdc-restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("corridor.sqlite").path
    }

    @Test func walletsBanksAndDepositsComeBackFromTheLedger() async throws {
        let path = try Self.ledgerFile()
        let clock = SimulatedWallClock(start: SimulatedWallClock.defaultStart)
        let world = try await PlatformWorld.make(backend: try SQLiteSettlementBackend(path: path, durability: .full, clock: clock))
        // alice also joins vtbank: the servicing bank stays mirbank.
        _ = try await world.platform.openWallet(holder: "alice", name: "Alice", type: .person, bank: "vtbank")
        let shopQR = try await world.platform.merchantQR(wallet: world.shop.id, amount: rub(12_345))
        #expect(await world.platform.convertToDigital(id: "c1", wallet: world.alice.id, bank: "mirbank", amount: rub(500_000)).isApproved)

        let second = DigitalRublePlatform(backend: try SQLiteSettlementBackend(path: path, durability: .full, clock: clock), clock: clock)
        #expect(await second.wallet(world.alice.id) == nil)
        let summary = try await second.restore()
        #expect(summary.banks == 2 && summary.wallets == 4 && summary.deposits == 5)
        let alice = try #require(await second.wallet(ofHolder: "alice"))
        #expect(alice.id == world.alice.id && alice.name == "Alice" && alice.type == .person)
        #expect(alice.banks == ["mirbank", "vtbank"] && alice.servicingBank == "mirbank")
        let shop = try #require(await second.wallet(world.shop.id))
        #expect(shop.type == .company && shop.servicingBank == "vtbank")
        #expect(try await second.balance(of: alice.id) == rub(500_000))

        // The restored platform pays a QR the first one showed, and its own QR codes get other references.
        let paid = await second.pay(qr: shopQR, from: alice.id)
        #expect(paid.isApproved && paid.payee == shop.id)
        #expect(try await second.balance(of: shop.id) == rub(12_345 - 12_345 * 30 / 10_000))
        clock.advance(by: 0.001)
        let again = try await second.merchantQR(wallet: shop.id, amount: rub(12_345))
        #expect(again != shopQR)
        // Paying the first QR again from the second process pays once (the ledger answers by the transfer id).
        #expect(await second.pay(qr: shopQR, from: alice.id).isApproved)
        #expect(try await second.balance(of: alice.id) == rub(500_000 - 12_345))
        // Deposit funding through a restored bank works; the issuance invariant holds across both processes.
        try await second.fundDeposit(customer: "alice", bank: "vtbank", amount: rub(100), reference: "gift")
        let issuance = try await second.verifyIssuance()
        // The fee left the wallets for the merchant's bank: digital rubles outstanding fell by as much.
        #expect(issuance.holds && issuance.wallets == rub(500_000 - 12_345 * 30 / 10_000))
    }

    @Test func limitCountersCarryOverToTheNextProcess() async throws {
        let path = try Self.ledgerFile()
        let clock = SimulatedWallClock(start: SimulatedWallClock.defaultStart)
        // Persons: at most 1 000.00 ₽ a day, 3 000.00 ₽ of top-ups a month.
        var parameters = CBDCParameters.model
        parameters.limits[.person] = CBDCWalletLimits(
            singlePaymentMax: rub(100_000), dailySpendMax: rub(100_000), monthlyTopUpMax: rub(300_000))
        let world = try await PlatformWorld.make(
            backend: try SQLiteSettlementBackend(path: path, durability: .full, clock: clock), parameters: parameters)
        #expect(await world.platform.convertToDigital(id: "t1", wallet: world.alice.id, bank: "mirbank", amount: rub(250_000)).isApproved)
        #expect(await world.platform.pay(CBDCPaymentRequest(id: "p1", kind: .p2p, payer: world.alice.id, payee: world.bob.id,
                                                            amount: rub(80_000))).isApproved)

        let second = DigitalRublePlatform(
            backend: try SQLiteSettlementBackend(path: path, durability: .full, clock: clock), parameters: parameters, clock: clock)
        try await second.restore()
        let overDaily = await second.pay(CBDCPaymentRequest(id: "p2", kind: .p2p, payer: world.alice.id, payee: world.bob.id,
                                                            amount: rub(30_000)))
        #expect(overDaily.declineReason == .dailyLimitExceeded(limit: rub(100_000)))
        #expect(await second.pay(CBDCPaymentRequest(id: "p3", kind: .p2p, payer: world.alice.id, payee: world.bob.id,
                                                    amount: rub(20_000))).isApproved)
        let overMonthly = await second.convertToDigital(id: "t2", wallet: world.alice.id, bank: "mirbank", amount: rub(60_000))
        #expect(overMonthly.declineReason == .monthlyTopUpLimitExceeded(limit: rub(300_000)))

        // The next day the daily counter starts again; the month's top-ups still count.
        clock.advance(by: 86_400)
        let third = DigitalRublePlatform(
            backend: try SQLiteSettlementBackend(path: path, durability: .full, clock: clock), parameters: parameters, clock: clock)
        try await third.restore()
        #expect(await third.pay(CBDCPaymentRequest(id: "p4", kind: .p2p, payer: world.alice.id, payee: world.bob.id,
                                                   amount: rub(90_000))).isApproved)
    }

    @Test func aCorruptRegistrationIsATypedError() async throws {
        let backend = InMemorySettlementBackend()
        _ = try await backend.createAccounts([Account(
            id: CBDCAccounts.registration(of: "DRX", bank: "b"), currency: .rub, owner: "DRX", kind: .other,
            userData: CBDCWalletRegistration.tag + "{not json")])
        let platform = DigitalRublePlatform(backend: backend)
        await #expect(throws: CBDCPlatformError.self) { try await platform.restore() }
    }

    @Test func longNamesAreShortenedToFitTheAccount() throws {
        let name = String(repeating: "Ж", count: 200)
        let registration = CBDCWalletRegistration(holder: "h", name: name, type: .company, bank: "b",
                                                  merchantCategoryCode: MerchantCategoryCode(5812), ordinal: 0)
        let account = registration.account(wallet: "DR1")
        #expect(account.userData.utf8.count <= Account.userDataLengthMax)
        let decoded = try #require(try CBDCWalletRegistration(account: account))
        #expect(decoded.name.count < 200 && name.hasPrefix(decoded.name) && decoded.merchantCategoryCode?.code == 5812)
    }
}
