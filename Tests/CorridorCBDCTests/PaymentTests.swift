import CorridorCBDC
import CorridorCore
import CorridorLedger
import CorridorMerchantQR
import Testing

@Suite("Digital-ruble payments")
struct PaymentTests {
    /// A world where alice and bob have converted 10 000.00 ₽ each into their wallets.
    static func funded(parameters: CBDCParameters = .model, mirbankFeeBps: Int? = nil, vtbankFeeBps: Int? = nil) async throws -> PlatformWorld {
        let world = try await PlatformWorld.make(parameters: parameters)
        if let vtbankFeeBps { try await world.platform.registerBank(id: "vtbank", reserves: rub(0), c2bFeeRateBps: vtbankFeeBps) }
        for (index, wallet) in [world.alice, world.bob].enumerated() {
            let result = await world.platform.convertToDigital(id: "fund\(index)", wallet: wallet.id, bank: "mirbank", amount: rub(1_000_000))
            #expect(result.isApproved)
        }
        return world
    }

    @Test func p2pIsFreeAndMovesExactlyTheAmount() async throws {
        let world = try await Self.funded()
        let result = await world.platform.pay(CBDCPaymentRequest(id: "p1", kind: .p2p, payer: world.alice.id, payee: world.bob.id, amount: rub(12_345)))
        #expect(result.isApproved && result.fee == rub(0))
        #expect(try await world.platform.balance(of: world.alice.id) == rub(1_000_000 - 12_345))
        #expect(try await world.platform.balance(of: world.bob.id) == rub(1_000_000 + 12_345))
        try await world.expectInvariants()
    }

    /// C2B fee = ⌊amount × min(bank rate, cap) / 10 000⌋ kopecks; expected figures worked by hand.
    @Test(arguments: [
        (amount: Int64(100_000), bankBps: Int?.none, fee: Int64(300)),  // 1 000.00 ₽ at the 0.3 % cap: 3.00 ₽
        (amount: 12_345, bankBps: nil, fee: 37),                       // 37.035 kopecks rounded down
        (amount: 333, bankBps: nil, fee: 0),                           // 0.999 kopecks: no fee
        (amount: 100_000, bankBps: 50, fee: 300),                      // a bank asking 0.5 % is capped at 0.3 %
        (amount: 100_000, bankBps: 10, fee: 100),                      // a bank asking 0.1 % charges 0.1 %
        (amount: 99_999, bankBps: 10, fee: 99),                        // 99.999 rounded down
    ])
    func c2bFeeIsTheBanksRateCappedAndRoundedDownPerKopeck(amount: Int64, bankBps: Int?, fee: Int64) async throws {
        let world = try await Self.funded(vtbankFeeBps: bankBps)
        let result = await world.platform.pay(CBDCPaymentRequest(id: "c2b", kind: .c2b, payer: world.alice.id, payee: world.shop.id, amount: rub(amount)))
        #expect(result.isApproved)
        #expect(result.fee == rub(fee))
        #expect(try await world.platform.balance(of: world.alice.id) == rub(1_000_000 - amount))
        #expect(try await world.platform.balance(of: world.shop.id) == rub(amount - fee))
        #expect(try await world.platform.feeIncome(of: "vtbank") == rub(fee))
        #expect(try await world.platform.correspondentBalance(of: "vtbank") == rub(50_000_000 + fee))
        try await world.expectInvariants()
    }

    @Test func paymentKindsMustFitTheWallets() async throws {
        let world = try await Self.funded()
        let p = world.platform
        let g2pFromPerson = await p.pay(CBDCPaymentRequest(id: "k1", kind: .g2p, payer: world.alice.id, payee: world.bob.id, amount: rub(1)))
        #expect(g2pFromPerson.responseCode == "57" && g2pFromPerson.declineReason?.iso20022Code == "AG01")
        let p2pToShop = await p.pay(CBDCPaymentRequest(id: "k2", kind: .p2p, payer: world.alice.id, payee: world.shop.id, amount: rub(1)))
        #expect(p2pToShop.status == .declined)
        let unknown = await p.pay(CBDCPaymentRequest(id: "k3", kind: .p2p, payer: world.alice.id, payee: "DRNOSUCHWALLET", amount: rub(1)))
        #expect(unknown.responseCode == "14" && unknown.declineReason?.iso20022Code == "AC03")
        // B2B pays businesses (here the treasury buys from the shop); G2P pays persons.
        #expect(await p.convertToDigital(id: "t", wallet: world.treasury.id, bank: "mirbank", amount: rub(50_000)).isApproved)
        let b2b = await p.pay(CBDCPaymentRequest(id: "k4", kind: .b2b, payer: world.treasury.id, payee: world.shop.id, amount: rub(20_000)))
        #expect(b2b.isApproved && b2b.fee == rub(0))
        let g2p = await p.pay(CBDCPaymentRequest(id: "k5", kind: .g2p, payer: world.treasury.id, payee: world.bob.id, amount: rub(30_000)))
        #expect(g2p.isApproved)
        #expect(try await p.balance(of: world.shop.id) == rub(20_000))
        #expect(try await p.balance(of: world.bob.id) == rub(1_030_000))
        #expect(try await p.balance(of: world.treasury.id) == rub(0))
        try await world.expectInvariants()
    }

