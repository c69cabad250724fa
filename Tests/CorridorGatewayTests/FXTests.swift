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
private let start = Date(timeIntervalSince1970: 1_767_225_600)

/// Every figure below is worked by hand from these rates.
private let testRates = """
    base,quote,mid,spread_bps
    CNY,RUB,12.6400,80
    USD,RUB,92.5000,60
    USD,CNY,7.2500,50
    USD,JPY,151.20,50
    USD,KWD,0.3075,100
    USD,AED,3.6725,40
    EUR,RUB,100.2000,70
    EUR,USD,1.0850,30
    """

private func money(_ minorUnits: Int64, _ currency: Currency) -> Money {
    Money(minorUnits: minorUnits, currency: currency)
}

private func quoter(_ csv: String = testRates, spreads: FXSpreadTable = FXSpreadTable()) throws -> FXQuoter {
    FXQuoter(book: try FXRateBook(csv: csv), spreads: spreads)
}

private func quote(_ payee: Money, in payer: Currency, _ quoter: FXQuoter, participant: ParticipantID? = nil) throws
    -> FXQuote
{
    try quoter.quote(payeeAmount: payee, payerCurrency: payer, participant: participant, id: "q1", at: start)
}

@Suite("FX quotes")
struct FXQuoteTests {
    @Test func exponentTwoToTwoMidHalfUpCustomerUp() throws {
        let fx = try quoter()
        // CNY 100.00 at 12.64 = RUB 1264.00; spread 80 bps: 1264 × 1.008 = 1274.112 → up to 1274.12.
        let round = try quote(money(10_000, cny), in: rub, fx)
        #expect(round.midPayerAmount == money(126_400, rub))
        #expect(round.payerAmount == money(127_412, rub))
        #expect(round.margin == money(1_012, rub))
        #expect(round.spreadBps == 80)
        #expect(round.route == .direct(base: cny, quote: rub))
        #expect(round.midRateText == "12.640000")
        #expect(round.customerRateText == "12.741120")
        // CNY 0.37 = RUB 4.6768 → mid 4.68 (half up); × 1.008 = 4.7142144 → 4.72 (up).
        let small = try quote(money(37, cny), in: rub, fx)
        #expect(small.midPayerAmount == money(468, rub))
        #expect(small.payerAmount == money(472, rub))
        // USD 0.02 at 7.25 = CNY 0.145: an exact half fen goes up to 0.15; × 1.005 = 0.1457... → 0.15.
        let half = try quote(money(2, usd), in: cny, fx)
        #expect(half.midPayerAmount == money(15, cny))
        #expect(half.payerAmount == money(15, cny))
        #expect(half.margin == money(0, cny))
    }

    @Test func exponentZeroPayer() throws {
        let fx = try quoter()
        // USD 10.00 at 151.20 = JPY 1512; × 1.005 = 1519.56 → 1520.
        let ten = try quote(money(1_000, usd), in: jpy, fx)
        #expect(ten.midPayerAmount == money(1_512, jpy))
        #expect(ten.payerAmount == money(1_520, jpy))
        #expect(ten.margin == money(8, jpy))
        // USD 0.33 = JPY 49.896 → 50 (half up); × 1.005 = 50.14548 → 51 (up).
        let cents = try quote(money(33, usd), in: jpy, fx)
        #expect(cents.midPayerAmount == money(50, jpy))
        #expect(cents.payerAmount == money(51, jpy))
        // USD 0.03 = JPY 4.536 → 5; × 1.005 = 4.55868 → 5.
        let three = try quote(money(3, usd), in: jpy, fx)
        #expect(three.midPayerAmount == money(5, jpy))
        #expect(three.payerAmount == money(5, jpy))
        // An exact half yen: USD 1.00 at 150.50 = JPY 150.5 → 151.
        let halfBook = try quoter("base,quote,mid,spread_bps\nUSD,JPY,150.50,0\n")
        let halfYen = try quote(money(100, usd), in: jpy, halfBook)
        #expect(halfYen.midPayerAmount == money(151, jpy))
        #expect(halfYen.payerAmount == money(151, jpy))
    }

