// Fuzz target `emv-mpm`: EMVCo merchant-presented QR decoding (DESIGN.md §3), built by Tools/fuzz.sh.
//
// Rules checked on every input, besides "never crash":
// - the two TLV entry points (`String` and UTF-8 bytes) agree;
// - a payload the typed decoder accepts is structurally valid (structure and CRC are checked first);
// - the one-pass scanner and the general reader agree whenever the scanner accepts;
// - decode → encode → decode gives the same value, and encoding that value again gives the same text;
// - TLV decode → text → decode gives the same data objects.
import CorridorCore
@testable import CorridorMerchantQR

enum FuzzTarget {
    static func test(_ input: [UInt8]) {
        _ = try? MerchantQRDecoder.decode(bytes: input, validation: .structural)
        guard let text = String(validating: input, as: UTF8.self) else { return }

        let payload = try? EMVPayload(decoding: text)
        let payloadFromBytes = input.withUnsafeBufferPointer { try? EMVPayload(decodingUTF8: $0) }
        guard payload == payloadFromBytes else {
            fuzzFailure("EMVPayload(decoding:) and EMVPayload(decodingUTF8:) disagree", input: input,
                        detail: "\(String(describing: payload)) vs \(String(describing: payloadFromBytes))")
        }
        if let payload {
            let reread: EMVPayload
            do { reread = try EMVPayload(decoding: payload.text) } catch {
                fuzzFailure("a decoded payload's text does not decode", input: input, detail: "\(error)")
            }
            guard reread.objects == payload.objects else {
                fuzzFailure("TLV decode → text → decode changed the data objects", input: input)
            }
        }

        var scanned = text
        let box = scanned.withUTF8 { EMVValidPayloadScanner(text: text, bytes: $0).scan() }
        let general = try? MerchantPresentedQR(generalDecoding: text)
        if let box {
            guard let general, MerchantPresentedQR(box: box) == general else {
                fuzzFailure("the valid-payload scanner accepted what the general reader decodes differently",
                            input: input, detail: "general: \(String(describing: general))")
            }
        }
        guard let qr = try? MerchantPresentedQR(decoding: text) else { return }
        guard payload != nil else {
            fuzzFailure("the typed decoder accepted a payload EMVPayload rejects", input: input)
        }
        roundTrip(qr, input: input)
    }

    /// decode → encode → decode must give the same value, and the same text when encoded again.
    static func roundTrip(_ qr: MerchantPresentedQR, input: [UInt8]) {
        let encoded: String
        do { encoded = try qr.encoded() } catch {
            fuzzFailure("a decoded value does not encode", input: input, detail: "\(error)")
        }
        let again: MerchantPresentedQR
        do { again = try MerchantPresentedQR(decoding: encoded) } catch {
            fuzzFailure("an encoded value does not decode", input: input, detail: "\(encoded): \(error)")
        }
        guard again == qr else {
            fuzzFailure("decode → encode → decode changed the value", input: input,
                        detail: "\(qr) became \(again) through \(encoded)")
        }
        guard (try? again.encoded()) == encoded else {
            fuzzFailure("encoding the re-decoded value gave another text", input: input, detail: encoded)
        }
    }

    /// Payloads the encoder writes: a static and a dynamic code with every optional part, and two national schemes.
    static func seeds() -> [[UInt8]] {
        var payloads: [String] = []
        do {
            var qr = MerchantPresentedQR(
                merchantName: "BEST TRANSPORT", merchantCity: "BEIJING", country: Country(code: "CN")!,
                merchantCategoryCode: MerchantCategoryCode(4111)!, currency: Currency(alphaCode: "CNY")!,
                merchantAccounts: [try .unionPay(merchantIdentifier: "6200000000000001")])
            payloads.append(try qr.encoded())
            qr = qr.withAmount(Money(minorUnits: 2372, currency: Currency(alphaCode: "CNY")!))
            qr.postalCode = "100000"
            qr.additionalData = AdditionalDataField(billNumber: "1234", storeLabel: "***", terminalLabel: "A6008667")
            qr.alternateLanguage = MerchantInformationLanguage(
                languagePreference: "ZH", merchantName: "最佳运输", merchantCity: "北京")
            payloads.append(try qr.encoded())
            let pix = MerchantPresentedQR(
                merchantName: "LOJA", merchantCity: "SAO PAULO", country: Country(code: "BR")!,
                merchantCategoryCode: MerchantCategoryCode(5411)!, currency: Currency(alphaCode: "BRL")!,
                merchantAccounts: [try .pix(key: "pix@example.com", description: "fuzz")])
            payloads.append(try pix.encoded())
            let promptPay = MerchantPresentedQR(
                merchantName: "SHOP", merchantCity: "BANGKOK", country: Country(code: "TH")!,
                merchantCategoryCode: MerchantCategoryCode(5999)!, currency: Currency(alphaCode: "THB")!,
                merchantAccounts: [try .promptPay(mobileNumber: "0812345678")])
            payloads.append(try promptPay.encoded())
        } catch {
            fatalError("seed payloads do not encode: \(error)")
        }
        return payloads.map { Array($0.utf8) }
    }
}
