import CorridorCore
import CorridorGateway
import CorridorTesting
import Foundation
import Testing

private let cny = Currency.cny
private let rub = Currency.rub
private let usd = Currency.usd
private let eur = Currency.eur
private let jpy = Currency.jpy
private let kwd = Currency.kwd

/// The configuration error a CSV text gives, or nil when it loads.
private func rateFileError(_ csv: String) -> GatewayConfigurationError? {
    do {
        _ = try FXRateBook(csv: csv)
        return nil
    } catch {
        return error
    }
}

private func spreadFileError(_ csv: String) -> GatewayConfigurationError? {
    do {
        _ = try FXSpreadTable(csv: csv)
        return nil
    } catch {
        return error
    }
}

@Suite("FX rate")
struct FXRateTests {
    @Test(arguments: [
        ("12.6400", Int64(126_400), 4), ("0.0079", 79, 4), ("151", 151, 0), ("012.5", 125, 1),
        ("0.0000000001", 1, 10), ("999999999999", 999_999_999_999, 0), ("0.0123456789", 123_456_789, 10),
    ])
    func parsesPlainPositiveDecimals(text: String, mantissa: Int64, scale: Int) throws {
        let rate = try FXRate(text: text)
        #expect(rate.mantissa == mantissa)
        #expect(rate.scale == scale)
    }

    @Test(arguments: [
        "", "0", "0.000", "-1.5", "+1.5", "1e5", " 1.5", "1.5 ", "1,5", ".5", "5.", "1.2.3", "1234567890123",
        "0.00000000001", "0.000123456789012", "12.6400x", "١٢",
    ])
    func refusesAnythingElse(text: String) {
        #expect(throws: FXError.rateInvalid(text)) { try FXRate(text: text) }
    }

    @Test func textKeepsTheWrittenScaleAndDropsLeadingZeros() throws {
        #expect(try FXRate(text: "12.6400").text == "12.6400")
        #expect(try FXRate(text: "0.0079").text == "0.0079")
        #expect(try FXRate(text: "007.50").description == "7.50")
        #expect(try FXRate(mantissa: 5, scale: 3).text == "0.005")
    }

    @Test func equalValuesAreEqualWhateverTheScale() throws {
        let short = try FXRate(text: "12.64")
        let long = try FXRate(text: "12.6400")
        #expect(short == long)
        #expect(Set([short, long]).count == 1)
        #expect(try FXRate(text: "12.641") != short)
    }

    @Test func mantissaAndScaleHaveTheirLimits() throws {
        #expect(throws: FXError.self) { try FXRate(mantissa: 1_000_000_000_000, scale: 0) }
        #expect(throws: FXError.self) { try FXRate(mantissa: 1, scale: 11) }
    }

    @Test func multiplyAndDivideAreExactAndRoundedOnce() throws {
        let rate = try FXRate(text: "0.3075")  // KWD per USD
        let dollars = Money(minorUnits: 1_234, currency: usd)
        // 12.34 × 0.3075 = 3.794550 KWD: 3794.55 fils.
        #expect(try rate.multiply(dollars, into: kwd, rounding: .halfUp) == Money(minorUnits: 3_795, currency: kwd))
        #expect(try rate.multiply(dollars, into: kwd, rounding: .down) == Money(minorUnits: 3_794, currency: kwd))
        #expect(try rate.multiply(dollars, into: kwd, rounding: .up) == Money(minorUnits: 3_795, currency: kwd))
        // 3.075 KWD ÷ 0.3075 = 10.00 USD exactly, where a 6-decimal reciprocal (3.252033) would give 10.000001.
        let dinars = Money(minorUnits: 3_075, currency: kwd)
        #expect(try rate.divide(dinars, into: usd, rounding: .up) == Money(minorUnits: 1_000, currency: usd))
        #expect(throws: FXError.overflow) {
            try FXRate(text: "999999").multiply(Money(minorUnits: .max, currency: usd), into: rub, rounding: .down)
        }
        #expect(throws: FXError.amountInvalid(Money(minorUnits: -1, currency: usd))) {
            try rate.multiply(Money(minorUnits: -1, currency: usd), into: kwd, rounding: .down)
        }
    }
}

