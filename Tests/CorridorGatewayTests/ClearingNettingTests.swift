import CorridorCore
import CorridorGateway
import CorridorISO20022
import Foundation
import Testing

@Suite("Clearing netting")
struct ClearingNettingTests {
    static let day = ISODate(year: 2026, month: 1, day: 1)!

    static func item(_ id: String, _ obligations: [Obligation]) -> ClearingItem {
        let first = obligations.first ?? Obligation(debtor: "x", creditor: "y", amount: .zero(.rub))
        return ClearingItem(id: id, kind: .payment, businessDate: day, bookedAt: Date(timeIntervalSince1970: 0),
                            obligations: obligations, payeeAmount: first.amount, payerAmount: first.amount,
                            payerParticipant: first.debtor, payeeParticipant: first.creditor, merchantID: nil,
                            transferID: id, endToEndID: id, messageID: nil)
    }

    /// A random day: 5–8 participants, 2–3 currencies, up to 300 items of 1–3 obligations each (a debtor may owe
    /// itself, which must cancel out).
    static func randomDay(seed: UInt64) -> [ClearingItem] {
        var random = SeededRandom(seed: seed)
        let participants = (0..<Int.random(in: 5...8, using: &random)).map { "bank-\($0)" }
        let pool: [Currency] = [.rub, .cny, .usd, .jpy, .kwd]
        let currencies = Array(pool.shuffled(using: &random).prefix(Int.random(in: 2...3, using: &random)))
        return (0..<Int.random(in: 0...300, using: &random)).map { index in
            let obligations = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                Obligation(debtor: participants.randomElement(using: &random)!,
                           creditor: participants.randomElement(using: &random)!,
                           amount: Money(minorUnits: random.next() % 4 == 0
                                             ? Int64.random(in: 1...1_000_000_000_000, using: &random)
                                             : Int64.random(in: 1...100_000, using: &random),
                                         currency: currencies.randomElement(using: &random)!))
            }
            return item("item-\(seed)-\(index)", obligations)
        }
    }

    /// The slow, obvious computation: every obligation added to a dictionary keyed by text.
    static func bruteForce(_ items: [ClearingItem]) -> [String: (owes: Int64, debits: Int64, credits: Int64)] {
        var positions: [String: (owes: Int64, debits: Int64, credits: Int64)] = [:]
        for item in items {
            for obligation in item.obligations {
                let amount = obligation.amount.minorUnits
                let currency = obligation.amount.currency.alphaCode
                positions["\(obligation.debtor) \(currency)", default: (0, 0, 0)].owes += amount
                positions["\(obligation.debtor) \(currency)", default: (0, 0, 0)].credits += amount
                positions["\(obligation.creditor) \(currency)", default: (0, 0, 0)].owes -= amount
                positions["\(obligation.creditor) \(currency)", default: (0, 0, 0)].debits += amount
            }
        }
        return positions
    }

    @Test("netting equals a brute-force sum and every currency sums to zero", arguments: 1...64 as ClosedRange<UInt64>)
    func nettingEqualsBruteForce(seed: UInt64) throws {
        let items = Self.randomDay(seed: seed)
        let result = try MultilateralNetting.net(items)
        let expected = Self.bruteForce(items)

        var seen: [String: (owes: Int64, debits: Int64, credits: Int64)] = [:]
        for currency in result.currencies {
            #expect(currency.positions.map(\.owes).reduce(0, +) == 0)
            #expect(currency.owesSum == 0 && currency.isBalanced)
            #expect(currency.positions.map(\.participant) == currency.positions.map(\.participant).sorted())
            let amounts = items.flatMap(\.obligations).filter { $0.amount.currency == currency.currency }
            #expect(currency.obligationCount == amounts.count)
            #expect(currency.grossTotal == amounts.map(\.amount.minorUnits).reduce(0, +))
            #expect(currency.netTotal == currency.positions.map { max(0, $0.owes) }.reduce(0, +))
            for position in currency.positions {
                #expect(position.currency == currency.currency)
                #expect(position.owes == position.grossCredits - position.grossDebits)
                seen["\(position.participant) \(position.currency.alphaCode)"] =
                    (position.owes, position.grossDebits, position.grossCredits)
            }
        }
        #expect(seen.count == expected.count)
        for (key, value) in expected {
            let found = try #require(seen[key], "missing position \(key)")
            #expect(found == value, "\(key)")
        }
        #expect(result.currencies.map(\.currency) == result.currencies.map(\.currency).sorted())
        #expect(result.itemCount == items.count)
        #expect(result.isBalanced)
    }

    @Test("the order of the items and the kind of sequence do not change the result",
          arguments: [7, 19, 42] as [UInt64])
    func orderDoesNotMatter(seed: UInt64) throws {
        let items = Self.randomDay(seed: seed)
        var random = SeededRandom(seed: seed &* 31)
        let inOrder = try MultilateralNetting.net(items)
        #expect(try MultilateralNetting.net(items.shuffled(using: &random)) == inOrder)
        // A lazy sequence is not contiguous: the other path of `net`.
        #expect(try MultilateralNetting.net(items.lazy.map { $0 }) == inOrder)
    }

    @Test("a sum beyond Int64 is a thrown overflow naming the currency")
    func overflowIsThrown() throws {
        let half = Money(minorUnits: Int64.max / 2 + 1, currency: .cny)
        let items = [Self.item("a", [Obligation(debtor: "p", creditor: "q", amount: half)]),
                     Self.item("b", [Obligation(debtor: "p", creditor: "r", amount: half)])]
        #expect(throws: ClearingError.amountOverflow(participant: "p", currency: .cny)) {
            try MultilateralNetting.net(items)
        }
        // Each participant fits, the currency's gross total does not.
        let spread = [Self.item("a", [Obligation(debtor: "p", creditor: "q", amount: half)]),
                      Self.item("b", [Obligation(debtor: "r", creditor: "s", amount: half)])]
        #expect(throws: ClearingError.amountOverflow(participant: nil, currency: .cny)) {
            try MultilateralNetting.net(spread)
        }
    }

    @Test("an obligation that is not positive is refused with the item's id")
    func nonPositiveObligationIsRefused() {
        let items = [
            Self.item("ok", [Obligation(debtor: "p", creditor: "q", amount: Money(minorUnits: 5, currency: .rub))]),
            Self.item("bad", [Obligation(debtor: "p", creditor: "q", amount: Money(minorUnits: -5, currency: .rub))]),
        ]
        #expect(throws: ClearingError.obligationAmountNotPositive(itemID: "bad",
                                                                  amount: Money(minorUnits: -5, currency: .rub))) {
            try MultilateralNetting.net(items)
        }
    }

    @Test("a million items net exactly and balance")
    func millionItemsNetExactly() throws {
        let participants = (0..<8).map { "bank-\($0)" }
        let currencies: [Currency] = [.rub, .cny, .usd]
        var random = SeededRandom(seed: 2026)
        var items: [ClearingItem] = []
        items.reserveCapacity(1_000_000)
        var expectedGross: Int64 = 0
        for index in 0..<1_000_000 {
            let amount = Int64.random(in: 1...1_000_000, using: &random)
            expectedGross += amount
            items.append(Self.item(participants[index % 8], [
                Obligation(debtor: participants[index % 8], creditor: participants[(index / 8) % 8],
                           amount: Money(minorUnits: amount, currency: currencies[index % 3])),
            ]))
        }
        // No time limit here (speed is `corridor-bench gateway`'s `clearing_1m_s`): at a million items this checks
        // that netting stays exact and balanced at the scale the clearing runs at.
        let netting = try MultilateralNetting.net(items)
        #expect(netting.itemCount == 1_000_000)
        #expect(netting.currencies.map(\.grossTotal).reduce(0, +) == expectedGross)
        #expect(netting.isBalanced)
    }
}