    @Test func exponentZeroPayeeThroughTheExactInverse() throws {
        let fx = try quoter()
        // JPY 1000 / 151.20 = USD 6.61375661... → 6.61; × 1.005 = 6.64682539... → 6.65.
        let yen = try quote(money(1_000, jpy), in: usd, fx)
        #expect(yen.midPayerAmount == money(661, usd))
        #expect(yen.payerAmount == money(665, usd))
        #expect(yen.route == .direct(base: usd, quote: jpy))
        #expect(yen.midRateText == "0.006614")
        #expect(yen.customerRateText == "0.006646")
    }

    @Test func exponentThree() throws {
        let fx = try quoter()
        // USD 12.34 × 0.3075 = KWD 3.794550 → 3.795; × 1.01 = 3.8324955 → 3.833.
        let dollars = try quote(money(1_234, usd), in: kwd, fx)
        #expect(dollars.midPayerAmount == money(3_795, kwd))
        #expect(dollars.payerAmount == money(3_833, kwd))
        #expect(dollars.margin == money(38, kwd))
        // USD 0.20 × 0.3075 = KWD 0.0615: an exact half fils → 0.062.
        let half = try quote(money(20, usd), in: kwd, fx)
        #expect(half.midPayerAmount == money(62, kwd))
        // KWD 1.000 / 0.3075 = USD 3.25203252... → 3.25; × 1.01 = 3.28455284... → 3.29.
        let dinar = try quote(money(1_000, kwd), in: usd, fx)
        #expect(dinar.midPayerAmount == money(325, usd))
        #expect(dinar.payerAmount == money(329, usd))
    }

    @Test func crossBetweenExponentsZeroAndThreeIsRoundedOnce() throws {
        let fx = try quoter()
        // JPY 10000 → KWD through USD: 10000 × 0.3075 / 151.20 = 20.33730158... → 20.337. Rounding the USD leg
        // first (66.14) would give 20.33805 → 20.338. Cross spread = 50 + 100 bps: × 1.015 = 20.64236111 → 20.643.
        let yen = try quote(money(10_000, jpy), in: kwd, fx)
        #expect(yen.route == .cross(via: usd))
        #expect(yen.spreadBps == 150)
        #expect(yen.midPayerAmount == money(20_337, kwd))
        #expect(yen.payerAmount == money(20_643, kwd))
        #expect(yen.margin == money(306, kwd))
    }

    @Test func inverseIsExactNotAReciprocalText() throws {
        let fx = try quoter()
        // RUB 925,000.00 / 92.5 = USD 10,000.00 exactly; a 6-decimal reciprocal (0.010811) would give 10,000.18.
        let roubles = try quote(money(92_500_000, rub), in: usd, fx)
        #expect(roubles.midPayerAmount == money(1_000_000, usd))
        // × 1.006 = 10,060.00 exactly: no rounding up from an inexact inverse.
        #expect(roubles.payerAmount == money(1_006_000, usd))
        // AED 3,672.50 / 3.6725 = USD 1,000.00 exactly.
        let dirhams = try quote(money(367_250, Currency(alphaCode: "AED")!), in: usd, fx)
        #expect(dirhams.midPayerAmount == money(100_000, usd))
    }

    @Test func bigCrossStaysExactPastOneHundredTwentyEightBits() throws {
        let book = """
            base,quote,mid,spread_bps
            EUR,USD,3.0000000001,1
            USD,GBP,0.3333333333,0
            """
        let fx = try quoter(book)
        let gbp = Currency(alphaCode: "GBP")!
        // 5·10^18 cents × 3.0000000001 × 0.3333333333 = 5·10^16 × 0.99999999993333333333 EUR
        // = 4,999,999,999,666,666,666.65 pence → 4,999,999,999,666,666,667 half up;
        // × 1.0001 = 5,000,499,999,666,633,333.3166... → 5,000,499,999,666,633,334 up.
        let huge = try quote(money(5_000_000_000_000_000_000, eur), in: gbp, fx)
        #expect(huge.midPayerAmount == money(4_999_999_999_666_666_667, gbp))
        #expect(huge.payerAmount == money(5_000_499_999_666_633_334, gbp))
    }

