import CorridorCore
import Foundation
import Testing

@Suite("Money arithmetic")
struct MoneyArithmeticTests {
    private func rub(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .rub) }

    @Test func addingSumsMinorUnits() throws {
        #expect(try rub(150).adding(rub(-50)) == rub(100))
        #expect(try rub(.max - 1).adding(rub(1)) == rub(.max))
    }

    @Test func addingPastInt64MaxIsAnOverflow() {
        #expect(throws: MoneyError.overflow) { try rub(.max).adding(rub(1)) }
        #expect(throws: MoneyError.overflow) { try rub(.min).adding(rub(-1)) }
    }

    @Test func subtractingTakesTheDifference() throws {
        #expect(try rub(100).subtracting(rub(250)) == rub(-150))
        #expect(try rub(-1).subtracting(rub(.max)) == rub(.min))
    }

    @Test func subtractingPastInt64MinIsAnOverflow() {
        #expect(throws: MoneyError.overflow) { try rub(.min).subtracting(rub(1)) }
        #expect(throws: MoneyError.overflow) { try rub(0).subtracting(rub(.min)) }
    }

    @Test func amountsInDifferentCurrenciesNeverCombine() {
        let rub = rub(100)
        let cny = Money(minorUnits: 100, currency: .cny)
        #expect(throws: MoneyError.currencyMismatch(.rub, .cny)) { try rub.adding(cny) }
        #expect(throws: MoneyError.currencyMismatch(.cny, .rub)) { try cny.subtracting(rub) }
    }

    @Test func currencyMismatchIsReportedBeforeOverflow() {
        #expect(throws: MoneyError.currencyMismatch(.rub, .jpy)) {
            try rub(.max).adding(Money(minorUnits: .max, currency: .jpy))
        }
    }

    @Test func multiplyingScalesByAQuantity() throws {
        #expect(try rub(250).multiplied(by: 4) == rub(1_000))
        #expect(try rub(250).multiplied(by: -1) == rub(-250))
        #expect(try rub(250).multiplied(by: 0) == rub(0))
    }

    @Test(arguments: [
        (Int64.max / 2 + 1, Int64(2)),
        (.max, 2),
        (.min, -1),
        (-1, .min),
        (3_037_000_500, 3_037_000_500),
    ])
    func multiplyingPastInt64IsAnOverflow(_ minorUnits: Int64, _ factor: Int64) {
        #expect(throws: MoneyError.overflow) { try rub(minorUnits).multiplied(by: factor) }
    }

    @Test func negatingFlipsTheSign() throws {
        #expect(try rub(525).negated() == rub(-525))
        #expect(try rub(.max).negated() == rub(-.max))
        #expect(try rub(0).negated() == rub(0))
    }

    @Test func negatingInt64MinIsAnOverflow() {
        #expect(throws: MoneyError.overflow) { try rub(.min).negated() }
    }

    @Test func zeroAndSignAreReported() {
        #expect(Money.zero(.cny) == Money(minorUnits: 0, currency: .cny))
        #expect(rub(-1).isNegative)
        #expect(!rub(0).isNegative)
    }

    @Test func equalAmountsInDifferentCurrenciesAreNotEqual() {
        #expect(rub(100) != Money(minorUnits: 100, currency: .cny))
    }

    @Test func errorDescriptionsNameTheProblem() {
        #expect(MoneyError.overflow.description.contains("overflow"))
        #expect(MoneyError.currencyMismatch(.rub, .cny).description.contains("RUB"))
        #expect(MoneyError.invalidDecimal(text: "1e5", offset: 1).description.contains("offset 1"))
        #expect(MoneyError.tooManyFractionDigits(text: "1.234", currency: .rub).description.contains("2"))
    }

    @Test func moneySurvivesAJSONRoundTrip() throws {
        let amounts = [rub(10_050), Money(minorUnits: -5, currency: .jpy), Money(minorUnits: .min, currency: .kwd)]
        let decoded = try JSONDecoder().decode([Money].self, from: try JSONEncoder().encode(amounts))
        #expect(decoded == amounts)
    }
}
