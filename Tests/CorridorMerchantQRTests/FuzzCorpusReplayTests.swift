import CorridorCore
import CorridorMerchantQR
import Foundation
import Testing

/// One file kept for a fuzz target: a regression input (`Tools/Fuzz/regressions/<target>/`) or a hand-picked seed
/// (`Tools/Fuzz/seeds/<target>/`).
struct FuzzReplayInput: Sendable, CustomStringConvertible {
    /// `<target>/<kind>/<file name>`.
    let name: String
    let bytes: [UInt8]

    var description: String { name }

    /// `Tools/Fuzz`, found from this file's path so tests run from any working directory.
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CorridorMerchantQRTests/
        .deletingLastPathComponent()  // Tests/
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Tools/Fuzz")

    /// Every regression input and seed kept for `target`, in name order.
    static func all(_ target: String) -> [FuzzReplayInput] {
        ["regressions", "seeds"].flatMap { kind -> [FuzzReplayInput] in
            let folder = fuzzDirectory.appendingPathComponent(kind).appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { !$0.hasSuffix(".md") }.sorted().compactMap { name in
                guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return nil }
                return FuzzReplayInput(name: "\(target)/\(kind)/\(name)", bytes: Array(data))
            }
        }
    }
}

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