    @Test func overflowIsAnErrorNotATrap() throws {
        let fx = try quoter(testRates + "\nUSD,KZT,475.30,120\n")
        let kzt = Currency(alphaCode: "KZT")!
        #expect(throws: FXError.overflow) { try quote(money(.max, usd), in: kzt, fx) }
        #expect(throws: FXError.overflow) { try quote(money(.max / 2, eur), in: rub, fx) }
        #expect(throws: FXError.overflow) {
            try fx.dccOffer(localAmount: money(.max, usd), homeCurrency: jpy, markupBps: 300, id: "d", at: start)
        }
    }

    @Test func zeroAndNegativeAmountsAreRefused() throws {
        let fx = try quoter()
        #expect(throws: FXError.amountInvalid(money(0, cny))) { try quote(money(0, cny), in: rub, fx) }
        #expect(throws: FXError.amountInvalid(money(-5, cny))) { try quote(money(-5, cny), in: rub, fx) }
    }

    @Test func unavailablePairIsNamed() throws {
        let thb = Currency(alphaCode: "THB")!
        #expect(throws: FXError.pairUnavailable(from: thb, to: cny)) { try quote(money(100, cny), in: thb, quoter()) }
    }

    @Test func sameCurrencyIsAnIdentityQuoteWithoutMargin() throws {
        let fx = try quoter()
        let same = try quote(money(12_345, rub), in: rub, fx, participant: "mirbank")
        #expect(same.route == .identity)
        #expect(same.payerAmount == money(12_345, rub))
        #expect(same.midPayerAmount == money(12_345, rub))
        #expect(same.margin == money(0, rub))
        #expect(same.spreadBps == 0)
        #expect(same.customerRateText == "1.000000")
    }

    @Test func participantSpreadOverridesTheBookDefault() throws {
        let spreads = try FXSpreadTable(csv: "participant,base,quote,spread_bps\nmirbank,RUB,CNY,45\nmirbank,*,*,100\n")
        let fx = try quoter(spreads: spreads)
        // RUB 1264 × 1.0045 = 1269.688 → 1269.69.
        let exact = try quote(money(10_000, cny), in: rub, fx, participant: "mirbank")
        #expect(exact.spreadBps == 45)
        #expect(exact.payerAmount == money(126_969, rub))
        #expect(exact.participant == "mirbank")
        // USD 10.00 → JPY with mirbank's */* 100 bps: 1512 × 1.01 = 1527.12 → 1528.
        let wildcard = try quote(money(1_000, usd), in: jpy, fx, participant: "mirbank")
        #expect(wildcard.spreadBps == 100)
        #expect(wildcard.payerAmount == money(1_528, jpy))
        // Another bank: the book's 80 bps.
        #expect(try quote(money(10_000, cny), in: rub, fx, participant: "huaxiabank").spreadBps == 80)
    }

    @Test func quoteExpiresAfterItsLifetime() throws {
        let fx = FXQuoter(book: try FXRateBook(csv: testRates), lifetimeSeconds: 60)
        let q = try fx.quote(
            payeeAmount: money(10_000, cny), payerCurrency: rub, participant: nil, id: "q-7", at: start)
        #expect(q.createdAt == start)
        #expect(q.expiresAt == start.addingTimeInterval(60))
        #expect(!q.isExpired(at: start.addingTimeInterval(59.999)))
        #expect(q.isExpired(at: start.addingTimeInterval(60)))
        #expect(throws: Never.self) { try q.checkUsable(at: start.addingTimeInterval(30)) }
        #expect(throws: FXError.quoteExpired(id: "q-7", expiredAt: start.addingTimeInterval(60))) {
            try q.checkUsable(at: start.addingTimeInterval(61))
        }
    }

    @Test func samplesQuoteForMirbankAndHuaxiabank() throws {
        let book = try FXRateBook(contentsOf: URL(fileURLWithPath: SampleFiles.path("gateway/fx-rates.csv")))
        let spreads = try FXSpreadTable(contentsOf: URL(fileURLWithPath: SampleFiles.path("gateway/fx-spreads.csv")))
        let fx = FXQuoter(book: book, spreads: spreads)
        // fx-spreads.csv: mirbank CNY/RUB 45, huaxiabank CNY/RUB 40; fx-rates.csv: CNY/RUB 12.6400 at 80.
        // CNY 100.00 = RUB 1264.00 mid; × 1.0045 = 1269.688 → 1269.69; × 1.004 = 1269.056 → 1269.06;
        // × 1.008 = 1274.112 → 1274.12.
        let expected: [(ParticipantID?, Int, Int64)] = [
            ("mirbank", 45, 126_969), ("huaxiabank", 40, 126_906), (nil, 80, 127_412),
        ]
        for (participant, spreadBps, payerMinorUnits) in expected {
            let q = try quote(money(10_000, cny), in: rub, fx, participant: participant)
            #expect(q.spreadBps == spreadBps)
            #expect(q.midPayerAmount == money(126_400, rub))
            #expect(q.payerAmount == money(payerMinorUnits, rub))
        }
        let cross = try quote(money(10_000, eur), in: cny, fx)
        guard case .cross = cross.route else {
            Issue.record("EUR → CNY must cross in the sample book")
            return
        }
    }
}