    @Test func insufficientFundsDeclinesAndChangesNothing() async throws {
        let world = try await Self.funded()
        let result = await world.platform.pay(CBDCPaymentRequest(id: "x", kind: .p2p, payer: world.alice.id, payee: world.bob.id, amount: rub(1_000_001)))
        #expect(result.responseCode == "51" && result.declineReason?.iso20022Code == "AM04" && result.iso20022Status == "RJCT")
        #expect(result.transferID == nil)
        #expect(try await world.platform.balance(of: world.alice.id) == rub(1_000_000))
        #expect(try await world.platform.balance(of: world.bob.id) == rub(1_000_000))
        // The failed payment's amount did not eat into the daily limit: a payment of everything still goes through.
        #expect(await world.platform.pay(CBDCPaymentRequest(id: "y", kind: .p2p, payer: world.alice.id, payee: world.bob.id, amount: rub(1_000_000))).isApproved)
        try await world.expectInvariants()
    }

    @Test func singleAndDailyLimitsApplyPerTypeAndTheDailyOneResetsNextDay() async throws {
        var parameters = CBDCParameters.model
        parameters.limits[.person] = CBDCWalletLimits(singlePaymentMax: rub(300_000), dailySpendMax: rub(500_000))
        let world = try await Self.funded(parameters: parameters)
        let p = world.platform
        func pay(_ id: String, _ amount: Int64) async -> CBDCPaymentResult {
            await p.pay(CBDCPaymentRequest(id: id, kind: .p2p, payer: world.alice.id, payee: world.bob.id, amount: rub(amount)))
        }
        let single = await pay("l1", 300_001)
        #expect(single.declineReason == .singlePaymentLimitExceeded(limit: rub(300_000)))
        #expect(single.responseCode == "61" && single.declineReason?.iso20022Code == "AM14")
        #expect(await pay("l2", 300_000).isApproved)
        #expect(await pay("l3", 200_000).isApproved)
        let daily = await pay("l4", 1)
        #expect(daily.declineReason == .dailyLimitExceeded(limit: rub(500_000)))
        // A government wallet is not limited.
        #expect(await p.convertToDigital(id: "g", wallet: world.treasury.id, bank: "mirbank", amount: rub(1_500_000)).isApproved)
        #expect(await p.pay(CBDCPaymentRequest(id: "l5", kind: .g2p, payer: world.treasury.id, payee: world.bob.id, amount: rub(1_500_000))).isApproved)
        // 2026-01-01T23:59:59Z is still the same day; one second later it is the next.
        world.clock.advance(by: 86_399)
        #expect(await pay("l6", 1).status == .declined)
        world.clock.advance(by: 1)
        #expect(await pay("l7", 300_000).isApproved)
        #expect(try await p.balance(of: world.alice.id) == rub(1_000_000 - 800_000))
        try await world.expectInvariants()
    }