@Suite("FX rate book")
struct FXRateBookTests {
    static let book = """
        # test rates
        base,quote,mid,spread_bps
        CNY,RUB,12.6400,80
        USD,RUB,92.5000,60
        USD,CNY,7.2500,50
        EUR,RUB,100.2000,70
        EUR,USD,1.0850,30
        USD,JPY,151.20,50
        USD,KWD,0.3075,100
        """

    @Test func routesAreIdentityDirectEitherWayCrossOrNone() throws {
        let book = try FXRateBook(csv: Self.book)
        #expect(book.route(from: rub, to: rub) == .identity)
        #expect(book.route(from: Currency(alphaCode: "THB")!, to: Currency(alphaCode: "THB")!) == .identity)
        #expect(book.route(from: rub, to: cny) == .direct(base: cny, quote: rub))
        #expect(book.route(from: cny, to: rub) == .direct(base: cny, quote: rub))
        // EUR and CNY have no pair; RUB and USD both join them, and RUB is the lower code.
        #expect(book.route(from: eur, to: cny) == .cross(via: rub))
        #expect(book.route(from: cny, to: eur) == .cross(via: rub))
        // JPY and KWD are joined through USD only.
        #expect(book.route(from: jpy, to: kwd) == .cross(via: usd))
        #expect(book.route(from: jpy, to: Currency(alphaCode: "THB")!) == nil)
        #expect(book.route(from: Currency(alphaCode: "AED")!, to: rub) == nil)
    }

    @Test func directIsPreferredEvenWhenACrossExists() throws {
        // CNY/RUB is direct although USD joins CNY and RUB as well.
        let book = try FXRateBook(csv: Self.book)
        #expect(book.route(from: cny, to: rub) == .direct(base: cny, quote: rub))
        #expect(book.route(from: usd, to: rub) == .direct(base: usd, quote: rub))
    }

