import CorridorCore
import Foundation
import Testing

@Suite("ISO 4217 currencies")
struct CurrencyTests {
    /// Figures from the ISO 4217 list (table A.1), typed in here rather than read from the table under test.
    struct Expected: Sendable, CustomTestStringConvertible {
        let alphaCode: String
        let numericCode: Int
        let exponent: Int
        var testDescription: String { alphaCode }
    }

    static let published: [Expected] = [
        .init(alphaCode: "JPY", numericCode: 392, exponent: 0),
        .init(alphaCode: "RUB", numericCode: 643, exponent: 2),
        .init(alphaCode: "CNY", numericCode: 156, exponent: 2),
        .init(alphaCode: "KWD", numericCode: 414, exponent: 3),
        .init(alphaCode: "BHD", numericCode: 48, exponent: 3),
        .init(alphaCode: "USD", numericCode: 840, exponent: 2),
        .init(alphaCode: "EUR", numericCode: 978, exponent: 2),
        .init(alphaCode: "AUD", numericCode: 36, exponent: 2),
        .init(alphaCode: "HKD", numericCode: 344, exponent: 2),
        .init(alphaCode: "KRW", numericCode: 410, exponent: 0),
        .init(alphaCode: "ISK", numericCode: 352, exponent: 0),
        .init(alphaCode: "VND", numericCode: 704, exponent: 0),
        .init(alphaCode: "OMR", numericCode: 512, exponent: 3),
        .init(alphaCode: "JOD", numericCode: 400, exponent: 3),
        .init(alphaCode: "TND", numericCode: 788, exponent: 3),
        .init(alphaCode: "KZT", numericCode: 398, exponent: 2),
    ]

    @Test func tableHoldsAtLeastOneHundredFiftyActiveCurrencies() {
        #expect(Currency.all.count >= 150)
    }

    @Test(arguments: published)
    func publishedCodesAndExponentsMatch(_ expected: Expected) throws {
        let byAlpha = try #require(Currency(alphaCode: expected.alphaCode))
        #expect(byAlpha.numericCode == expected.numericCode)
        #expect(byAlpha.exponent == expected.exponent)
        let byNumeric = try #require(Currency(numericCode: expected.numericCode))
        #expect(byNumeric.alphaCode == expected.alphaCode)
    }

    @Test func clfHasExponentFourWhenPresent() {
        guard let clf = Currency(alphaCode: "CLF") else { return }
        #expect(clf.exponent == 4)
        #expect(clf.numericCode == 990)
        #expect(clf.minorUnitsPerMajor == 10_000)
    }

    @Test func staticConstantsAreTheTableRows() {
        #expect(Currency.rub.numericCode == 643)
        #expect(Currency.cny.numericCode == 156)
        #expect(Currency.usd.numericCode == 840)
        #expect(Currency.eur.numericCode == 978)
        #expect(Currency.jpy.exponent == 0)
        #expect(Currency.kwd.exponent == 3)
        #expect(Currency.hkd.numericCode == 344)
    }

    @Test(arguments: ["rub", "Rub", "rUB", "RUB"])
    func alphaLookupIgnoresCase(_ code: String) {
        #expect(Currency(alphaCode: code) == .rub)
    }

    @Test(arguments: [("643", "RUB"), ("156", "CNY"), ("036", "AUD"), ("008", "ALL"), ("392", "JPY")])
    func numericTextLooksUpTheCurrency(_ text: String, _ alphaCode: String) {
        #expect(Currency(numericText: text)?.alphaCode == alphaCode)
    }

    @Test(arguments: ["36", "0036", " 36", "+36", "-36", "3 6", "abc", "", "999", "000", "６４３"])
    func numericTextThatIsNotThreeDigitsOfAKnownCodeIsRejected(_ text: String) {
        #expect(Currency(numericText: text) == nil)
    }

    @Test(arguments: ["XXX", "ABC", "", "RU", "RUBB", "R B", "RU1"])
    func unknownAlphaCodeGivesNil(_ code: String) {
        #expect(Currency(alphaCode: code) == nil)
    }

