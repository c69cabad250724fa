import CorridorCore
import Testing

@Suite("ISO 18245 merchant category codes")
struct MerchantCategoryCodeTests {
    @Test(arguments: [("5812", 5812), ("0742", 742), ("0000", 0), ("9999", 9999), ("4111", 4111)])
    func fourDigitTextParses(_ text: String, _ code: Int) throws {
        let mcc = try #require(MerchantCategoryCode(text: text))
        #expect(mcc.code == code)
        #expect(mcc.text == text)
    }

    @Test(arguments: ["581", "58a2", "12345", "", " 581", "581 ", "-581", "+581", "5 12", "５８１２", "0x12"])
    func textThatIsNotExactlyFourASCIIDigitsIsRejected(_ text: String) {
        #expect(MerchantCategoryCode(text: text) == nil)
    }

    @Test(arguments: [-1, 10_000, Int.max, Int.min])
    func numberOutsideZeroToNineThousandNineHundredNinetyNineIsRejected(_ code: Int) {
        #expect(MerchantCategoryCode(code) == nil)
    }

    @Test(arguments: [(742, "0742"), (5, "0005"), (0, "0000"), (5812, "5812")])
    func textIsPaddedToFourDigits(_ code: Int, _ text: String) throws {
        let mcc = try #require(MerchantCategoryCode(code))
        #expect(mcc.text == text)
        #expect("\(mcc)" == text)
    }

    @Test(arguments: [
        (5812, "Restaurant", MerchantCategoryGroup.food),
        (7011, "Hotel", .lodging),
        (4111, "Commuter", .transport),
        (4511, "Airline", .travel),
    ])
    func commonCodesHaveTheirNames(_ code: Int, _ word: String, _ group: MerchantCategoryGroup) throws {
        let mcc = try #require(MerchantCategoryCode(code))
        let name = try #require(mcc.name)
        #expect(name.contains(word))
        #expect(mcc.entry?.group == group)
    }

    @Test func codeMissingFromTheTableIsStillValidWithoutAName() throws {
        let mcc = try #require(MerchantCategoryCode(text: "0001"))
        #expect(mcc.name == nil)
        #expect(mcc.entry == nil)
    }

    @Test func knownCodesAreUnique() {
        let codes = MerchantCategoryCode.known.map(\.code)
        #expect(Set(codes).count == codes.count)
    }

    @Test func knownCodesAreInRangeSortedAndNamed() {
        for entry in MerchantCategoryCode.known {
            #expect((0...9999).contains(entry.code), "\(entry.code)")
            #expect(!entry.name.isEmpty, "\(entry.code)")
            #expect(MerchantCategoryCode(entry.code)?.name == entry.name)
        }
        let codes = MerchantCategoryCode.known.map(\.code)
        #expect(codes == codes.sorted())
    }

    @Test(arguments: [MerchantCategoryGroup.retail, .travel, .transport, .lodging])
    func tableCoversTheGroupsTheIssueAsksFor(_ group: MerchantCategoryGroup) {
        #expect(MerchantCategoryCode.known.filter { $0.group == group }.count >= 3)
    }

    @Test func codesOrderByNumber() throws {
        let low = try #require(MerchantCategoryCode(742))
        let high = try #require(MerchantCategoryCode(5812))
        #expect(low < high)
        #expect([high, low].sorted() == [low, high])
    }
}
