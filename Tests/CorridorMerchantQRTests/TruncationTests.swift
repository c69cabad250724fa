import CorridorTesting
import CorridorMerchantQR
import Testing

/// Decoders fed every prefix of a valid payload fail with a typed error and never crash.
@Suite("Truncated payloads")
struct TruncationTests {
    @Test(arguments: SampleFiles.published)
    func everyProperPrefixFailsWithATypedError(_ sample: PublishedMerchantQRSample) {
        let scalars = Array(sample.payload.unicodeScalars)
        for length in 0..<scalars.count {
            var prefix = String.UnicodeScalarView()
            prefix.append(contentsOf: scalars[..<length])
            let text = String(prefix)
            // A GOST prefix that ends between pairs is itself a complete payload, and so is an SBP prefix that
            // stops before "&crc=" (the crc is optional); any other prefix must fail.
            if let decoded = try? MerchantQRDecoder.decode(text, validation: .structural) {
                let completeSBP = decoded.format == .sbp && !text.contains("&crc=")
                #expect(decoded.format == .gost || completeSBP, "prefix \(length) of \(sample.name) decoded")
            }
        }
    }

    @Test func everyByteOfAPayloadAtATimeNeverCrashesTheByteDecoder() {
        let bytes = Array(validPayload.utf8)
        for length in 0...bytes.count {
            let decoded = try? MerchantQRDecoder.decode(bytes: Array(bytes[..<length]))
            if length < bytes.count { #expect(decoded == nil) }
        }
        #expect((try? MerchantQRDecoder.decode(bytes: bytes)) != nil)
    }
}
