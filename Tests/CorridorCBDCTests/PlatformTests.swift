import CorridorCBDC
import CorridorCore
import CorridorLedger
import CorridorLedgerSQLite
import Foundation
import Testing

/// A platform with one bank (`mirbank`, 1 000 000.00 ₽ reserves), a second bank (`vtbank`), and wallets for two
/// persons, a company merchant and a government body, each person with a funded deposit at `mirbank`.
struct PlatformWorld {
    let platform: DigitalRublePlatform
    let backend: any SettlementBackend
    let clock: SimulatedWallClock
    let alice: CBDCWallet
    let bob: CBDCWallet
    let shop: CBDCWallet
    let treasury: CBDCWallet

    static let reserves: Int64 = 100_000_000

    static func make(
        backend: (any SettlementBackend)? = nil, parameters: CBDCParameters = .model, mirbankFeeBps: Int? = nil
    ) async throws -> PlatformWorld {
        let clock = SimulatedWallClock(start: SimulatedWallClock.defaultStart)
        let backend = backend ?? InMemorySettlementBackend(clock: clock)
        let platform = DigitalRublePlatform(backend: backend, parameters: parameters, clock: clock)
        try await platform.registerBank(id: "mirbank", reserves: rub(reserves), c2bFeeRateBps: mirbankFeeBps)
        try await platform.registerBank(id: "vtbank", reserves: rub(50_000_000))
        let alice = try await platform.openWallet(holder: "alice", name: "Alice", type: .person, bank: "mirbank")
        let bob = try await platform.openWallet(holder: "bob", name: "Bob", type: .person, bank: "mirbank")
        let shop = try await platform.openWallet(holder: "shop-7701", name: "Corner Shop", type: .company, bank: "vtbank")
        let treasury = try await platform.openWallet(holder: "treasury", name: "Treasury", type: .government, bank: "mirbank")
        for holder in ["alice", "bob", "treasury"] {
            try await platform.fundDeposit(customer: holder, bank: "mirbank", amount: rub(2_000_000), reference: "salary")
        }
        return PlatformWorld(platform: platform, backend: backend, clock: clock, alice: alice, bob: bob, shop: shop,
                             treasury: treasury)
    }

    /// Asserts both invariants: digital rubles issued = holdings, and the ledger's own.
    func expectInvariants(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let issuance = try await platform.verifyIssuance()
        #expect(issuance.holds, "\(issuance)", sourceLocation: sourceLocation)
        #expect(try await backend.verify().isBalanced, sourceLocation: sourceLocation)
    }
}

func rub(_ kopecks: Int64) -> Money { Money(minorUnits: kopecks, currency: .rub) }

@Suite("Digital-ruble platform")
struct PlatformTests {
    @Test func conversionBothWaysMovesDepositReservesAndIssuance() async throws {
        let world = try await PlatformWorld.make()
        let platform = world.platform
        let wallet = world.alice.id

        let issue = await platform.convertToDigital(id: "c1", wallet: wallet, bank: "mirbank", amount: rub(250_000))
        #expect(issue.status == .approved && issue.responseCode == "00" && issue.iso20022Status == "ACSC")
        #expect(try await platform.balance(of: wallet) == rub(250_000))
        #expect(try await platform.depositBalance(customer: "alice", bank: "mirbank") == rub(2_000_000 - 250_000))
        #expect(try await platform.correspondentBalance(of: "mirbank") == rub(PlatformWorld.reserves - 250_000))
        #expect(try await platform.issued() == rub(250_000))
        try await world.expectInvariants()

        let redeem = await platform.convertToDeposit(id: "c2", wallet: wallet, bank: "mirbank", amount: rub(100_000))
        #expect(redeem.status == .approved)
        #expect(try await platform.balance(of: wallet) == rub(150_000))
        #expect(try await platform.depositBalance(customer: "alice", bank: "mirbank") == rub(2_000_000 - 150_000))
        #expect(try await platform.correspondentBalance(of: "mirbank") == rub(PlatformWorld.reserves - 150_000))
        #expect(try await platform.issued() == rub(150_000))
        try await world.expectInvariants()

        // Each conversion is one transfer of exactly two legs.
        let record = try #require(try await world.backend.lookup(transfers: [CBDCAccounts.transferID("operation/c1")]).first)
        #expect(record.appliedLegs.count == 2)
        #expect(record.appliedLegs.contains { $0.debit == CBDCAccounts.correspondent(of: "mirbank") && $0.credit == CBDCAccounts.issuance })
    }