    @Test func setMidReplacesEitherOrientationAndRecomputesCrosses() throws {
        var book = try FXRateBook(csv: Self.book)
        try book.setMid(base: eur, quote: cny, mid: FXRate(text: "7.8500"), spreadBps: 40)
        #expect(book.route(from: eur, to: cny) == .direct(base: eur, quote: cny))
        #expect(book.spreadBps(between: cny, and: eur) == 40)
        // Setting RUB/CNY replaces CNY/RUB (one pair per couple) and keeps its spread.
        try book.setMid(base: rub, quote: cny, mid: FXRate(text: "0.0790"))
        #expect(book.mid(base: cny, quote: rub) == nil)
        #expect(book.mid(base: rub, quote: cny) == (try FXRate(text: "0.079")))
        #expect(book.spreadBps(between: cny, and: rub) == 80)
        #expect(book.route(from: cny, to: rub) == .direct(base: rub, quote: cny))
        #expect(throws: FXError.conversionNotNeeded(rub)) {
            try book.setMid(base: rub, quote: rub, mid: FXRate(text: "1"))
        }
        #expect(throws: FXError.spreadInvalid(bps: 5_001)) {
            try book.setMid(base: rub, quote: usd, mid: FXRate(text: "0.0108"), spreadBps: 5_001)
        }
    }

    @Test func routeDescriptionsForTheTrail() {
        #expect(FXRoute.direct(base: cny, quote: rub).description == "direct CNY/RUB")
        #expect(FXRoute.cross(via: usd).description == "cross via USD")
        #expect(FXRoute.identity.description == "identity")
    }

    @Test func columnsMayComeInAnyOrderAndCommentsAndBlankLinesAreSkipped() throws {
        let book = try FXRateBook(csv: "\n# rates\r\nspread_bps , mid,quote,base\r\n\r\n  # none\n45,12.64,RUB,CNY\n")
        #expect(book.mid(base: cny, quote: rub) == (try FXRate(text: "12.64")))
        #expect(book.spreadBps(between: rub, and: cny) == 45)
        #expect(book.currencies == [cny, rub])
    }

    @Test func unknownCurrencyNamesItsLineAndColumn() {
        let error = rateFileError("base,quote,mid,spread_bps\n# comment\nCNY,RUB,12.64,80\nXYZ,RUB,1.5,80\n")
        guard case .valueInvalid(4, "base", _) = error else {
            Issue.record("expected line 4 base, got \(String(describing: error))")
            return
        }
    }

    @Test func badRateNamesItsLineAndColumn() {
        let error = rateFileError("base,quote,mid,spread_bps\n\nCNY,RUB,-12.64,80\n")
        guard case .valueInvalid(3, "mid", _) = error else {
            Issue.record("expected line 3 mid, got \(String(describing: error))")
            return
        }
    }

    @Test func badSpreadNamesItsLineAndColumn() {
        for spread in ["5001", "-1", "1.5", ""] {
            let error = rateFileError("base,quote,mid,spread_bps\nCNY,RUB,12.64,\(spread)\n")
            guard case .valueInvalid(2, "spread_bps", _) = error else {
                Issue.record("spread \(spread): got \(String(describing: error))")
                continue
            }
        }
    }

    @Test func duplicatePairInEitherOrientationIsRefused() {
        let csv = "base,quote,mid,spread_bps\nCNY,RUB,12.64,80\nUSD,RUB,92.5,60\nRUB,CNY,0.0791,80\n"
        #expect(rateFileError(csv) == .duplicate(line: 4, key: "base,quote", value: "RUB/CNY"))
    }

    @Test func pairOfACurrencyWithItselfIsRefused() {
        guard case .valueInvalid(2, "quote", _) = rateFileError("base,quote,mid,spread_bps\nRUB,RUB,1,0\n") else {
            Issue.record("RUB/RUB accepted or misreported")
            return
        }
    }

    @Test func headerErrorsNameTheHeaderLine() {
        let renamed = "# c\nbase,quote,rate,spread_bps\nCNY,RUB,12.64,80\n"
        #expect(rateFileError(renamed) == .keyUnknown(line: 2, key: "rate"))
        #expect(rateFileError("base,quote,mid\nCNY,RUB,12.64\n") == .keyMissing(line: 1, key: "spread_bps"))
        #expect(rateFileError("base,quote,mid,mid,spread_bps\n") == .duplicate(line: 1, key: "header", value: "mid"))
        guard case .keyMissing(1, _) = rateFileError("# only a comment\n") else {
            Issue.record("a file without header must be refused")
            return
        }
    }

    @Test func recordWithTheWrongFieldCountIsASyntaxError() {
        guard case .syntaxInvalid(3, _) = rateFileError("base,quote,mid,spread_bps\nCNY,RUB,12.64,80\nUSD,RUB,92.5\n")
        else {
            Issue.record("short record accepted or misreported")
            return
        }
    }

    @Test func sampleRatesLoadWithEuroToYuanAsACross() throws {
        let book = try FXRateBook(contentsOf: URL(fileURLWithPath: SampleFiles.path("gateway/fx-rates.csv")))
        for code in ["CNY", "RUB", "USD", "EUR", "KZT", "AED", "JPY"] {
            #expect(book.currencies.contains(Currency(alphaCode: code)!), "\(code) missing")
        }
        #expect(book.route(from: cny, to: rub) == .direct(base: cny, quote: rub))
        #expect(book.route(from: rub, to: usd) == .direct(base: usd, quote: rub))
        #expect(book.mid(base: eur, quote: cny) == nil && book.mid(base: cny, quote: eur) == nil)
        guard case .cross = book.route(from: eur, to: cny) else {
            Issue.record("EUR → CNY must be a cross in the sample book")
            return
        }
        for first in book.currencies {
            for second in book.currencies where first != second {
                if let spread = book.spreadBps(between: first, and: second) {
                    #expect((30...150).contains(spread), "\(first)/\(second) spread \(spread)")
                }
            }
        }
    }
}