    @Test(arguments: [0, -1, 999, 1000, 643_000])
    func unknownNumericCodeGivesNil(_ code: Int) {
        #expect(Currency(numericCode: code) == nil)
    }

    @Test func everyAlphaCodeIsUnique() {
        let codes = Currency.all.map(\.alphaCode)
        #expect(Set(codes).count == codes.count)
    }

    @Test func everyNumericCodeIsUnique() {
        var seen: [Int: String] = [:]
        for currency in Currency.all {
            if let earlier = seen[currency.numericCode] {
                Issue.record("\(currency.alphaCode) and \(earlier) share numeric code \(currency.numericCode)")
            }
            seen[currency.numericCode] = currency.alphaCode
        }
    }

    @Test func everyRowMeetsTheGuarantees() {
        for currency in Currency.all {
            let letters = currency.alphaCode.utf8
            #expect(letters.count == 3 && letters.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }, "\(currency.alphaCode)")
            #expect((1...999).contains(currency.numericCode), "\(currency.alphaCode)")
            #expect((0...4).contains(currency.exponent), "\(currency.alphaCode)")
            #expect(!currency.name.isEmpty, "\(currency.alphaCode)")
        }
    }

    @Test func everyRowIsFoundByEachOfItsCodes() {
        for currency in Currency.all {
            #expect(Currency(alphaCode: currency.alphaCode)?.numericCode == currency.numericCode)
            #expect(Currency(alphaCode: currency.alphaCode.lowercased()) == currency)
            #expect(Currency(numericCode: currency.numericCode) == currency)
            #expect(Currency(numericText: currency.numericText) == currency)
        }
    }

    @Test(arguments: [("AUD", "036"), ("ALL", "008"), ("BHD", "048"), ("RUB", "643")])
    func numericTextIsPaddedToThreeDigits(_ alphaCode: String, _ text: String) throws {
        let currency = try #require(Currency(alphaCode: alphaCode))
        #expect(currency.numericText == text)
    }

    @Test(arguments: [("JPY", Int64(1)), ("RUB", 100), ("KWD", 1_000)])
    func minorUnitsPerMajorIsTenToTheExponent(_ alphaCode: String, _ expected: Int64) throws {
        #expect(try #require(Currency(alphaCode: alphaCode)).minorUnitsPerMajor == expected)
    }

    @Test func equalityFollowsTheTableEntry() throws {
        #expect(try #require(Currency(alphaCode: "rub")) == .rub)
        #expect(try #require(Currency(numericCode: 643)) == .rub)
        #expect(Set([Currency(alphaCode: "RUB"), Currency(numericText: "643"), .rub]).count == 1)
        #expect(Currency.rub != .cny)
        #expect("\(Currency.rub)" == "RUB")
    }

    @Test func orderFollowsTheAlphabeticCode() {
        #expect(Currency.all == Currency.all.sorted())
        #expect(Currency.all.map(\.alphaCode) == Currency.all.map(\.alphaCode).sorted())
        #expect(Currency.cny < .rub)
    }

    @Test func currencyCodesAsItsAlphaCode() throws {
        let json = try JSONEncoder().encode([Currency.rub, .jpy])
        #expect(String(decoding: json, as: UTF8.self) == #"["RUB","JPY"]"#)
        #expect(try JSONDecoder().decode([Currency].self, from: json) == [.rub, .jpy])
    }

    @Test(arguments: [#"["XXX"]"#, #"["rubles"]"#, #"[643]"#])
    func decodingAnUnknownCurrencyFails(_ json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Currency].self, from: Data(json.utf8))
        }
    }

    @Test(arguments: ["ısk", "ſek", "ıdr"])
    func nonASCIILettersNeverMatchACode(_ code: String) {
        // `uppercased()` maps dotless ı to I and long ſ to S; a lookup must not let non-ASCII text find ISK, SEK, IDR.
        #expect(Currency(alphaCode: code) == nil)
    }
}
