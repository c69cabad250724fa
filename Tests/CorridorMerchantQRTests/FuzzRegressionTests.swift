import CorridorCore
import CorridorMerchantQR
import Foundation
import Testing

/// Inputs the fuzz targets of Tools/fuzz.sh found, each pinned as the rule it broke. The same inputs are kept under
/// `Tools/Fuzz/regressions/<target>/` and replayed by ``FuzzCorpusReplayTests``.
@Suite("Fuzz regressions: merchant QR")
struct MerchantQRFuzzRegressionTests {
    /// `sbp-link`, crash-5b6fd13e…: the decoder splits a pair at its first `=`, so `trc=4C8nk=100000A` is the
    /// parameter `trc` with the value `4C8nk=100000A`; the encoder refused any `=` in a value, so a link it had
    /// decoded could not be written back.
    @Test func sbpParameterValueWithEqualsSignRoundTrips() throws {
        let link = "https://qr.nspk.ru/AD10006PTORDPC5D98HPT12HV37MMQ6G?type=02&bank=100000000284&sum=15590000"
            + "&cur=RUB&trc=4C8nk=100000A"
        let decoded = try SBPLink(decoding: link)
        #expect(decoded.otherParameters == [MerchantQRObject(path: "trc", value: "4C8nk=100000A")])
        let encoded = try decoded.encoded()
        #expect(encoded.hasPrefix(link + "&crc="))
        #expect(try SBPLink(decoding: encoded) == decoded)
    }

    /// `sbp-link`, crash-0350fa51…: a scanned link of 2,041 bytes without its `crc` decoded, but the encoder adds
    /// `&crc=XXXX`, and the 2,050-byte link it wrote was over the decoder's 2,048-byte limit. The limit now holds for
    /// the link as written: up to 2,048 bytes with the crc decodes and round-trips, one byte more is refused.
    @Test(arguments: [(2_039, true), (2_040, false)])
    func sbpLinkMustFitTheLimitWithItsCRC(lengthWithoutCRC: Int, accepted: Bool) throws {
        let head = "https://qr.nspk.ru/AS10003P3RH0LJ2A9ROO038L6NT5RU1M?type=01&bank=100000000001&note="
        let link = head + String(repeating: "x", count: lengthWithoutCRC - head.utf8.count)
        #expect(link.utf8.count == lengthWithoutCRC)
        guard accepted else {
            #expect(throws: MerchantQRError.sbpInvalidField(
                field: "link", offset: 0, reason: "longer than 2048 bytes once written with its crc and currency")) {
                try SBPLink(decoding: link)
            }
            return
        }
        let decoded = try SBPLink(decoding: link)
        let encoded = try decoded.encoded()
        #expect(encoded.utf8.count == SBPLink.byteCountMax)
        #expect(try SBPLink(decoding: encoded) == decoded)
    }

    /// The encoder still refuses parameters the decoder would read differently.
    @Test(arguments: [
        MerchantQRObject(path: "a=b", value: "1"), MerchantQRObject(path: "a&b", value: "1"),
        MerchantQRObject(path: "x", value: "1&sum=2"), MerchantQRObject(path: "", value: "1"),
        MerchantQRObject(path: "crc", value: "ABCD"),
    ])
    func sbpParameterTheDecoderWouldSplitIsRefused(_ parameter: MerchantQRObject) {
        let link = SBPLink(identifier: "AS10003P3RH0LJ2A9ROO038L6NT5RU1M", type: .staticLink,
                           bankMemberIdentifier: "100000000001", otherParameters: [parameter])
        #expect(throws: MerchantQRError.self) { try link.encoded() }
    }
}
