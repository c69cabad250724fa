import CorridorCore
import Testing

@Suite("ISO 3166-1 countries")
struct CountryTests {
    /// Codes from ISO 3166-1, typed in here rather than read from the table under test.
    static let published: [(alpha2: String, alpha3: String, numeric: Int)] = [
        ("RU", "RUS", 643),
        ("CN", "CHN", 156),
        ("US", "USA", 840),
        ("JP", "JPN", 392),
        ("DE", "DEU", 276),
        ("KZ", "KAZ", 398),
        ("HK", "HKG", 344),
        ("AU", "AUS", 36),
        ("AF", "AFG", 4),
    ]

    @Test func tableHoldsEveryAssignedCountry() {
        // ISO 3166-1 assigns 249 codes; a few more or less after a revision is fine, a half-empty table is not.
        #expect(Country.all.count >= 240)
    }

    @Test(arguments: published)
    func codesAgreeWithTheStandard(_ row: (alpha2: String, alpha3: String, numeric: Int)) throws {
        let byAlpha2 = try #require(Country(code: row.alpha2))
        #expect(byAlpha2.alpha3 == row.alpha3)
        #expect(byAlpha2.numericCode == row.numeric)
        #expect(Country(code: row.alpha3) == byAlpha2)
        #expect(Country(numericCode: row.numeric) == byAlpha2)
        #expect(Country(code: row.alpha2.lowercased()) == byAlpha2)
        #expect(Country(code: row.alpha3.lowercased()) == byAlpha2)
    }

    @Test func russiaAndChinaConstantsHoldTheirCodes() {
        #expect(Country.russia.alpha2 == "RU")
        #expect(Country.russia.alpha3 == "RUS")
        #expect(Country.russia.numericCode == 643)
        #expect(Country.china.alpha2 == "CN")
        #expect(Country.china.alpha3 == "CHN")
        #expect(Country.china.numericCode == 156)
        #expect("\(Country.russia)" == "RU")
    }

    @Test(arguments: ["XX", "ZZZ", "", "R", "RUSS", "R1", "12"])
    func unknownCodeGivesNil(_ code: String) {
        #expect(Country(code: code) == nil)
    }

    @Test(arguments: [0, -1, 999, 1000])
    func unknownNumericCodeGivesNil(_ code: Int) {
        #expect(Country(numericCode: code) == nil)
    }

    @Test func everyAlpha2IsUnique() {
        let codes = Country.all.map(\.alpha2)
        #expect(Set(codes).count == codes.count)
    }

    @Test func everyAlpha3IsUnique() {
        let codes = Country.all.map(\.alpha3)
        #expect(Set(codes).count == codes.count)
    }

    @Test func everyNumericCodeIsUnique() {
        let codes = Country.all.map(\.numericCode)
        #expect(Set(codes).count == codes.count)
    }

    @Test func everyRowMeetsTheGuaranteesAndIsFoundByEachCode() {
        func isUppercaseASCII(_ text: String, count: Int) -> Bool {
            text.utf8.count == count && text.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
        }
        for country in Country.all {
            #expect(isUppercaseASCII(country.alpha2, count: 2), "\(country.alpha2)")
            #expect(isUppercaseASCII(country.alpha3, count: 3), "\(country.alpha3)")
            #expect((1...999).contains(country.numericCode), "\(country.alpha2)")
            #expect(Country(code: country.alpha2)?.alpha3 == country.alpha3)
            #expect(Country(code: country.alpha3)?.alpha2 == country.alpha2)
            #expect(Country(numericCode: country.numericCode)?.alpha2 == country.alpha2)
        }
    }

    @Test(arguments: ["ıt", "ſe", "ıdn"])
    func nonASCIILettersNeverMatchACode(_ code: String) {
        // `uppercased()` maps dotless ı to I and long ſ to S; a lookup must not let non-ASCII text find IT, SE, IDN.
        #expect(Country(code: code) == nil)
    }
}
