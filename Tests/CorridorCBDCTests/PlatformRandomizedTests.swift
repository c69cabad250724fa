import CorridorCBDC
import CorridorCore
import CorridorLedger
import Testing

@Suite("Digital-ruble platform, randomized")
struct PlatformRandomizedTests {
    /// Many random conversions, payments of every kind and refunds (some bound to fail); after each step the issuance
    /// invariant holds, and at the end the total of every wallet, deposit and reserve equals what was put in.
    @Test(arguments: [UInt64(1), 42, 2026])
    func issuanceInvariantHoldsAfterEveryStep(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        let world = try await PlatformWorld.make()
        let p = world.platform
        let persons = [world.alice, world.bob]
        var approvedPayments: [String] = []
        let stepsMax = 150
        for step in 0..<stepsMax {
            let amount = rub(Int64.random(in: 1...400_000, using: &random))
            let person = persons[Int.random(in: 0..<persons.count, using: &random)]
            let id = "op\(step)"
            switch Int.random(in: 0..<7, using: &random) {
            case 0, 1: _ = await p.convertToDigital(id: id, wallet: person.id, bank: "mirbank", amount: amount)
            case 2: _ = await p.convertToDeposit(id: id, wallet: person.id, bank: "mirbank", amount: amount)
            case 3:
                let other = persons.first { $0.id != person.id }!
                let result = await p.pay(CBDCPaymentRequest(id: id, kind: .p2p, payer: person.id, payee: other.id, amount: amount))
                if result.isApproved { approvedPayments.append(id) }
            case 4:
                let result = await p.pay(CBDCPaymentRequest(id: id, kind: .c2b, payer: person.id, payee: world.shop.id, amount: amount))
                if result.isApproved { approvedPayments.append(id) }
            case 5:
                _ = await p.convertToDigital(id: id + "g", wallet: world.treasury.id, bank: "mirbank", amount: amount)
                _ = await p.pay(CBDCPaymentRequest(id: id, kind: .g2p, payer: world.treasury.id, payee: person.id, amount: amount))
            default:
                guard let paymentID = approvedPayments.randomElement(using: &random),
                    let original = await p.result(paymentID)
                else { continue }
                let left = original.amount.minorUnits - original.refunded.minorUnits
                guard left > 0 else { continue }
                _ = await p.refund(id: id, paymentID: paymentID, amount: rub(Int64.random(in: 1...left, using: &random)))
            }
            let issuance = try await p.verifyIssuance()
            #expect(issuance.holds, "step \(step): \(issuance)")
        }
        #expect(try await world.backend.verify().isBalanced)
        // Nothing created or destroyed: deposits + wallets + reserves + fee income = what was paid in.
        var total: Int64 = 0
        for holder in ["alice", "bob", "treasury"] {
            total += try await p.depositBalance(customer: holder, bank: "mirbank").minorUnits
        }
        for wallet in [world.alice, world.bob, world.shop, world.treasury] {
            total += try await p.balance(of: wallet.id).minorUnits
        }
        // Customers' money: deposits + wallets + the fee income it paid = what was paid in.
        total += try await p.feeIncome(of: "vtbank").minorUnits
        #expect(total == 3 * 2_000_000)
        // Central-bank money: reserves + digital rubles issued = the reserves the banks placed.
        let reserves = try await p.correspondentBalance(of: "mirbank").minorUnits
            + (try await p.correspondentBalance(of: "vtbank")).minorUnits
        #expect(reserves + (try await p.issued()).minorUnits == PlatformWorld.reserves + 50_000_000)
    }
}