@Suite("FX spread table")
struct FXSpreadTableTests {
    static let csv = """
        participant,base,quote,spread_bps
        mirbank,CNY,RUB,40
        mirbank,*,*,100
        huaxiabank,USD,*,70
        huaxiabank,*,*,25
        vtb,*,RUB,55
        """

    @Test func mostSpecificRuleWins() throws {
        let table = try FXSpreadTable(csv: Self.csv)
        // Both currencies named, in either order.
        #expect(table.spreadBps(for: "mirbank", from: rub, to: cny, default: 80) == 40)
        #expect(table.spreadBps(for: "mirbank", from: cny, to: rub, default: 80) == 40)
        // The participant's */* rule.
        #expect(table.spreadBps(for: "mirbank", from: rub, to: usd, default: 60) == 100)
        // One currency named beats */*.
        #expect(table.spreadBps(for: "huaxiabank", from: cny, to: usd, default: 50) == 70)
        #expect(table.spreadBps(for: "huaxiabank", from: cny, to: rub, default: 80) == 25)
        // One currency named, no */*: elsewhere the book's default applies.
        #expect(table.spreadBps(for: "vtb", from: cny, to: rub, default: 80) == 55)
        #expect(table.spreadBps(for: "vtb", from: cny, to: usd, default: 50) == 50)
        // Unknown or absent participant: the book's default.
        #expect(table.spreadBps(for: "sberbank", from: cny, to: rub, default: 80) == 80)
        #expect(table.spreadBps(for: nil, from: cny, to: rub, default: 80) == 80)
    }

    @Test func errorsNameTheLineAndColumn() {
        let header = "participant,base,quote,spread_bps\n"
        guard case .valueInvalid(2, "quote", _) = spreadFileError(header + "mirbank,CNY,XXX,40\n") else {
            Issue.record("unknown currency accepted or misreported")
            return
        }
        guard case .valueInvalid(3, "spread_bps", _) = spreadFileError(header + "\nmirbank,CNY,RUB,9000\n") else {
            Issue.record("spread 9000 accepted or misreported")
            return
        }
        guard case .valueInvalid(2, "participant", _) = spreadFileError(header + "*,CNY,RUB,40\n") else {
            Issue.record("participant * accepted or misreported")
            return
        }
        #expect(
            spreadFileError(header + "mirbank,CNY,RUB,40\nmirbank,RUB,CNY,45\n")
                == .duplicate(line: 3, key: "participant,base,quote", value: "mirbank RUB/CNY"))
        #expect(
            spreadFileError(header + "mirbank,*,RUB,40\nmirbank,RUB,*,45\n")
                == .duplicate(line: 3, key: "participant,base,quote", value: "mirbank RUB/*"))
        #expect(spreadFileError("participant,pair,spread_bps\n") == .keyUnknown(line: 1, key: "pair"))
    }

    @Test func sampleSpreadsLoadForMirbankAndHuaxiabank() throws {
        let table = try FXSpreadTable(contentsOf: URL(fileURLWithPath: SampleFiles.path("gateway/fx-spreads.csv")))
        // A default no real rule uses, so any override shows.
        let unused = 4_999
        #expect(table.spreadBps(for: "mirbank", from: cny, to: rub, default: unused) != unused)
        #expect(table.spreadBps(for: "huaxiabank", from: cny, to: rub, default: unused) != unused)
        #expect(table.spreadBps(for: "nobank", from: cny, to: rub, default: unused) == unused)
    }
}