@Suite("FX DCC offers")
struct FXDCCTests {
    @Test func disclosureStatesAmountRateAndMarkup() throws {
        let fx = try quoter()
        // CNY 100.00 at 12.64 = RUB 1264.00 mid; × 1.02 = 1289.28; rate 12.64 × 1.02 = 12.8928.
        let offer = try fx.dccOffer(
            localAmount: money(10_000, cny), homeCurrency: rub, markupBps: 200, id: "d1", at: start)
        #expect(offer.homeAmount == money(128_928, rub))
        #expect(offer.midHomeAmount == money(126_400, rub))
        #expect(offer.markup == money(2_528, rub))
        #expect(offer.rateText == "12.892800")
        #expect(offer.expiresAt == start.addingTimeInterval(60))
        #expect(
            offer.disclosure
                == "CNY 100.00 = RUB 1,289.28 at 12.892800 RUB per CNY, including a 2.00% markup over the mid rate; "
                + "you may pay in CNY instead")
    }

    @Test func disclosureInAZeroExponentHomeCurrency() throws {
        let fx = try quoter()
        // USD 1,234.56 × 151.20 = JPY 186,665.472 → 186,665 mid; × 1.03 = 192,265.43616 → 192,266.
        let offer = try fx.dccOffer(
            localAmount: money(123_456, usd), homeCurrency: jpy, markupBps: 300, id: "d2", at: start)
        #expect(offer.midHomeAmount == money(186_665, jpy))
        #expect(offer.homeAmount == money(192_266, jpy))
        #expect(offer.markup == money(5_601, jpy))
        #expect(
            offer.disclosure
                == "USD 1,234.56 = JPY 192,266 at 155.736000 JPY per USD, including a 3.00% markup over the mid rate; "
                + "you may pay in USD instead")
    }

    @Test func markupOutOfRangeOrSameCurrencyIsRefused() throws {
        let fx = try quoter()
        #expect(throws: FXError.spreadInvalid(bps: 5_001)) {
            try fx.dccOffer(localAmount: money(100, cny), homeCurrency: rub, markupBps: 5_001, id: "d", at: start)
        }
        #expect(throws: FXError.conversionNotNeeded(cny)) {
            try fx.dccOffer(localAmount: money(100, cny), homeCurrency: cny, markupBps: 200, id: "d", at: start)
        }
        #expect(throws: FXError.amountInvalid(money(0, cny))) {
            try fx.dccOffer(localAmount: money(0, cny), homeCurrency: rub, markupBps: 200, id: "d", at: start)
        }
    }
}

