import CorridorCore
@testable import CorridorMerchantQR
import CorridorTesting
import Testing

/// The one-pass scanner may only accept what the general reader accepts, and read it the same way: every input
/// decodes to the same value, or fails with the same error, with and without it.
@Suite("EMV valid-payload scanner agrees with the general reader")
struct ValidPayloadScannerTests {
    static func decode(_ text: String) -> Result<MerchantPresentedQR, MerchantQRError> {
        do throws(MerchantQRError) { return .success(try MerchantPresentedQR(decoding: text)) } catch {
            return .failure(error)
        }
    }

    static func decodeGenerally(_ text: String) -> Result<MerchantPresentedQR, MerchantQRError> {
        do throws(MerchantQRError) { return .success(try MerchantPresentedQR(generalDecoding: text)) } catch {
            return .failure(error)
        }
    }

    /// Checks `text` and, when the scanner accepts it, that the general reader accepts it too.
    static func check(_ text: String) {
        #expect(decode(text) == decodeGenerally(text), "\(text)")
        var source = text
        let scanned = source.withUTF8 { EMVValidPayloadScanner(text: text, bytes: $0).scan() }
        if scanned != nil {
            #expect((try? MerchantPresentedQR(generalDecoding: text)) != nil, "\(text)")
        }
    }

    @Test func randomAndMutatedPayloadsDecodeAlikeWithAndWithoutTheScanner() throws {
        var random = SeededRandom(seed: 0x5CA7)
        let replacements: [Character] = ["0", "1", "3", "6", "9", "A", "a", "f", ".", " ", "\u{7}", "é", "北", "\u{85}"]
        for _ in 0..<2_000 {
            let payload = try RandomMerchant.make(&random).encoded()
            ValidPayloadScannerTests.check(payload)
            var body = Array(payload.dropLast(8))
            let position = Int(random.next() % UInt64(body.count))
            body[position] = replacements[Int(random.next() % UInt64(replacements.count))]
            ValidPayloadScannerTests.check(withCRC(String(body)))
            ValidPayloadScannerTests.check(String(body) + "6304" + "0000")
            // A character dropped or doubled shifts every length after it.
            var shifted = Array(payload.dropLast(8))
            if random.next() % 2 == 0 { shifted.remove(at: position) } else { shifted.insert(body[position], at: position) }
            ValidPayloadScannerTests.check(withCRC(String(shifted)))
        }
    }

    @Test func malformedInputsAndPublishedSamplesDecodeAlike() {
        for malformed in MalformedInputTests.cases {
            ValidPayloadScannerTests.check(malformed.input)
        }
        for sample in SampleFiles.published where sample.format == "emv" {
            ValidPayloadScannerTests.check(sample.payload)
        }
    }

    @Test func theScannerAcceptsTheBenchmarkMixOfPayloads() throws {
        var random = SeededRandom(seed: 0xBE4C)
        for _ in 0..<200 {
            let payload = try RandomMerchant.make(&random).encoded()
            var source = payload
            let scanned = source.withUTF8 { EMVValidPayloadScanner(text: payload, bytes: $0).scan() }
            #expect(scanned != nil, "\(payload)")
        }
    }
}
