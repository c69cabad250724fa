import CorridorCore
import Testing

@Suite("Money decimal text")
struct MoneyDecimalTests {
    /// CLF (Unidad de Fomento) when the table lists it, else any other currency with four fraction digits.
    static let clf = Currency(alphaCode: "CLF") ?? Currency.all.first { $0.exponent == 4 }!
    static let bhd = Currency(alphaCode: "BHD")!

    // MARK: Parsing

    @Test(arguments: [
        ("100.5", Currency.cny, Int64(10_050)),
        ("100", .cny, 10_000),
        ("0.01", .cny, 1),
        ("-5.25", .cny, -525),
        ("0", .rub, 0),
        ("-0", .rub, 0),
        ("007", .rub, 700),
        ("5", .jpy, 5),
        ("1.234", .kwd, 1_234),
        ("1.5", .kwd, 1_500),
        ("0.1", bhd, 100),
        ("1.2345", clf, 12_345),
        ("92233720368547758.07", .rub, .max),
        ("-92233720368547758.07", .rub, -.max),
        ("9223372036854775807", .jpy, .max),
    ])
    func plainDecimalParsesExactly(_ text: String, _ currency: Currency, _ minorUnits: Int64) throws {
        let money = try Money(decimal: text, currency: currency)
        #expect(money.minorUnits == minorUnits)
        #expect(money.currency == currency)
    }

