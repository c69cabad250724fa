import CorridorCore
import CorridorMerchantQR
import Testing

/// The typed value shares its parts between copies; it must still behave as a plain value.
@Suite("MerchantPresentedQR value semantics")
struct MerchantPresentedQRValueTests {
    @Test func settingAPropertyOnACopyLeavesTheOriginalAlone() throws {
        let original = try RandomMerchant.base()
        var copy = original
        copy.merchantName = "OTHER"
        copy.additionalData = AdditionalDataField(referenceLabel: "***")
        #expect(original.merchantName == "CAFE NEVSKY")
        #expect(original.additionalData == nil)
        #expect(copy != original)
        copy.merchantName = original.merchantName
        copy.additionalData = nil
        #expect(copy == original)
        #expect(copy.hashValue == original.hashValue)
    }

    @Test func withAmountMakesADynamicCodeAndKeepsTheOriginalStatic() throws {
        let original = try RandomMerchant.base()
        let dynamic = original.withAmount(Money(minorUnits: 12_345, currency: .rub))
        #expect(original.pointOfInitiation == .staticQR && original.amount == nil)
        #expect(dynamic.pointOfInitiation == .dynamicQR && dynamic.amount?.minorUnits == 12_345)
    }

    @Test func describingAValueListsItsFields() throws {
        let text = String(describing: try RandomMerchant.base())
        #expect(text.hasPrefix("MerchantPresentedQR(pointOfInitiation: "))
        #expect(text.contains("merchantName: \"CAFE NEVSKY\""))
    }
}
