import CorridorCBDC
import CorridorCore
import CorridorLedger
import CorridorLedgerSQLite
import CorridorTesting
import Foundation
import Testing

/// The platform world with two more merchants (a grocer with MCC 5411, an electronics store with MCC 5732) and a
/// courier, and digital rubles converted: treasury 10 000.00 ₽, alice and bob 5 000.00 ₽ each.
struct ProgrammableWorld {
    let world: PlatformWorld
    let grocer: CBDCWallet
    let electronics: CBDCWallet
    let courier: CBDCWallet
    var platform: DigitalRublePlatform { world.platform }

    static func make(backend: (any SettlementBackend)? = nil) async throws -> ProgrammableWorld {
        let world = try await PlatformWorld.make(backend: backend)
        let p = world.platform
        let grocer = try await p.openWallet(holder: "grocer-5411", name: "Grocer", type: .company, bank: "vtbank",
                                            merchantCategoryCode: MerchantCategoryCode(5411))
        let electronics = try await p.openWallet(holder: "electro-5732", name: "Electronics", type: .company,
                                                 bank: "vtbank", merchantCategoryCode: MerchantCategoryCode(5732))
        let courier = try await p.openWallet(holder: "courier-1", name: "Courier", type: .person, bank: "mirbank")
        for (id, wallet, amount) in [("t", world.treasury, Int64(1_000_000)), ("a", world.alice, 500_000), ("b", world.bob, 500_000)] {
            #expect(await p.convertToDigital(id: "fund-" + id, wallet: wallet.id, bank: "mirbank", amount: rub(amount)).isApproved)
        }
        return ProgrammableWorld(world: world, grocer: grocer, electronics: electronics, courier: courier)
    }

    func balance(_ wallet: CBDCWallet) async throws -> Int64 { try await platform.balance(of: wallet.id).minorUnits }

    /// Both invariants, and: every conditional account holds exactly what its contract says is left.
    func expectInvariants(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await world.expectInvariants(sourceLocation: sourceLocation)
        let issuance = try await platform.verifyIssuance()
        var remaining: Int64 = 0
        for contract in await platform.allContracts() {
            remaining += contract.remaining.minorUnits
            let held = try await platform.conditionalBalance(of: contract.id)
            #expect(held == contract.remaining, "contract \(contract.id)", sourceLocation: sourceLocation)
        }
        #expect(issuance.conditional.minorUnits == remaining, sourceLocation: sourceLocation)
    }
}

/// 2026-01-01T00:00:00Z plus whole seconds.
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text)!
}

@Suite("Programmable money")
struct ProgrammableMoneyTests {
    static func foodRule(spendMax: Int64? = 150_000) throws -> ProgrammableRule {
        try ProgrammableRule(name: "food-subsidy", allowedCategories: [.init(5411)!, .init(5811, 5814)!],
                             allowedMerchants: ["shop-7701"], spendMax: spendMax.map(rub),
                             expires: instant("2026-03-31T23:59:59Z"))
    }

