import CorridorTesting
import CorridorCore
import CorridorMerchantQR
import Testing

/// `MerchantPresentedQR(decoding:)` checks byte ranges on its hot path; `MerchantPresentedQR(payload:)` checks the
/// decoded `EMVPayload`. Both must give the same value or the same error, offset and tag for every input.
@Suite("Both EMV decoding paths agree")
struct DecodingPathEquivalenceTests {
    static func viaText(_ text: String) -> Result<MerchantPresentedQR, MerchantQRError> {
        do throws(MerchantQRError) { return .success(try MerchantPresentedQR(decoding: text)) } catch {
            return .failure(error)
        }
    }

    static func viaPayload(_ text: String) -> Result<MerchantPresentedQR, MerchantQRError> {
        do throws(MerchantQRError) { return .success(try MerchantPresentedQR(payload: EMVPayload(decoding: text))) }
        catch { return .failure(error) }
    }

    static func expectSame(_ text: String) {
        #expect(viaText(text) == viaPayload(text), "\(text)")
    }

    @Test func publishedSamplesAndEveryPrefixDecodeAlikeOnBothPaths() {
        for sample in SampleFiles.published where sample.format == "emv" {
            let scalars = Array(sample.payload.unicodeScalars)
            for length in 0...scalars.count {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[0..<length])
                DecodingPathEquivalenceTests.expectSame(String(view))
            }
        }
    }

    @Test func malformedInputsFailAlikeOnBothPaths() {
        for malformed in MalformedInputTests.cases {
            DecodingPathEquivalenceTests.expectSame(malformed.input)
        }
    }

    /// Random merchants with one character replaced and the CRC recomputed, so that typed validation sees them.
    @Test func mutatedRandomPayloadsDecodeAlikeOnBothPaths() throws {
        var random = SeededRandom(seed: 0xFEED)
        let replacements: [Character] = ["0", "1", "2", "5", "9", "A", "a", "Z", ".", " ", "\u{7}", "é", "北", "\u{85}"]
        for _ in 0..<2_000 {
            let payload = try RandomMerchant.make(&random).encoded()
            DecodingPathEquivalenceTests.expectSame(payload)
            var body = Array(payload.dropLast(8))
            let position = Int(random.next() % UInt64(body.count))
            body[position] = replacements[Int(random.next() % UInt64(replacements.count))]
            DecodingPathEquivalenceTests.expectSame(withCRC(String(body)))
            DecodingPathEquivalenceTests.expectSame(String(body) + "6304" + "0000")
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
