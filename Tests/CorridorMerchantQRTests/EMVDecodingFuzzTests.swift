import CorridorCore
import CorridorMerchantQR
import CorridorTesting
import Testing

/// Every input either decodes to a value that survives encode → decode (when it encodes), or fails with a typed error that names a
/// tag and an offset inside the payload; `init(payload:)` agrees with `init(decoding:)`.
@Suite("EMV decoding of mutated and truncated payloads")
struct EMVDecodingFuzzTests {
    static func decode(_ text: String) -> Result<MerchantPresentedQR, MerchantQRError> {
        do throws(MerchantQRError) { return .success(try MerchantPresentedQR(decoding: text)) } catch {
            return .failure(error)
        }
    }

    static func check(_ text: String) {
        let decoded = decode(text)
        switch decoded {
        case .success(let value):
            // The encoder is stricter than the decoder in two places (an amount that needs more than 13 characters
            // with the currency's fraction digits, sub-ID 00 in tag 62): such values do not re-encode.
            if let payload = try? value.encoded() {
                #expect(decode(payload) == .success(value), "\(text)")
            }
        case .failure(let error):
            if error != .empty {
                #expect(error.tag != nil, "\(error)")
                let offset = error.offset ?? -1
                #expect(offset >= 0 && offset <= text.unicodeScalars.count, "\(error)")
            }
        }
        do throws(MerchantQRError) {
            let payload = try EMVPayload(decoding: text)
            let viaPayload: Result<MerchantPresentedQR, MerchantQRError>
            do throws(MerchantQRError) { viaPayload = .success(try MerchantPresentedQR(payload: payload)) } catch {
                viaPayload = .failure(error)
            }
            #expect(viaPayload == decoded, "\(text)")
        } catch {
            // A structural error: the typed decoder must report the same one.
            #expect(decoded == .failure(error), "\(text)")
        }
    }

    @Test func everyPrefixOfAPublishedSampleDecodesOrFailsWithATypedError() {
        for sample in SampleFiles.published where sample.format == "emv" {
            let scalars = Array(sample.payload.unicodeScalars)
            for length in 0...scalars.count {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[0..<length])
                EMVDecodingFuzzTests.check(String(view))
            }
        }
    }

    @Test func malformedInputsFailTheSameWayOnBothEntryPoints() {
        for malformed in MalformedInputTests.cases where malformed.code != "empty" {
            EMVDecodingFuzzTests.check(malformed.input)
        }
    }

    /// Random merchants with one character replaced, with the CRC recomputed (so that the typed rules see them) and
    /// without.
    @Test func mutatedRandomPayloadsDecodeOrFailWithATypedError() throws {
        var random = SeededRandom(seed: 0xFEED)
        let replacements: [Character] = ["0", "1", "2", "5", "9", "A", "a", "Z", ".", " ", "\u{7}", "é", "北", "\u{85}"]
        for _ in 0..<2_000 {
            let payload = try RandomMerchant.make(&random).encoded()
            EMVDecodingFuzzTests.check(payload)
            var body = Array(payload.dropLast(8))
            let position = Int(random.next() % UInt64(body.count))
            body[position] = replacements[Int(random.next() % UInt64(replacements.count))]
            EMVDecodingFuzzTests.check(withCRC(String(body)))
            EMVDecodingFuzzTests.check(String(body) + "6304" + "0000")
        }
    }
}
