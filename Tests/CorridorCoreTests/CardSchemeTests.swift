import CorridorCore
import Testing

@Suite("BIN ranges to card schemes")
struct CardSchemeTests {
    @Test(arguments: [
        ("219999", CardScheme.unknown),
        ("220000", .mir),
        ("220299", .mir),
        ("220499", .mir),
        ("220500", .unknown),
        ("222099", .unknown),
        ("222100", .mastercard),
        ("250000", .mastercard),
        ("272099", .mastercard),
        ("272100", .unknown),
        ("500000", .unknown),
        ("510000", .mastercard),
        ("559999", .mastercard),
        ("560000", .unknown),
        ("620000", .unionPay),
        ("622126", .unionPay),
        ("629999", .unionPay),
        ("810000", .unionPay),
        ("817199", .unionPay),
        ("800000", .unknown),
        ("400000", .visa),
        ("499999", .visa),
        ("352799", .unknown),
        ("352800", .jcb),
        ("358999", .jcb),
        ("359000", .unknown),
        ("340000", .amex),
        ("370000", .amex),
        ("350000", .unknown),
        ("601100", .discover),
        ("601200", .unknown),
        ("643999", .unknown),
        ("644000", .discover),
        ("649999", .discover),
        ("650000", .discover),
        ("659999", .discover),
        ("300000", .diners),
        ("305999", .diners),
        ("306000", .unknown),
        ("360000", .diners),
        ("380000", .diners),
        ("390000", .diners),
        ("100000", .unknown),
        ("900000", .unknown),
    ])
    func binFallsIntoItsScheme(_ bin: String, _ scheme: CardScheme) {
        #expect(CardScheme(pan: bin) == scheme)
        #expect(CardScheme(pan: bin + "0000000000") == scheme)
    }

    @Test(arguments: ["2199", "2200", "2204", "2205", "2220", "2221", "2720", "2721", "81", "65", "62"])
    func fourDigitBoundariesMatchTheSixDigitOnes(_ prefix: String) {
        let padded = prefix + String(repeating: "0", count: 6 - prefix.count)
        #expect(CardScheme(pan: prefix + "0000000000") == CardScheme(pan: padded))
    }

    @Test func mirBoundariesAreExact() {
        #expect(CardScheme(pan: "2199000000000000") != .mir)
        #expect(CardScheme(pan: "2200000000000000") == .mir)
        #expect(CardScheme(pan: "2204000000000000") == .mir)
        #expect(CardScheme(pan: "2205000000000000") != .mir)
    }

    @Test func mastercardTwoSeriesBoundariesAreExact() {
        #expect(CardScheme(pan: "2220990000000000") != .mastercard)
        #expect(CardScheme(pan: "2221000000000000") == .mastercard)
        #expect(CardScheme(pan: "2720990000000000") == .mastercard)
        #expect(CardScheme(pan: "2721000000000000") != .mastercard)
    }

    @Test(arguments: ["", "abcd", "22a0", "-220"])
    func textWithoutLeadingDigitsIsUnknown(_ text: String) {
        #expect(CardScheme(pan: text) == .unknown)
    }

    @Test func everySchemeHasADisplayName() {
        for scheme in CardScheme.allCases {
            #expect(!scheme.displayName.isEmpty)
        }
        #expect(CardScheme.mir.displayName == "Mir")
        #expect(CardScheme.unionPay.displayName == "UnionPay")
    }
}
