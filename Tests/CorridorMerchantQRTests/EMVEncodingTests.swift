import CorridorCore
import CorridorMerchantQR
import Testing

/// The encoder writes into stack scratch space and moves to the heap when a payload outgrows it.
@Suite("EMV encoding")
struct EMVEncodingTests {
    /// A merchant with `count` unreserved templates of 99 characters each in tags 80–99.
    static func merchant(withTemplates count: Int) throws -> MerchantPresentedQR {
        var qr = try RandomMerchant.base()
        qr.otherObjects = try (0..<count).map { index in
            try EMVDataObject(id: UInt8(80 + index), value: String(repeating: "S", count: 99))
        }
        return qr
    }

    @Test(arguments: [0, 3, 4, 5, 9, 20])
    func payloadsLongerThanTheScratchSpaceEncodeAndDecode(_ templateCount: Int) throws {
        let merchant = try EMVEncodingTests.merchant(withTemplates: templateCount)
        let payload = try merchant.encoded()
        #expect(payload.utf8.count > templateCount * 103)
        #expect(try MerchantPresentedQR(decoding: payload) == merchant)
        #expect(try EMVPayload(decoding: payload).text == payload)
    }

    @Test func aValueBreakingItsRuleIsNamedWithItsTagPath() throws {
        var merchant = try RandomMerchant.base()
        merchant.additionalData = AdditionalDataField(terminalLabel: String(repeating: "T", count: 26))
        #expect(throws: MerchantQRError.cannotEncode(tag: "62.07", reason: "value is 26 characters, at most 25")) {
            try merchant.encoded()
        }
        merchant.additionalData = nil
        merchant.alternateLanguage = MerchantInformationLanguage(languagePreference: "Z1", merchantName: "北京")
        #expect(throws: MerchantQRError.cannotEncode(
            tag: "64.00", reason: "value holds a character outside its character set")) {
            try merchant.encoded()
        }
    }

    /// The encoder formats tag 54 without a `String`; it must write exactly `Money.decimalText`, or refuse it when
    /// that is longer than 13 characters.
    @Test func encodedAmountsSpellDecimalText() throws {
        let base = try RandomMerchant.base()
        for currency in [Currency.jpy, .rub, .kwd] {
            for minorUnits: Int64 in [0, 1, 9, 10, 99, 100, 101, 12_345, 999_999_999_999, 9_999_999_999_999, .max] {
                let money = Money(minorUnits: minorUnits, currency: currency)
                let expected = money.decimalText
                do throws(MerchantQRError) {
                    let payload = try EMVPayload(decoding: base.withAmount(money).encoded())
                    #expect(payload[54]?.value == expected)
                } catch {
                    #expect(expected.utf8.count > MerchantPresentedQR.amountTextLengthMax)
                    #expect(error == .cannotEncode(tag: "54", reason: "value is \(expected.utf8.count) characters, at most 13"))
                }
            }
        }
    }
}