    @Test func anEarmarkIsSpentOnlyByTheBeneficiaryAndOnlyWhereItsRuleAllows() async throws {
        let w = try await ProgrammableWorld.make()
        let p = w.platform
        let opened = await p.earmark(id: "food", from: w.world.treasury.id, to: w.world.alice.id, amount: rub(500_000),
                                     rule: try Self.foodRule())
        #expect(opened.isApproved && opened.step == .open && opened.transferID != nil)
        #expect(try await w.balance(w.world.treasury) == 500_000)
        #expect(try await p.conditionalBalance(of: "food") == rub(500_000))
        try await w.expectInvariants()

        // Allowed by MCC: a C2B spend, so the grocer pays the 0.3 % fee.
        let groceries = await p.payFromEarmark(id: "s1", contract: "food", by: w.world.alice.id, merchant: w.grocer.id,
                                               amount: rub(120_000))
        #expect(groceries.isApproved && groceries.fee == rub(360) && groceries.responseCode == "00")
        #expect(try await w.balance(w.grocer) == 120_000 - 360)
        #expect(try await p.feeIncome(of: "vtbank") == rub(360))
        // Allowed by name (the shop has no MCC).
        let shop = await p.payFromEarmark(id: "s2", contract: "food", by: w.world.alice.id, merchant: w.world.shop.id,
                                          amount: rub(30_000))
        #expect(shop.isApproved)
        try await w.expectInvariants()

        // Refusals name the rule and the clause, and move nothing.
        let electronics = await p.payFromEarmark(id: "s3", contract: "food", by: w.world.alice.id,
                                                 merchant: w.electronics.id, amount: rub(10_000))
        let refusal = try #require(electronics.refusal)
        #expect(refusal.rule == "food-subsidy" && refusal.contract == "food" && refusal.clause.key == "allow")
        #expect(refusal.clause == .merchantNotAllowed(merchant: "electro-5732", category: "5732"))
        #expect(electronics.responseCode == "57" && electronics.iso20022Status == "RJCT" && electronics.transferID == nil)
        #expect(refusal.description.contains("rule food-subsidy") && refusal.description.contains("5732"))
        let tooBig = await p.payFromEarmark(id: "s4", contract: "food", by: w.world.alice.id, merchant: w.grocer.id,
                                            amount: rub(150_001))
        #expect(tooBig.refusal?.clause == .spendOverMax(spendMax: rub(150_000)))
        let stranger = await p.payFromEarmark(id: "s5", contract: "food", by: w.world.bob.id, merchant: w.grocer.id,
                                              amount: rub(100))
        #expect(stranger.refusal?.clause == .notBeneficiary(w.world.bob.id))
        let person = await p.payFromEarmark(id: "s6", contract: "food", by: w.world.alice.id, merchant: w.world.bob.id,
                                            amount: rub(100))
        #expect(person.refusal?.clause.key == "allow")
        #expect(try await p.conditionalBalance(of: "food") == rub(500_000 - 150_000))
        #expect(try await w.balance(w.electronics) == 0)
        try await w.expectInvariants()

        // More than is left is declined by the platform, not the rule.
        for (index, amount) in [150_000, 150_000, 50_000].enumerated() {
            #expect(await p.payFromEarmark(id: "f\(index)", contract: "food", by: w.world.alice.id, merchant: w.grocer.id,
                                           amount: rub(Int64(amount))).isApproved)
        }
        let over = await p.payFromEarmark(id: "s7", contract: "food", by: w.world.alice.id, merchant: w.grocer.id, amount: rub(1))
        #expect(over.declineReason == .insufficientFunds && over.refusal == nil)
        #expect(await p.contract("food")?.remaining == rub(0))
        // Alice's own wallet never moved: the earmark is not her money to spend elsewhere.
        #expect(try await w.balance(w.world.alice) == 500_000)
        try await w.expectInvariants()
        let trail = try #require(await p.contract("food")?.trail)
        #expect(trail.ledgerTransfers.count == 1 + 5)
        #expect(trail.events.contains { $0.detail.contains("refused") && $0.detail.contains("(allow)") })
    }

    @Test func anEarmarkExpiresAndReturnsExactlyWhatIsLeftToTheFunder() async throws {
        let w = try await ProgrammableWorld.make()
        let p = w.platform
        let rule = try ProgrammableRule(name: "week", allowedCategories: [.init(5411)!], expires: instant("2026-01-08T00:00:00Z"))
        #expect(await p.earmark(id: "wk", from: w.world.treasury.id, to: w.world.alice.id, amount: rub(100_000), rule: rule).isApproved)
        #expect(await p.payFromEarmark(id: "a", contract: "wk", by: w.world.alice.id, merchant: w.grocer.id, amount: rub(33_333)).isApproved)
        #expect(await p.runDue().isEmpty)  // not yet expired

        w.world.clock.advance(by: 7 * 86_400 - 1)  // one second before expiry: still spendable
        #expect(await p.payFromEarmark(id: "b", contract: "wk", by: w.world.alice.id, merchant: w.grocer.id, amount: rub(1)).isApproved)
        w.world.clock.advance(by: 1)  // at expiry: refused by `expires`, before runDue has even run
        let late = await p.payFromEarmark(id: "c", contract: "wk", by: w.world.alice.id, merchant: w.grocer.id, amount: rub(1))
        #expect(late.refusal?.clause == .expired(expires: instant("2026-01-08T00:00:00Z")))
        #expect(late.refusal?.clause.key == "expires")

        let results = await p.runDue()
        #expect(results.count == 1)
        let expiry = try #require(results.first)
        #expect(expiry.step == .expiry && expiry.isApproved && expiry.amount == rub(100_000 - 33_334))
        #expect(expiry.payee == w.world.treasury.id)
        #expect(try await w.balance(w.world.treasury) == 1_000_000 - 33_334)
        #expect(try await p.conditionalBalance(of: "wk") == rub(0))
        #expect(await p.contract("wk")?.state == .expired)
        // Running again, now or later, moves nothing more; an expired earmark refuses by its state.
        #expect(await p.runDue().isEmpty)
        #expect(await p.runDue(now: instant("2027-01-01T00:00:00Z")).isEmpty)
        let after = await p.payFromEarmark(id: "d", contract: "wk", by: w.world.alice.id, merchant: w.grocer.id, amount: rub(1))
        #expect(after.refusal?.clause == .notActive(.expired))
        try await w.expectInvariants()
    }

    @Test func spendsAreIdempotentByIdAndAnotherRequestUnderTheSameIdIsDeclined() async throws {
        let w = try await ProgrammableWorld.make()
        let p = w.platform
        #expect(await p.earmark(id: "food", from: w.world.treasury.id, to: w.world.alice.id, amount: rub(300_000),
                                rule: try Self.foodRule()).isApproved)
        let first = await p.payFromEarmark(id: "s", contract: "food", by: w.world.alice.id, merchant: w.grocer.id, amount: rub(10_000))
        let again = await p.payFromEarmark(id: "s", contract: "food", by: w.world.alice.id, merchant: w.grocer.id, amount: rub(10_000))
        #expect(first.isApproved && again == first)
        let other = await p.payFromEarmark(id: "s", contract: "food", by: w.world.alice.id, merchant: w.grocer.id, amount: rub(10_001))
        #expect(other.declineReason == .idReused("s"))
        // Opening again with the same terms returns the first answer; other terms under the id are declined.
        #expect(await p.earmark(id: "food", from: w.world.treasury.id, to: w.world.alice.id, amount: rub(300_000),
                                rule: try Self.foodRule()).transferID != nil)
        let reused = await p.earmark(id: "food", from: w.world.treasury.id, to: w.world.alice.id, amount: rub(1), rule: try Self.foodRule())
        #expect(reused.declineReason == .idReused("food"))
        // Concurrent submissions of one spend pay once.
        let results = await withTaskGroup(of: ProgrammableResult.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    await p.payFromEarmark(id: "c", contract: "food", by: w.world.alice.id, merchant: w.grocer.id, amount: rub(5_000))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.contains { $0.isApproved })
        #expect(results.allSatisfy { $0.isApproved || $0.declineReason?.iso8583Code == "96" })
        #expect(try await p.conditionalBalance(of: "food") == rub(300_000 - 15_000))
        #expect(try await w.balance(w.world.treasury) == 700_000)
        try await w.expectInvariants()
    }

    @Test func anEscrowIsReleasedWhenEveryConditionIsConfirmedByItsParty() async throws {
        let w = try await ProgrammableWorld.make()
        let p = w.platform
        let conditions: [ProgrammableContractTerms.Condition] = [
            .init(name: "delivery-confirmed", confirmer: .payer), .init(name: "parcel-scanned", confirmer: .wallet(w.courier.id)),
        ]
        let opened = await p.escrow(id: "tv", payer: w.world.alice.id, payee: w.electronics.id, amount: rub(200_000),
                                    conditions: conditions, expires: instant("2026-01-15T00:00:00Z"))
        #expect(opened.isApproved)
        #expect(try await w.balance(w.world.alice) == 300_000)
        try await w.expectInvariants()

        let wrong = await p.confirm(contract: "tv", condition: "delivery-confirmed", by: w.electronics.id)
        #expect(wrong.refusal?.clause == .confirmerNotAllowed(condition: "delivery-confirmed", confirmer: w.electronics.id))
        #expect(wrong.refusal?.rule == "delivery-confirmed")
        let unknown = await p.confirm(contract: "tv", condition: "paid-in-full", by: w.world.alice.id)
        #expect(unknown.refusal?.clause == .conditionUnknown("paid-in-full"))
        let scanned = await p.confirm(contract: "tv", condition: "parcel-scanned", by: w.courier.id)
        #expect(scanned.isApproved && scanned.step == .confirm && scanned.transferID == nil)
        #expect(try await w.balance(w.electronics) == 0)
        #expect(await p.contract("tv")?.confirmed == ["parcel-scanned"])

        let delivered = await p.confirm(contract: "tv", condition: "delivery-confirmed", by: w.world.alice.id)
        #expect(delivered.isApproved && delivered.step == .release && delivered.fee == rub(600))
        #expect(try await w.balance(w.electronics) == 200_000 - 600)
        #expect(try await p.conditionalBalance(of: "tv") == rub(0))
        #expect(await p.contract("tv")?.state == .released)
        // Confirming again returns the first answer; nothing moves, and expiry has nothing to return.
        #expect(await p.confirm(contract: "tv", condition: "delivery-confirmed", by: w.world.alice.id) == delivered)
        #expect(await p.runDue(now: instant("2026-02-01T00:00:00Z")).isEmpty)
        #expect(try await w.balance(w.world.alice) == 300_000)
        try await w.expectInvariants()
    }

    @Test func anUnconfirmedEscrowReturnsToThePayerAtExpiry() async throws {
        let w = try await ProgrammableWorld.make()
        let p = w.platform
        #expect(await p.escrow(id: "e", payer: w.world.alice.id, payee: w.world.bob.id, amount: rub(123_457),
                               conditions: [.init(name: "done", confirmer: .payee)], expires: instant("2026-01-02T00:00:00Z")).isApproved)
        w.world.clock.advance(by: 86_400)
        let late = await p.confirm(contract: "e", condition: "done", by: w.world.bob.id)
        #expect(late.refusal?.clause == .expired(expires: instant("2026-01-02T00:00:00Z")))
        let results = await p.runDue()
        #expect(results.map(\.step) == [.expiry] && results[0].amount == rub(123_457) && results[0].isApproved)
        #expect(try await w.balance(w.world.alice) == 500_000)
        #expect(try await w.balance(w.world.bob) == 500_000)
        #expect(await p.contract("e")?.state == .expired)
        #expect(await p.confirm(contract: "e", condition: "done", by: w.world.bob.id).refusal?.clause == .notActive(.expired))
        try await w.expectInvariants()
    }

    @Test func scheduledPaymentsArePaidOncePerOccurrenceWhenTheyFallDue() async throws {
        let w = try await ProgrammableWorld.make()
        let p = w.platform
        // The 31st of each month: February's falls on the 28th, March's on the 31st again.
        let opened = await p.schedule(id: "rent", payer: w.world.bob.id, payee: w.world.alice.id, amount: rub(10_000),
                                      first: instant("2026-01-31T09:00:00Z"), every: .months(1), count: 3)
        #expect(opened.isApproved && opened.amount == rub(30_000))
        #expect(try await w.balance(w.world.bob) == 470_000)
        #expect(await p.contract("rent")?.nextDue == instant("2026-01-31T09:00:00Z"))
        #expect(await p.runDue(now: instant("2026-01-31T08:59:59Z")).isEmpty)

        let january = await p.runDue(now: instant("2026-01-31T09:00:00Z"))
        #expect(january.map(\.id) == ["payment-1"] && january[0].isApproved)
        #expect(await p.runDue(now: instant("2026-01-31T09:00:00Z")).isEmpty)  // idempotent per occurrence
        #expect(await p.contract("rent")?.nextDue == instant("2026-02-28T09:00:00Z"))
        try await w.expectInvariants()

        // Catching up after a gap pays every missed occurrence, in order, once.
        let caughtUp = await p.runDue(now: instant("2026-06-01T00:00:00Z"))
        #expect(caughtUp.map(\.id) == ["payment-2", "payment-3"] && caughtUp.allSatisfy { $0.isApproved })
        #expect(await p.runDue(now: instant("2027-01-01T00:00:00Z")).isEmpty)
        #expect(await p.contract("rent")?.state == .completed)
        #expect(await p.contract("rent")?.occurrencesPaid == 3)
        #expect(try await w.balance(w.world.alice) == 530_000)
        #expect(try await p.conditionalBalance(of: "rent") == rub(0))
        try await w.expectInvariants()
        // Each occurrence is its own ledger transfer with a derived id.
        let ids = (1...3).map { CBDCAccounts.transferID("contract/rent/payment-\($0)") }
        #expect(try await w.world.backend.lookup(transfers: ids).count == 3)
    }

    @Test func onlyThePartyAContractWouldPayMayCancelItAndTheRestReturnsToThePayer() async throws {
        let w = try await ProgrammableWorld.make()
        let p = w.platform
        let alice = w.world.alice.id, bob = w.world.bob.id
        #expect(await p.schedule(id: "so", payer: bob, payee: alice, amount: rub(10_000), first: instant("2026-01-02T00:00:00Z"),
                                 every: .seconds(86_400), count: 5).isApproved)
        #expect(await p.runDue(now: instant("2026-01-03T00:00:00Z")).count == 2)
        let byPayee = await p.cancel(contract: "so", by: alice)
        #expect(byPayee.refusal?.clause == .cancelNotAllowed(alice) && byPayee.refusal?.clause.key == "cancel")
        let cancelled = await p.cancel(contract: "so", by: bob)
        #expect(cancelled.isApproved && cancelled.step == .cancel && cancelled.amount == rub(30_000) && cancelled.payee == bob)
        #expect(await p.cancel(contract: "so", by: bob) == cancelled)
        #expect(await p.contract("so")?.state == .cancelled)
        #expect(await p.runDue(now: instant("2026-02-01T00:00:00Z")).isEmpty)
        #expect(try await w.balance(w.world.bob) == 500_000 - 20_000)
        #expect(try await w.balance(w.world.alice) == 500_000 + 20_000)

        // An escrow: the buyer cannot take the money back, the seller can give it up.
        #expect(await p.escrow(id: "e", payer: alice, payee: w.grocer.id, amount: rub(7_000), conditions: [.init(name: "ok")],
                               expires: instant("2026-03-01T00:00:00Z")).isApproved)
        #expect(await p.cancel(contract: "e", by: alice).refusal?.clause == .cancelNotAllowed(alice))
        #expect(await p.cancel(contract: "e", by: w.grocer.id).isApproved)
        #expect(await p.confirm(contract: "e", condition: "ok", by: alice).refusal?.clause == .notActive(.cancelled))
        // An earmark: the funder cannot revoke it, the beneficiary can renounce it.
        #expect(await p.earmark(id: "m", from: w.world.treasury.id, to: bob, amount: rub(9_000), rule: try Self.foodRule()).isApproved)
        #expect(await p.cancel(contract: "m", by: w.world.treasury.id).refusal != nil)
        #expect(await p.cancel(contract: "m", by: bob).amount == rub(9_000))
        #expect(try await w.balance(w.world.treasury) == 1_000_000)
        #expect(try await w.balance(w.world.alice) == 500_000 + 20_000)
        #expect(try await p.verifyIssuance().conditional == rub(0))
        try await w.expectInvariants()
    }

    @Test func aRuleDecodedFromJSONIsHeldToTheSameGuarantees() throws {
        let rule = try Self.foodRule()
        let decoded = try JSONDecoder().decode(ProgrammableRule.self, from: JSONEncoder().encode(rule))
        #expect(decoded == rule)
        let empty = #"{"name":"x","allowedCategories":[],"allowedMerchants":[],"expires":0}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ProgrammableRule.self, from: Data(empty.utf8)) }
        let backwards = #"{"name":"x","allowedCategories":[{"lowest":5999,"highest":5000}],"allowedMerchants":[],"expires":0}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ProgrammableRule.self, from: Data(backwards.utf8)) }
    }

    @Test func runDueReadsThePlatformClockAndOrdersStepsDeterministically() async throws {
        let w = try await ProgrammableWorld.make()
        let p = w.platform
        for (id, hours) in [("b-daily", 2), ("a-daily", 2), ("c-hourly", 1)] {
            #expect(await p.schedule(id: id, payer: w.world.bob.id, payee: w.world.alice.id, amount: rub(100),
                                     first: instant("2026-01-01T01:00:00Z"), every: .seconds(Int64(hours) * 3600), count: 3).isApproved)
        }
        w.world.clock.advance(by: 3 * 3600)  // 03:00
        let results = await p.runDue()
        #expect(results.map { "\($0.contract)/\($0.id)" } == [
            "a-daily/payment-1", "b-daily/payment-1", "c-hourly/payment-1",  // 01:00
            "c-hourly/payment-2",  // 02:00
            "a-daily/payment-2", "b-daily/payment-2", "c-hourly/payment-3",  // 03:00
        ])
        try await w.expectInvariants()
    }

    @Test func openingsThatCannotBeFundedAreDeclinedAndMoveNothing() async throws {
        let w = try await ProgrammableWorld.make()
        let p = w.platform
        let rule = try Self.foodRule()
        let poor = await p.earmark(id: "x1", from: w.world.alice.id, to: w.world.bob.id, amount: rub(500_001), rule: rule)
        #expect(poor.declineReason == .insufficientFunds && poor.responseCode == "51")
        let unknown = await p.earmark(id: "x2", from: "DRNOSUCHWALLET", to: w.world.bob.id, amount: rub(1), rule: rule)
        #expect(unknown.declineReason == .payerUnknown("DRNOSUCHWALLET"))
        let past = try ProgrammableRule(name: "old", allowedCategories: [.init(5411)!], expires: instant("2025-12-31T00:00:00Z"))
        #expect(await p.earmark(id: "x3", from: w.world.alice.id, to: w.world.bob.id, amount: rub(1), rule: past).declineReason?.iso8583Code == "57")
        let tooMany = await p.schedule(id: "x4", payer: w.world.alice.id, payee: w.world.bob.id, amount: rub(1),
                                       first: instant("2026-02-01T00:00:00Z"), every: .months(1), count: 1001)
        #expect(tooMany.declineReason?.iso8583Code == "57")
        // A person's single-payment limit (300 000.00 ₽ in the model) applies to the whole amount set aside.
        _ = await p.convertToDigital(id: "more", wallet: w.world.alice.id, bank: "mirbank", amount: rub(1_000_000))
        let overLimit = await p.schedule(id: "x5", payer: w.world.alice.id, payee: w.world.bob.id, amount: rub(10_000_000),
                                         first: instant("2026-02-01T00:00:00Z"), every: .months(1), count: 4)
        #expect(overLimit.declineReason == .singlePaymentLimitExceeded(limit: rub(30_000_000)))
        let invalid = await p.escrow(id: "bad id", payer: w.world.alice.id, payee: w.world.bob.id, amount: rub(1),
                                     conditions: [.init(name: "x")], expires: instant("2026-02-01T00:00:00Z"))
        #expect(invalid.declineReason == .idInvalid)
        #expect(try await w.balance(w.world.alice) == 1_500_000)
        #expect(await p.allContracts().isEmpty)
        #expect(await p.payFromEarmark(id: "s", contract: "x1", by: w.world.bob.id, merchant: w.grocer.id, amount: rub(1)).declineReason?.iso8583Code == "57")
        try await w.expectInvariants()
    }

    // MARK: The rule language

    @Test func theSampleDocumentRunsToTheEndWithEveryInvariant() async throws {
        let text = try String(contentsOfFile: SampleFiles.path("cbdc/contracts.yaml"), encoding: .utf8)
        let document = try ProgrammableDocument(yaml: text)
        #expect(document.contracts.map(\.id) == ["food-subsidy-alice", "parcel-escrow", "rent-q1"])
        #expect(document.contracts.map(\.terms.typeName) == ["earmark", "escrow", "schedule"])
        guard case .earmark(let earmark) = document.contracts[0].terms else { Issue.record("not an earmark"); return }
        #expect(earmark.rule.name == "food-subsidy" && earmark.rule.spendMax == rub(150_000))
        #expect(earmark.rule.allowedCategories.map(\.description) == ["5411", "5811-5814"])
        #expect(earmark.funder == DigitalRublePlatform.walletID(forHolder: "treasury"))

        let w = try await ProgrammableWorld.make()
        let p = w.platform
        let opened = await p.open(document)
        #expect(opened.allSatisfy { $0.isApproved }, "\(opened)")
        #expect(try await p.verifyIssuance().conditional == rub(500_000 + 45_000 + 90_000))
        try await w.expectInvariants()
        #expect(await p.payFromEarmark(id: "milk", contract: "food-subsidy-alice", by: w.world.alice.id,
                                       merchant: w.grocer.id, amount: rub(85_050)).isApproved)
        #expect(await p.payFromEarmark(id: "tv", contract: "food-subsidy-alice", by: w.world.alice.id,
                                       merchant: w.electronics.id, amount: rub(1_000)).refusal?.rule == "food-subsidy")
        #expect(await p.confirm(contract: "parcel-escrow", condition: "delivery-confirmed", by: w.world.alice.id).step == .release)
        let due = await p.runDue(now: instant("2026-04-01T00:00:00Z"))
        #expect(due.map { "\($0.contract)/\($0.id)" } == [
            "rent-q1/payment-1", "rent-q1/payment-2", "rent-q1/payment-3", "food-subsidy-alice/food-subsidy-alice",
        ])
        #expect(due.last?.amount == rub(500_000 - 85_050))
        #expect(try await p.verifyIssuance().conditional == rub(0))
        #expect(try await w.balance(w.world.treasury) == 1_000_000 - 85_050)
        #expect(try await w.balance(w.world.alice) == 500_000 - 45_000 + 90_000)
        #expect(try await w.balance(w.world.shop) == 45_000 - 135)
        try await w.expectInvariants()
    }

    @Test func jsonWithTheSameKeysDecodesLikeYAML() throws {
        let json = """
            {"version": 1, "contracts": [
              {"id": "s", "type": "earmark", "funder": "treasury", "beneficiary": "alice", "amount": "10.00",
               "rule": {"expires": "2026-03-31T23:59:59Z", "allow": {"mcc": ["5411"]}}},
              {"id": "r", "type": "schedule", "payer": "bob", "payee": "alice", "amount": "1.50",
               "first": "2026-01-05T09:00:00Z", "every": "1w", "count": 4}
            ]}
            """
        let yaml = """
            contracts:
              - {id: s, type: earmark, funder: treasury, beneficiary: alice, amount: "10.00",
                 rule: {expires: "2026-03-31T23:59:59Z", allow: {mcc: ["5411"]}}}
              - id: r
                type: schedule
                payer: bob
                payee: alice
                amount: 1.50
                first: 2026-01-05T09:00:00Z
                every: 1w
                count: 4
            """
        let fromJSON = try ProgrammableDocument(yaml: json)
        #expect(fromJSON.contracts.map(\.terms) == (try ProgrammableDocument(yaml: yaml)).contracts.map(\.terms))
        guard case .earmark(let earmark) = fromJSON.contracts[0].terms, case .schedule(let schedule) = fromJSON.contracts[1].terms
        else { Issue.record("wrong types"); return }
        #expect(earmark.rule.name == "s" && earmark.amount == rub(1_000))  // the name defaults to the contract id
        #expect(schedule.interval == .seconds(7 * 86_400) && schedule.count == 4 && schedule.amount == rub(150))
        #expect(schedule.due(3) == instant("2026-01-26T09:00:00Z"))
    }

    /// Each broken document is refused with the key at fault, by its path.
    @Test(arguments: [
        ("contracts: []", "contracts"),
        ("contract: []", "contract"),
        ("version: 2\ncontracts: [{id: a, type: escrow}]", "version"),
        ("contracts:\n  - {id: a, type: loan}", "contracts[0].type"),
        ("contracts:\n  - {type: escrow, payer: a, payee: b, amount: \"1\", expires: \"2026-02-01T00:00:00Z\", conditions: [{name: x}]}", "contracts[0].id"),
        ("contracts:\n  - {id: a, type: escrow, payer: a, payee: b, amount: \"1.001\", expires: \"2026-02-01T00:00:00Z\", conditions: [{name: x}]}", "contracts[0].amount"),
        ("contracts:\n  - {id: a, type: escrow, payer: a, payee: b, amount: \"1\", expires: \"2026-02-30T00:00:00Z\", conditions: [{name: x}]}", "contracts[0].expires"),
        ("contracts:\n  - {id: a, type: escrow, payer: a, payee: b, amount: \"1\", expires: \"2026-02-01T00:00:00Z\", conditions: [{name: x, when: y}]}", "contracts[0].conditions[0].when"),
        ("contracts:\n  - {id: a, type: escrow, payer: a, payee: b, amount: \"1\", expires: \"2026-02-01T00:00:00Z\", conditions: []}", "contracts[0].conditions"),
        ("contracts:\n  - {id: a, type: earmark, funder: a, beneficiary: b, amount: \"1\", rule: {expires: \"2026-02-01T00:00:00Z\", allow: {mccs: [\"5411\"]}}}", "contracts[0].rule.allow.mccs"),
        ("contracts:\n  - {id: a, type: earmark, funder: a, beneficiary: b, amount: \"1\", rule: {expires: \"2026-02-01T00:00:00Z\", allow: {mcc: [\"5411\", \"58xx\"]}}}", "contracts[0].rule.allow.mcc[1]"),
        ("contracts:\n  - {id: a, type: earmark, funder: a, beneficiary: b, amount: \"1\", rule: {expires: \"2026-02-01T00:00:00Z\", allow: {}}}", "contracts[0].rule.allow"),
        ("contracts:\n  - {id: a, type: earmark, funder: a, beneficiary: b, amount: \"1\", rule: {allow: {mcc: [\"5411\"]}}}", "contracts[0].rule.expires"),
        ("contracts:\n  - {id: a, type: earmark, funder: a, beneficiary: a, amount: \"1\", rule: {expires: \"2026-02-01T00:00:00Z\", allow: {mcc: [\"5411\"]}}}", "contracts[0].beneficiary"),
        ("contracts:\n  - {id: a, type: earmark, funder: a, beneficiary: b, amount: \"1\", payer: c, rule: {expires: \"2026-02-01T00:00:00Z\", allow: {mcc: [\"5411\"]}}}", "contracts[0].payer"),
        ("contracts:\n  - {id: a, type: schedule, payer: a, payee: b, amount: \"1\", first: \"2026-02-01T00:00:00Z\", every: 1y, count: 2}", "contracts[0].every"),
        ("contracts:\n  - {id: a, type: schedule, payer: a, payee: b, amount: \"1\", first: \"2026-02-01T00:00:00Z\", count: 2}", "contracts[0].every"),
        ("contracts:\n  - {id: a, type: schedule, payer: a, payee: b, amount: \"1\", first: \"2026-02-01T00:00:00Z\", every: 1d, count: 0}", "contracts[0].count"),
        ("contracts:\n  - {id: a, type: schedule, payer: a, payee: b, amount: \"1\", first: \"2026-02-01T00:00:00Z\"}\n  - {id: a, type: schedule, payer: a, payee: b, amount: \"1\", first: \"2026-02-01T00:00:00Z\"}", "contracts[1].id"),
    ])
    func aBrokenDocumentIsRefusedNamingTheKey(text: String, key: String) {
        #expect(throws: ProgrammableRuleError.self) { try ProgrammableDocument(yaml: text) }
        do {
            _ = try ProgrammableDocument(yaml: text)
        } catch {
            #expect(error.key == key, "\(error)")
        }
    }

    @Test func yamlThatDoesNotParseIsRefusedWithItsLine() {
        do {
            _ = try ProgrammableDocument(yaml: "contracts:\n  - id: a\n   type: [unclosed\n")
            Issue.record("decoded")
        } catch {
            guard case .yamlInvalid(let line, _) = error else { Issue.record("\(error)"); return }
            #expect(line >= 2)
        }
    }

    @Test func ruleClausesAreCheckedInOrderAndTheAnswerDependsOnlyOnTheArguments() throws {
        let rule = try Self.foodRule(spendMax: 1_000)
        let before = instant("2026-03-31T23:59:58Z")
        let grocery = MerchantCategoryCode(5411)
        #expect(rule.evaluate(merchant: "anyone", category: grocery, amount: rub(1_000), at: before) == nil)
        #expect(rule.evaluate(merchant: "anyone", category: MerchantCategoryCode(5812), amount: rub(1), at: before) == nil)
        #expect(rule.evaluate(merchant: "shop-7701", category: nil, amount: rub(1), at: before) == nil)
        #expect(rule.evaluate(merchant: "anyone", category: MerchantCategoryCode(5815), amount: rub(1), at: before)?.key == "allow")
        // Every clause fails here; the first in order (expires, allow, spendMax) is the one named.
        let atExpiry = instant("2026-03-31T23:59:59Z")
        #expect(rule.evaluate(merchant: "x", category: nil, amount: rub(2_000), at: atExpiry)?.key == "expires")
        #expect(rule.evaluate(merchant: "x", category: nil, amount: rub(2_000), at: before)?.key == "allow")
        #expect(rule.evaluate(merchant: "x", category: grocery, amount: rub(2_000), at: before)?.key == "spendMax")
        #expect(throws: ProgrammableRuleError.valueInvalid(key: "allow", line: 0, reason: "allow.mcc or allow.merchants must name something")) {
            try ProgrammableRule(name: "none", expires: before)
        }
    }

    @Test(arguments: [
        ("2026-01-31T09:00:00Z", 1, "2026-02-28T09:00:00Z"),
        ("2028-01-31T09:00:00Z", 1, "2028-02-29T09:00:00Z"),
        ("2026-01-31T09:00:00Z", 2, "2026-03-31T09:00:00Z"),
        ("2026-11-30T23:59:59Z", 3, "2027-02-28T23:59:59Z"),
        ("2026-12-15T00:00:00Z", 13, "2028-01-15T00:00:00Z"),
    ])
    func monthlyStepsKeepTheDayClampedToTheMonthsLast(first: String, months: Int, due: String) {
        let schedule = ProgrammableContractTerms.Schedule(payer: "a", payee: "b", amount: rub(1), first: instant(first),
                                                          interval: .months(1), count: 20)
        #expect(schedule.due(months) == instant(due))
    }

    // MARK: Invariants

    /// Random contracts of every type, random spends (allowed and not), confirmations by the right and wrong
    /// parties, and clock jumps with runDue: after every step issuance = holdings and every conditional account holds
    /// what its contract says; at the end every contract is closed and nothing was created or destroyed.
    @Test(arguments: [UInt64(7), 99, 2026])
    func randomContractsAndSpendsCreateAndDestroyNothing(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        let w = try await ProgrammableWorld.make()
        let p = w.platform
        let persons = [w.world.alice, w.world.bob, w.courier]
        let merchants = [w.grocer, w.electronics, w.world.shop]
        var opened: [String] = []
        var tally: [String: Int] = [:]
        func count(_ result: ProgrammableResult) {
            let outcome = result.refusal.map { "refused-" + $0.clause.key } ?? (result.isApproved ? "approved" : "declined")
            tally["\(result.step.rawValue)/\(outcome)", default: 0] += 1
        }
        let stepsMax = 160
        for step in 0..<stepsMax {
            let amount = rub(Int64.random(in: 1...120_000, using: &random))
            let person = persons[Int.random(in: 0..<persons.count, using: &random)]
            let expires = Date(unixMilliseconds: w.world.clock.now().unixMilliseconds + Int64.random(in: 5...40, using: &random) * 86_400_000)
            switch Int.random(in: 0..<8, using: &random) {
            case 0:
                let rule = try ProgrammableRule(
                    name: "r\(step)", allowedCategories: Bool.random(using: &random) ? [.init(5411)!] : [.init(5700, 5799)!],
                    allowedMerchants: Bool.random(using: &random) ? ["shop-7701"] : [],
                    spendMax: Bool.random(using: &random) ? rub(50_000) : nil, expires: expires)
                if await p.earmark(id: "c\(step)", from: w.world.treasury.id, to: person.id, amount: amount, rule: rule).isApproved {
                    opened.append("c\(step)")
                }
            case 1:
                let payee = Bool.random(using: &random) ? merchants.randomElement(using: &random)! : persons.randomElement(using: &random)!
                let result = await p.escrow(id: "c\(step)", payer: person.id, payee: payee.id, amount: amount,
                                            conditions: [.init(name: "ok", confirmer: .payer), .init(name: "shipped", confirmer: .payee)],
                                            expires: expires)
                if result.isApproved { opened.append("c\(step)") }
            case 2:
                let other = persons.filter { $0.id != person.id }.randomElement(using: &random)!
                let result = await p.schedule(id: "c\(step)", payer: person.id, payee: other.id, amount: rub(amount.minorUnits / 10 + 1),
                                              first: expires, every: .seconds(Int64.random(in: 1...3, using: &random) * 86_400),
                                              count: Int.random(in: 1...6, using: &random))
                if result.isApproved { opened.append("c\(step)") }
            case 3, 4:
                guard let id = opened.randomElement(using: &random), let contract = await p.contract(id),
                    case .earmark(let earmark) = contract.terms
                else { continue }
                let spender = Int.random(in: 0..<5, using: &random) == 0 ? persons.randomElement(using: &random)!.id : earmark.beneficiary
                count(await p.payFromEarmark(id: "s\(step)", contract: id, by: spender, merchant: merchants.randomElement(using: &random)!.id,
                                           amount: rub(Int64.random(in: 1...60_000, using: &random))))
            case 5:
                guard let id = opened.randomElement(using: &random), let contract = await p.contract(id),
                    case .escrow(let escrow) = contract.terms
                else { continue }
                let condition = Bool.random(using: &random) ? "ok" : "shipped"
                let by = [escrow.payer, escrow.payee, w.courier.id].randomElement(using: &random)!
                count(await p.confirm(contract: id, condition: condition, by: by))
            case 6 where Int.random(in: 0..<4, using: &random) == 0:
                guard let id = opened.randomElement(using: &random), let contract = await p.contract(id) else { continue }
                let by = [contract.terms.payer, contract.terms.payee].randomElement(using: &random)!
                count(await p.cancel(contract: id, by: by))
            case 6:
                w.world.clock.advance(by: Double(Int.random(in: 1...3, using: &random) * 86_400))
                for result in await p.runDue() { count(result) }
            default:
                _ = await p.convertToDigital(id: "top\(step)", wallet: person.id, bank: "mirbank", amount: amount)
                _ = await p.convertToDigital(id: "topt\(step)", wallet: w.world.treasury.id, bank: "mirbank", amount: amount)
            }
            try await w.expectInvariants()
        }
        // Far in the future every earmark and escrow has expired and every payment fell due.
        w.world.clock.advance(by: 400 * 86_400)
        for result in await p.runDue() { count(result) }
        // The run exercised every kind of step, approved and refused.
        for outcome in ["spend/approved", "spend/refused-allow", "expiry/approved", "payment/approved"] {
            #expect(tally[outcome, default: 0] > 0, "\(outcome) in \(tally)")
        }
        for contract in await p.allContracts() { #expect(contract.state != .active, "\(contract.id)") }
        let issuance = try await p.verifyIssuance()
        #expect(issuance.holds && issuance.conditional == rub(0))
        try await w.expectInvariants()
        // Nothing created or destroyed: deposits + wallets + fee income = what was paid in (3 × 20 000.00 ₽).
        var total: Int64 = 0
        for holder in ["alice", "bob", "treasury"] {
            total += try await p.depositBalance(customer: holder, bank: "mirbank").minorUnits
        }
        for wallet in [w.world.alice, w.world.bob, w.world.shop, w.world.treasury, w.grocer, w.electronics, w.courier] {
            total += try await w.balance(wallet)
        }
        total += try await p.feeIncome(of: "vtbank").minorUnits
        #expect(total == 3 * 2_000_000)
    }

    /// A second process over the same SQLite file rebuilds every contract from the ledger alone and carries on:
    /// replayed spends move nothing, a half-confirmed escrow needs only its last condition, due payments are paid once.
    @Test func anotherProcessRebuildsTheContractsFromTheLedgerAndCarriesOn() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cbdc-restore-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let clock = SimulatedWallClock(start: SimulatedWallClock.defaultStart)
        let first = try await ProgrammableWorld.make(backend: try SQLiteSettlementBackend(path: path, durability: .normal))
        let p1 = first.platform
        let alice = first.world.alice.id, bob = first.world.bob.id
        // A rule long enough to take several terms accounts.
        let rule = try ProgrammableRule(name: "long-rule", allowedCategories: (0..<40).map { .init(5000 + $0 * 10)! } + [.init(5411)!],
                                        allowedMerchants: (0..<20).map { "merchant-\($0)" }, expires: instant("2026-02-01T00:00:00Z"))
        #expect(await p1.earmark(id: "food", from: first.world.treasury.id, to: alice, amount: rub(100_000), rule: rule).isApproved)
        #expect(await p1.payFromEarmark(id: "s1", contract: "food", by: alice, merchant: first.grocer.id, amount: rub(40_000)).isApproved)
        #expect(await p1.escrow(id: "esc", payer: alice, payee: bob, amount: rub(50_000),
                                conditions: [.init(name: "a", confirmer: .payer), .init(name: "b", confirmer: .payee)],
                                expires: instant("2026-03-01T00:00:00Z")).isApproved)
        #expect(await p1.confirm(contract: "esc", condition: "a", by: alice).isApproved)
        #expect(await p1.schedule(id: "rent", payer: bob, payee: alice, amount: rub(1_000), first: instant("2026-01-01T00:00:00Z"),
                                  every: .seconds(86_400), count: 4).isApproved)
        #expect(await p1.runDue(now: instant("2026-01-02T00:00:00Z")).count == 2)
        #expect(await p1.schedule(id: "gone", payer: bob, payee: alice, amount: rub(1_000), first: instant("2026-01-05T00:00:00Z")).isApproved)
        #expect(await p1.cancel(contract: "gone", by: bob).isApproved)
        // An opening declined for lack of funds leaves its terms on the ledger but no contract.
        #expect(await p1.escrow(id: "poor", payer: bob, payee: alice, amount: rub(10_000_000), conditions: [.init(name: "x")],
                                expires: instant("2026-03-01T00:00:00Z")).declineReason == .insufficientFunds)
        let before = await p1.allContracts()

        let p2 = DigitalRublePlatform(backend: first.world.backend, clock: clock)
        try await p2.restore()
        let summary = try await p2.restoreContracts()
        #expect(summary.contracts == 4 && summary.active == 3 && summary.neverOpened == 1 && summary.unreadable.isEmpty)
        let after = await p2.allContracts()
        #expect(after.map(\.id) == before.map(\.id))
        for (old, new) in zip(before, after) {
            #expect(new.terms == old.terms && new.state == old.state && new.remaining == old.remaining, "\(new.id)")
            #expect(new.confirmed == old.confirmed && new.occurrencesPaid == old.occurrencesPaid, "\(new.id)")
        }
        // The spend replayed in the new process is answered from the ledger; another request under its id is refused.
        let replay = await p2.payFromEarmark(id: "s1", contract: "food", by: alice, merchant: first.grocer.id, amount: rub(40_000))
        #expect(replay.isApproved && replay.fee == rub(120))
        #expect(await p2.payFromEarmark(id: "s1", contract: "food", by: alice, merchant: first.grocer.id, amount: rub(1)).declineReason == .idReused("s1"))
        #expect(try await p2.conditionalBalance(of: "food") == rub(60_000))
        #expect(await p2.payFromEarmark(id: "s2", contract: "food", by: alice, merchant: first.grocer.id, amount: rub(60_000)).isApproved)
        #expect(await p2.confirm(contract: "esc", condition: "b", by: bob).step == .release)
        #expect(await p2.runDue(now: instant("2026-02-02T00:00:00Z")).map(\.id) == ["payment-3", "payment-4", "food"])
        #expect(try await p2.balance(of: bob) == rub(500_000 + 50_000 - 4_000))
        #expect(try await p2.verifyIssuance().conditional == rub(0))
        #expect(try await p2.verifyIssuance().holds)
    }

    @Test func theSameContractsOnSQLiteKeepEveryInvariant() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cbdc-contracts-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let w = try await ProgrammableWorld.make(backend: try SQLiteSettlementBackend(path: path, durability: .normal))
        let p = w.platform
        let document = try ProgrammableDocument(yaml: try String(contentsOfFile: SampleFiles.path("cbdc/contracts.yaml"), encoding: .utf8))
        #expect(await p.open(document).allSatisfy { $0.isApproved })
        #expect(await p.payFromEarmark(id: "bread", contract: "food-subsidy-alice", by: w.world.alice.id, merchant: w.grocer.id,
                                       amount: rub(10_000)).isApproved)
        #expect(await p.payFromEarmark(id: "tv", contract: "food-subsidy-alice", by: w.world.alice.id, merchant: w.electronics.id,
                                       amount: rub(10_000)).refusal?.clause.key == "allow")
        try await w.expectInvariants()
        // The parcel is never confirmed: it comes back at expiry, with the rent and the subsidy's rest.
        let due = await p.runDue(now: instant("2026-04-01T00:00:00Z"))
        #expect(due.count == 5 && due.allSatisfy { $0.isApproved })
        #expect(try await w.balance(w.world.alice) == 500_000 + 90_000)
        #expect(try await w.balance(w.world.treasury) == 1_000_000 - 10_000)
        #expect(try await p.verifyIssuance().conditional == rub(0))
        try await w.expectInvariants()
        // The derived transfer ids make every step idempotent on the ledger itself.
        let record = try #require(try await w.world.backend.lookup(transfers: [CBDCAccounts.transferID("contract/parcel-escrow/expiry")]).first)
        #expect(record.appliedLegs.count == 1 && record.appliedLegs[0].credit == CBDCAccounts.wallet(w.world.alice.id))
    }
}