    @Test func secondOpenThroughAnotherBankReturnsTheSameWallet() async throws {
        let world = try await PlatformWorld.make()
        let again = try await world.platform.openWallet(holder: "alice", name: "Alice", type: .person, bank: "vtbank")
        #expect(again.id == world.alice.id)
        #expect(again.banks == ["mirbank", "vtbank"])
        #expect(await world.platform.wallet(ofHolder: "alice")?.banks == ["mirbank", "vtbank"])
        await #expect(throws: CBDCPlatformError.walletTypeMismatch(holder: "alice", existing: .person)) {
            _ = try await world.platform.openWallet(holder: "alice", name: "Alice", type: .company, bank: "vtbank")
        }
        await #expect(throws: CBDCPlatformError.bankUnknown("nobank")) {
            _ = try await world.platform.openWallet(holder: "carol", name: "Carol", type: .person, bank: "nobank")
        }
    }

    @Test func conversionBeyondTheDepositIsDeclinedAndChangesNothing() async throws {
        let world = try await PlatformWorld.make()
        let result = await world.platform.convertToDigital(id: "big", wallet: world.alice.id, bank: "mirbank", amount: rub(2_000_001))
        #expect(result.status == .declined)
        #expect(result.responseCode == "51" && result.declineReason?.iso20022Code == "AM04")
        #expect(try await world.platform.depositBalance(customer: "alice", bank: "mirbank") == rub(2_000_000))
        #expect(try await world.platform.correspondentBalance(of: "mirbank") == rub(PlatformWorld.reserves))
        #expect(try await world.platform.issued() == rub(0))
        // Redeeming more than the wallet holds is declined the same way.
        let redeem = await world.platform.convertToDeposit(id: "r", wallet: world.alice.id, bank: "mirbank", amount: rub(1))
        #expect(redeem.declineReason == .insufficientFunds)
        try await world.expectInvariants()
    }

    @Test func conversionBeyondTheBanksReservesIsDeclined() async throws {
        let world = try await PlatformWorld.make()
        try await world.platform.registerBank(id: "tinybank", reserves: rub(1_000))
        _ = try await world.platform.openWallet(holder: "alice", name: "Alice", type: .person, bank: "tinybank")
        try await world.platform.fundDeposit(customer: "alice", bank: "tinybank", amount: rub(5_000), reference: "cash")
        let result = await world.platform.convertToDigital(id: "t", wallet: world.alice.id, bank: "tinybank", amount: rub(1_001))
        #expect(result.declineReason == .bankReservesInsufficient(bank: "tinybank"))
        #expect(try await world.platform.depositBalance(customer: "alice", bank: "tinybank") == rub(5_000))
        let fits = await world.platform.convertToDigital(id: "t2", wallet: world.alice.id, bank: "tinybank", amount: rub(1_000))
        #expect(fits.status == .approved)
        #expect(try await world.platform.correspondentBalance(of: "tinybank") == rub(0))
        // A bank that does not serve the wallet cannot convert into it.
        let foreign = await world.platform.convertToDigital(id: "t3", wallet: world.bob.id, bank: "tinybank", amount: rub(1))
        #expect(foreign.declineReason == .bankDoesNotServeWallet(bank: "tinybank"))
        try await world.expectInvariants()
    }

    @Test func monthlyTopUpLimitHoldsAndResetsNextMonth() async throws {
        var parameters = CBDCParameters.model
        parameters.limits[.person] = CBDCWalletLimits(monthlyTopUpMax: rub(100_000))
        let world = try await PlatformWorld.make(parameters: parameters)
        let p = world.platform
        #expect(await p.convertToDigital(id: "m1", wallet: world.alice.id, bank: "mirbank", amount: rub(60_000)).isApproved)
        let over = await p.convertToDigital(id: "m2", wallet: world.alice.id, bank: "mirbank", amount: rub(40_001))
        #expect(over.declineReason == .monthlyTopUpLimitExceeded(limit: rub(100_000)))
        #expect(over.responseCode == "61" && over.declineReason?.iso20022Code == "AM14")
        #expect(await p.convertToDigital(id: "m3", wallet: world.alice.id, bank: "mirbank", amount: rub(40_000)).isApproved)
        // Redemptions do not give the month's allowance back.
        #expect(await p.convertToDeposit(id: "m4", wallet: world.alice.id, bank: "mirbank", amount: rub(50_000)).isApproved)
        #expect(await p.convertToDigital(id: "m5", wallet: world.alice.id, bank: "mirbank", amount: rub(1)).status == .declined)
        world.clock.advance(by: 31 * 86_400)  // 2026-02-01
        #expect(await p.convertToDigital(id: "m6", wallet: world.alice.id, bank: "mirbank", amount: rub(100_000)).isApproved)
        #expect(try await p.balance(of: world.alice.id) == rub(150_000))
        try await world.expectInvariants()
    }

    @Test func theSameFlowOnSQLiteKeepsEveryInvariant() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cbdc-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let backend = try SQLiteSettlementBackend(path: path, durability: .normal)
        let world = try await PlatformWorld.make(backend: backend)
        let p = world.platform
        #expect(await p.convertToDigital(id: "s1", wallet: world.alice.id, bank: "mirbank", amount: rub(500_000)).isApproved)
        let payment = await p.pay(CBDCPaymentRequest(id: "s2", kind: .c2b, payer: world.alice.id, payee: world.shop.id, amount: rub(100_000)))
        #expect(payment.isApproved && payment.fee == rub(300))
        let refund = await p.refund(id: "s3", paymentID: "s2", amount: rub(100_000))
        #expect(refund.isApproved && refund.fee == rub(300))
        #expect(await p.convertToDeposit(id: "s4", wallet: world.alice.id, bank: "mirbank", amount: rub(500_000)).isApproved)
        #expect(try await p.balance(of: world.alice.id) == rub(0))
        #expect(try await p.balance(of: world.shop.id) == rub(0))
        #expect(try await p.issued() == rub(0))
        #expect(try await p.correspondentBalance(of: "mirbank") == rub(PlatformWorld.reserves))
        try await world.expectInvariants()
    }
}
