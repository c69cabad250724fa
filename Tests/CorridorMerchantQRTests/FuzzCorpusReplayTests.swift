import CorridorCore
import CorridorMerchantQR
import CorridorTesting
import Foundation
import Testing

/// Replays the kept fuzz inputs of `emv-mpm`, `sbp-link` and `gost` through the same parsers and the same rules as
/// the fuzz targets (Tools/Fuzz/…/main.swift), so `swift test` keeps them checked without libFuzzer. An input the
/// parser rejects passes; one it accepts must survive decode → encode → decode unchanged.
@Suite("Fuzz corpus replay: merchant QR")
struct MerchantQRFuzzCorpusReplayTests {
    @Test func everyMerchantQRTargetKeepsInputs() {
        for target in ["emv-mpm", "sbp-link", "gost"] {
            #expect(!FuzzReplayInput.all(target).isEmpty, "no kept inputs for \(target)")
        }
    }

    @Test(arguments: FuzzReplayInput.all("emv-mpm"))
    func emvInputKeepsTheDecoderRules(_ input: FuzzReplayInput) throws {
        _ = try? MerchantQRDecoder.decode(bytes: input.bytes, validation: .structural)
        guard let text = String(validating: input.bytes, as: UTF8.self) else { return }
        let payload = try? EMVPayload(decoding: text)
        let payloadFromBytes = input.bytes.withUnsafeBufferPointer { try? EMVPayload(decodingUTF8: $0) }
        #expect(payload == payloadFromBytes)
        if let payload { #expect(try EMVPayload(decoding: payload.text).objects == payload.objects) }
        guard let qr = try? MerchantPresentedQR(decoding: text) else { return }
        #expect(payload != nil, "the typed decoder accepted a payload EMVPayload rejects")
        let encoded = try qr.encoded()
        let again = try MerchantPresentedQR(decoding: encoded)
        #expect(again == qr)
        #expect(try again.encoded() == encoded)
    }

    @Test(arguments: FuzzReplayInput.all("sbp-link"))
    func sbpInputRoundTrips(_ input: FuzzReplayInput) throws {
        guard let text = String(validating: input.bytes, as: UTF8.self), let link = try? SBPLink(decoding: text) else {
            return
        }
        let encoded = try link.encoded()
        let again = try SBPLink(decoding: encoded)
        #expect(again == link)
        #expect(try again.encoded() == encoded)
    }

    @Test(arguments: FuzzReplayInput.all("gost"))
    func gostInputRoundTrips(_ input: FuzzReplayInput) throws {
        if let order = try? GOSTPaymentOrder(decoding: input.bytes) {
            let encoded = try order.encoded()
            let again = try GOSTPaymentOrder(decoding: encoded)
            #expect(again == order)
            #expect(try again.encoded() == encoded)
        }
        if let text = String(validating: input.bytes, as: UTF8.self),
            let order = try? GOSTPaymentOrder(decoding: text)
        {
            let encoded = try order.encodedText()
            let again = try GOSTPaymentOrder(decoding: encoded)
            #expect(again == order)
            #expect(try again.encodedText() == encoded)
        }
    }
}