    @Test(arguments: [
        ("1.234", Currency.rub),
        ("1.230", .rub),
        ("0.001", .cny),
        ("5.0", .jpy),
        ("5.5", .jpy),
        ("1.2345", .kwd),
        ("1.00000", clf),
    ])
    func moreFractionDigitsThanExponentIsRejected(_ text: String, _ currency: Currency) {
        #expect(throws: MoneyError.tooManyFractionDigits(text: text, currency: currency)) {
            try Money(decimal: text, currency: currency)
        }
    }

    @Test(arguments: [
        ("", 0),
        (".", 0),
        ("1.", 2),
        (".5", 0),
        ("1,00", 1),
        ("1e5", 1),
        (" 1", 0),
        ("1 ", 1),
        ("--1", 1),
        ("-", 1),
        ("-.5", 1),
        ("+1", 0),
        ("1.2.3", 3),
        ("1.-5", 2),
        ("abc", 0),
        ("１", 0),
        ("12€", 2),
    ])
    func malformedDecimalIsRejectedAtItsFirstBadCharacter(_ text: String, _ offset: Int) {
        #expect(throws: MoneyError.invalidDecimal(text: text, offset: offset)) {
            try Money(decimal: text, currency: .rub)
        }
    }

    @Test func textLongerThanTheLimitIsRejected() {
        let text = String(repeating: "1", count: Money.decimalTextLengthMax + 1)
        #expect(throws: MoneyError.invalidDecimal(text: text, offset: Money.decimalTextLengthMax)) {
            try Money(decimal: text, currency: .rub)
        }
    }

    @Test(arguments: [
        ("99999999999999999999", Currency.jpy),
        ("9223372036854775808", .jpy),
        ("-9999999999999999999", .jpy),
        ("92233720368547758.08", .rub),
        ("92233720368547759", .rub),
        ("922337203685477.5808", clf),
    ])
    func amountBeyondInt64MinorUnitsIsAnOverflow(_ text: String, _ currency: Currency) {
        #expect(throws: MoneyError.overflow) {
            try Money(decimal: text, currency: currency)
        }
    }

    @Test func randomDecimalTextParsesToTheIndependentlyComputedValue() throws {
        var random = SeededRandom(seed: 0xC0FFEE)
        let currencies: [Currency] = [.jpy, .rub, .cny, .kwd, Self.bhd, Self.clf]
        for _ in 0..<2_000 {
            let currency = currencies.randomElement(using: &random)!
            let integer = Int64.random(in: 0..<1_000_000_000_000, using: &random)
            let fractionDigitCount = Int.random(in: 0...currency.exponent, using: &random)
            let fraction = RandomDigits.make(count: fractionDigitCount, using: &random)
            let negative = Bool.random(using: &random)
            let text = (negative ? "-" : "") + String(integer) + (fraction.isEmpty ? "" : "." + fraction)
            var expected = integer
            for _ in 0..<currency.exponent { expected *= 10 }
            var fractionValue = Int64(fraction) ?? 0
            for _ in fractionDigitCount..<currency.exponent { fractionValue *= 10 }
            expected += fractionValue
            if negative { expected = -expected }
            #expect(try Money(decimal: text, currency: currency).minorUnits == expected, "\(text) \(currency)")
        }
    }

    // MARK: Printing

    @Test(arguments: [
        (Int64(10_050), Currency.cny, "100.50", "100.5"),
        (10_000, .cny, "100.00", "100"),
        (5, .rub, "0.05", "0.05"),
        (-5, .rub, "-0.05", "-0.05"),
        (-525, .rub, "-5.25", "-5.25"),
        (-10, .rub, "-0.10", "-0.1"),
        (0, .rub, "0.00", "0"),
        (5, .jpy, "5", "5"),
        (-5, .jpy, "-5", "-5"),
        (100, .jpy, "100", "100"),
        (0, .jpy, "0", "0"),
        (1_234, .kwd, "1.234", "1.234"),
        (1_200, .kwd, "1.200", "1.2"),
        (1_000, .kwd, "1.000", "1"),
        (-1, .kwd, "-0.001", "-0.001"),
        (12_345, clf, "1.2345", "1.2345"),
        (.max, .rub, "92233720368547758.07", "92233720368547758.07"),
        (.min, .rub, "-92233720368547758.08", "-92233720368547758.08"),
        (.min, .jpy, "-9223372036854775808", "-9223372036854775808"),
    ])
    func decimalTextPrintsExactly(_ minorUnits: Int64, _ currency: Currency, _ full: String, _ compact: String) {
        let money = Money(minorUnits: minorUnits, currency: currency)
        #expect(money.decimalText == full)
        #expect(money.compactDecimalText == compact)
    }

    @Test func descriptionIsDecimalTextAndAlphaCode() {
        #expect("\(Money(minorUnits: 10_050, currency: .cny))" == "100.50 CNY")
        #expect("\(Money(minorUnits: -1, currency: .jpy))" == "-1 JPY")
    }

    // MARK: Round trips

    @Test(arguments: [Currency.jpy, .rub, .cny, .usd, .kwd, bhd, clf])
    func printedTextParsesBackToTheSameAmount(_ currency: Currency) throws {
        var random = SeededRandom(seed: 20_260_101 &+ UInt64(currency.numericCode))
        var samples: [Int64] = [0, 1, -1, 9, 10, 99, 100, -100, .max, .min + 1]
        for _ in 0..<1_000 {
            samples.append(Int64.random(in: (.min + 1)...(.max), using: &random))
            samples.append(Int64.random(in: -1_000_000...1_000_000, using: &random))
        }
        for minorUnits in samples {
            let money = Money(minorUnits: minorUnits, currency: currency)
            #expect(try Money(decimal: money.decimalText, currency: currency) == money, "\(money.decimalText)")
            let compact = money.compactDecimalText
            #expect(try Money(decimal: compact, currency: currency) == money, "\(compact)")
        }
    }

    @Test(arguments: [Currency.jpy, .rub, .kwd])
    func smallestAmountRoundTripsThroughDecimalText(_ currency: Currency) throws {
        let money = Money(minorUnits: .min, currency: currency)
        // The magnitude of Int64.min does not fit in Int64, so the parser must accumulate towards the sign.
        let parsed = try Money(decimal: money.decimalText, currency: currency)
        #expect(parsed == money)
    }
}