    @Test func theSameIdAndRequestPaysOnceAndAnotherRequestIsRefused() async throws {
        let world = try await Self.funded()
        let request = CBDCPaymentRequest(id: "idem", kind: .p2p, payer: world.alice.id, payee: world.bob.id, amount: rub(50_000))
        let first = await world.platform.pay(request)
        let again = await world.platform.pay(request)
        #expect(first.isApproved && again == first)
        #expect(try await world.platform.balance(of: world.alice.id) == rub(950_000))
        let other = await world.platform.pay(CBDCPaymentRequest(id: "idem", kind: .p2p, payer: world.alice.id, payee: world.bob.id, amount: rub(50_001)))
        #expect(other.declineReason == .idReused("idem") && other.responseCode == "94")
        #expect(try await world.platform.balance(of: world.alice.id) == rub(950_000))
        #expect(await world.platform.result("idem") == first)
        // Concurrent submissions of one id also pay once.
        let request2 = CBDCPaymentRequest(id: "idem2", kind: .p2p, payer: world.alice.id, payee: world.bob.id, amount: rub(10_000))
        let results = await withTaskGroup(of: CBDCPaymentResult.self) { group in
            for _ in 0..<20 { group.addTask { await world.platform.pay(request2) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(results).count == 1 && results[0].isApproved)
        #expect(try await world.platform.balance(of: world.alice.id) == rub(940_000))
    }

    @Test func twoHundredConcurrentPaymentsWithMoneyForOneHundredApproveExactlyOneHundred() async throws {
        let world = try await Self.funded()
        let results = await withTaskGroup(of: CBDCPaymentResult.self) { group in
            for index in 0..<200 {
                group.addTask {
                    await world.platform.pay(CBDCPaymentRequest(id: "many\(index)", kind: .p2p, payer: world.alice.id,
                                                                payee: world.bob.id, amount: rub(10_000)))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter(\.isApproved).count == 100)
        #expect(results.filter { $0.declineReason == .insufficientFunds }.count == 100)
        #expect(try await world.platform.balance(of: world.alice.id) == rub(0))
        #expect(try await world.platform.balance(of: world.bob.id) == rub(2_000_000))
        try await world.expectInvariants()
    }

    @Test func aMerchantQRRoundTripPaysTheMerchantOnce() async throws {
        let world = try await Self.funded()
        let payload = try await world.platform.merchantQR(wallet: world.shop.id, amount: rub(150_000))
        // The payload is a valid EMV code carrying the platform's template.
        let decoded = try MerchantQRDecoder.decode(payload)
        let account = try #require(decoded.emv?.merchantAccounts.first)
        #expect(account.id == 26 && account.globallyUniqueIdentifier == "ru.cbr.digitalruble")
        #expect(account.field(1) == world.shop.id && account.field(2) == "vtbank")
        #expect(decoded.amount == rub(150_000) && decoded.emv?.pointOfInitiation == .dynamicQR)

        let paid = await world.platform.pay(qr: payload, from: world.alice.id)
        #expect(paid.isApproved && paid.kind == .c2b && paid.fee == rub(450))
        #expect(try await world.platform.balance(of: world.shop.id) == rub(150_000 - 450))
        let twice = await world.platform.pay(qr: payload, from: world.alice.id)
        #expect(twice == paid)
        #expect(try await world.platform.balance(of: world.alice.id) == rub(850_000))
        #expect(await world.platform.trail(paid.id)?.qrPayload == payload)
        // A second code for the same sale is a new payment.
        let next = try await world.platform.merchantQR(wallet: world.shop.id, amount: rub(150_000))
        #expect(next != payload)
        // Foreign codes are declined without moving money.
        let foreign = await world.platform.pay(qr: "https://qr.nspk.ru/AD10006M8KH9KP3U8LOBD5T1J0F7FCP1?type=02&bank=100000000111&sum=1000&cur=RUB", from: world.alice.id)
        #expect(foreign.responseCode == "30" && foreign.declineReason?.iso20022Code == "FF01")
        await #expect(throws: CBDCPlatformError.notAMerchant(world.bob.id)) {
            _ = try await world.platform.merchantQR(wallet: world.bob.id, amount: rub(1))
        }
        try await world.expectInvariants()
    }

    @Test func refundsReturnThePaymentAndTheFeeShareExactly() async throws {
        let world = try await Self.funded()
        let p = world.platform
        let payment = await p.pay(CBDCPaymentRequest(id: "buy", kind: .c2b, payer: world.alice.id, payee: world.shop.id, amount: rub(12_345)))
        #expect(payment.fee == rub(37))
        // 5 000 of 12 345: ⌊37 × 5 000 / 12 345⌋ = ⌊14.98…⌋ = 14 kopecks of fee back.
        let first = await p.refund(id: "rf1", paymentID: "buy", amount: rub(5_000))
        #expect(first.isApproved && first.fee == rub(14) && first.payee == world.alice.id)
        #expect(await p.result("buy")?.status == .partiallyRefunded)
        #expect(try await p.balance(of: world.alice.id) == rub(1_000_000 - 12_345 + 5_000))
        #expect(try await p.balance(of: world.shop.id) == rub(12_345 - 37 - 5_000 + 14))
        let tooMuch = await p.refund(id: "rf2", paymentID: "buy", amount: rub(7_346))
        #expect(tooMuch.declineReason == .refundExceedsPayment(remaining: rub(7_345)) && tooMuch.responseCode == "13")
        // The rest: 37 − 14 = 23 kopecks of fee back, so the whole fee returned exactly.
        let rest = await p.refund(id: "rf3", paymentID: "buy", amount: rub(7_345))
        #expect(rest.isApproved && rest.fee == rub(23))
        #expect(await p.result("buy")?.status == .refunded)
        #expect(try await p.balance(of: world.alice.id) == rub(1_000_000))
        #expect(try await p.balance(of: world.shop.id) == rub(0))
        #expect(try await p.feeIncome(of: "vtbank") == rub(0))
        #expect(try await p.correspondentBalance(of: "vtbank") == rub(50_000_000))
        let none = await p.refund(id: "rf4", paymentID: "nope", amount: rub(1))
        #expect(none.responseCode == "57")
        try await world.expectInvariants()
    }

    @Test func aRefundTheMerchantCannotCoverIsDeclinedAndChangesNothing() async throws {
        let world = try await Self.funded()
        let p = world.platform
        #expect(await p.pay(CBDCPaymentRequest(id: "buy", kind: .c2b, payer: world.alice.id, payee: world.shop.id, amount: rub(100_000))).isApproved)
        // The shop redeems most of its takings into its deposit before the customer asks for the money back.
        #expect(await p.convertToDeposit(id: "out", wallet: world.shop.id, bank: "vtbank", amount: rub(99_000)).isApproved)
        let refund = await p.refund(id: "rf", paymentID: "buy", amount: rub(100_000))
        #expect(refund.declineReason == .insufficientFunds)
        #expect(try await p.balance(of: world.shop.id) == rub(700))
        #expect(try await p.balance(of: world.alice.id) == rub(900_000))
        #expect(await p.result("buy")?.status == .approved)
        try await world.expectInvariants()
    }

    @Test func withTrailsOffAPaymentKeepsItsAnswerAndASummaryTrail() async throws {
        let world = try await Self.funded()
        let p = world.platform
        await p.keepTrails(false)
        let request = CBDCPaymentRequest(id: "quiet", kind: .c2b, payer: world.alice.id, payee: world.shop.id, amount: rub(10_000))
        let paid = await p.pay(request)
        #expect(paid.isApproved)
        // The id still answers once: the same request gets the same result, another request is refused.
        #expect(await p.pay(request) == paid)
        let other = CBDCPaymentRequest(id: "quiet", kind: .c2b, payer: world.alice.id, payee: world.shop.id, amount: rub(20_000))
        #expect(await p.pay(other).declineReason == .idReused("quiet"))
        #expect(try await p.balance(of: world.alice.id) == rub(990_000))
        let summary = try #require(await p.trail("quiet"))
        #expect(summary.events.map(\.step) == ["result"])
        #expect(summary.ledgerTransfers == [try #require(paid.transferID)])
        #expect(summary.request.contains("c2b"))
        await p.keepTrails(true)
        #expect(await p.pay(CBDCPaymentRequest(id: "loud", kind: .c2b, payer: world.alice.id, payee: world.shop.id, amount: rub(10_000))).isApproved)
        #expect(await p.trail("loud")?.events.map(\.step) == ["request", "limits", "fee", "post", "result"])
        try await world.expectInvariants()
    }

    @Test func everyPaymentKeepsATrail() async throws {
        let world = try await Self.funded()
        let result = await world.platform.pay(CBDCPaymentRequest(id: "tr", kind: .c2b, payer: world.alice.id, payee: world.shop.id, amount: rub(10_000)))
        let trail = try #require(await world.platform.trail("tr"))
        #expect(trail.events.map(\.step) == ["request", "limits", "fee", "post", "result"])
        #expect(trail.ledgerTransfers == [try #require(result.transferID)])
        let declined = await world.platform.pay(CBDCPaymentRequest(id: "tr2", kind: .p2p, payer: world.alice.id, payee: world.bob.id, amount: rub(5_000_000)))
        #expect(declined.status == .declined)
        #expect(await world.platform.trail("tr2")?.events.last?.detail.contains("51/AM04") == true)
    }
}