@Suite("FX rounding properties")
struct FXPropertyTests {
    /// A conversion known to the test: payer units per payee unit as numerator/denominator (major units), written
    /// from the rates in `testRates`, independently of the code under test.
    struct Case {
        let payee: Currency
        let payer: Currency
        let numerator: Int128
        let denominator: Int128
        let spreadBps: Int
    }

    static let cases: [Case] = [
        Case(payee: cny, payer: rub, numerator: 126_400, denominator: 10_000, spreadBps: 80),
        Case(payee: rub, payer: cny, numerator: 10_000, denominator: 126_400, spreadBps: 80),
        Case(payee: usd, payer: jpy, numerator: 15_120, denominator: 100, spreadBps: 50),
        Case(payee: jpy, payer: usd, numerator: 100, denominator: 15_120, spreadBps: 50),
        Case(payee: usd, payer: kwd, numerator: 3_075, denominator: 10_000, spreadBps: 100),
        Case(payee: kwd, payer: usd, numerator: 10_000, denominator: 3_075, spreadBps: 100),
        // JPY → KWD through USD: (1/151.20) × 0.3075; spreads 50 + 100.
        Case(payee: jpy, payer: kwd, numerator: 3_075, denominator: 15_120 * 100, spreadBps: 150),
        Case(payee: kwd, payer: jpy, numerator: 15_120 * 100, denominator: 3_075, spreadBps: 150),
        // EUR → CNY through RUB (lower code than USD): 100.20 × (1/12.64); spreads 70 + 80.
        Case(payee: eur, payer: cny, numerator: 1_002_000, denominator: 126_400, spreadBps: 150),
    ]

    static func power(_ exponent: Int) -> Int128 { (0..<exponent).reduce(1) { value, _ in value * 10 } }

    @Test func roundingRulesHoldForSeededRandomAmounts() throws {
        let fx = try quoter()
        var random = SeededRandom(seed: 20_240_611)
        for iteration in 0..<20_000 {
            let known = Self.cases[iteration % Self.cases.count]
            let magnitude = Int64.random(in: 0...11, using: &random)
            let limit = (0..<magnitude).reduce(Int64(1)) { value, _ in value * 10 }
            let payee = money(Int64.random(in: 1...max(1, limit), using: &random), known.payee)
            let q = try quote(payee, in: known.payer, fx)
            #expect(q.spreadBps == known.spreadBps)
            // exact payer minor units = n / d.
            let n = Int128(payee.minorUnits) * known.numerator * Self.power(known.payer.exponent)
            let d = known.denominator * Self.power(known.payee.exponent)
            let mid = Int128(q.midPayerAmount.minorUnits)
            let customer = Int128(q.payerAmount.minorUnits)
            // Mid within half a minor unit of the exact value, ties going up.
            #expect(2 * (mid * d - n) <= d && 2 * (n - mid * d) < d, "mid \(mid) for \(payee)")
            // Customer is the ceiling of the exact value × (10000 + spread) / 10000.
            let spreadN = n * Int128(10_000 + known.spreadBps)
            #expect(customer * d * 10_000 >= spreadN && (customer - 1) * d * 10_000 < spreadN, "customer for \(payee)")
            #expect(q.margin.minorUnits == q.payerAmount.minorUnits - q.midPayerAmount.minorUnits)
            #expect(q.margin.minorUnits >= 0)
            #expect(q.payerAmount.minorUnits >= q.midPayerAmount.minorUnits)
            // The disclosed customer rate never makes the payer owe more than the payer amount.
            let rateMicros = try #require(Int128(q.customerRateText.replacingOccurrences(of: ".", with: "")))
            #expect(
                customer * Self.power(known.payee.exponent) * 1_000_000
                    >= Int128(payee.minorUnits) * rateMicros * Self.power(known.payer.exponent))
        }
    }
}
