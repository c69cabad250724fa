import CorridorTesting
import CorridorCore
import CorridorMerchantQR
import Testing

/// Payloads printed in specifications and library test suites decode to the fields their publications document.
@Suite("Published sample payloads")
struct PublishedSampleTests {
    @Test func samplesFileIsPresentAndCoversEveryFormat() {
        let formats = Set(SampleFiles.published.map(\.format))
        #expect(SampleFiles.published.count >= 15)
        #expect(formats == ["emv", "sbp", "gost"])
    }

    @Test(arguments: SampleFiles.published)
    func publishedPayloadDecodesToDocumentedFields(_ sample: PublishedMerchantQRSample) throws {
        let validation: MerchantQRDecoder.Validation = sample.validation == "strict" ? .strict : .structural
        let decoded = try MerchantQRDecoder.decode(sample.payload, validation: validation)
        #expect(decoded.format.rawValue == sample.format)
        let objects = Dictionary(decoded.objects.map { ($0.path, $0.value) }, uniquingKeysWith: { first, _ in first })
        for (path, value) in sample.expected.sorted(by: { $0.key < $1.key }) {
            #expect(objects[path] == value, "\(sample.name) \(path)")
        }
        if let name = sample.merchantName { #expect(decoded.merchantName == name) }
        if let city = sample.merchantCity { #expect(decoded.merchantCity == city) }
        if let country = sample.country { #expect(decoded.country?.alpha2 == country) }
        if let currency = sample.currency { #expect(decoded.currency?.alphaCode == currency) }
        if let mcc = sample.mcc { #expect(decoded.merchantCategoryCode?.text == mcc) }
        if let amount = sample.amount {
            #expect(decoded.amount?.decimalText == amount)
        } else {
            #expect(decoded.amount == nil)
        }
        if let code = sample.strictError {
            #expect(throws: MerchantQRError.self) { try MerchantQRDecoder.decode(sample.payload) }
            do {
                _ = try MerchantQRDecoder.decode(sample.payload)
            } catch {
                #expect(error.code == code)
            }
        }
    }

    @Test func emvcoExampleCountsChineseNamesInCharacters() throws {
        let sample = try #require(SampleFiles.published.first { $0.name == "emvco-spec-example" })
        let payload = try EMVPayload(decoding: sample.payload)
        #expect(payload.lengthCounting == .characters)
        let typed = try MerchantPresentedQR(payload: payload)
        #expect(typed.alternateLanguage?.merchantName == "最佳运输")
        #expect(typed.alternateLanguage?.merchantCity == "北京")
        #expect(typed.pointOfInitiation == .dynamicQR)
        #expect(typed.tipOrConvenienceIndicator == .promptForTip)
        #expect(typed.amount == Money(minorUnits: 2372, currency: .cny))
    }

    @Test func sgqrExampleKeepsUnionPayAndEveryNetworkInOrder() throws {
        let sample = try #require(SampleFiles.published.first { $0.name == "sgqr-specification-example" })
        let typed = try MerchantPresentedQR(decoding: sample.payload)
        let ids: [UInt8] = [2, 4, 11, 12, 15, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 51]
        #expect(typed.merchantAccounts.map(\.id) == ids)
        let unionPay = try #require(typed.merchantAccounts.first { $0.network == .unionPay })
        #expect(unionPay.object.value == "2500034400010344500034453110001")
        #expect(typed.merchantAccounts.first { $0.id == 36 }?.globallyUniqueIdentifier == "SG.PAYNOW")
        #expect(typed.additionalData?.billNumber == "1234567R")
        #expect(typed.additionalData?.otherObjects.first?.child(0)?.value == "SG.COM.DASH.WWW")
    }

    @Test func pixExampleReencodesToThePublishedText() throws {
        // BCB 2.6.3 is written in ascending tag order without tag 01, so the typed encoder reproduces it exactly.
        let sample = try #require(SampleFiles.published.first { $0.name == "pix-static" })
        #expect(try MerchantPresentedQR(decoding: sample.payload).encoded() == sample.payload)
    }

    @Test func promptPayBuilderReproducesTheLibraryAccountTemplate() throws {
        let account = try MerchantAccountInformation.promptPay(mobileNumber: "0801234567")
        // From dtinth/promptpay-qr's expected payload: 29 37 0016A000000677010111 0113 0066801234567.
        #expect(account.object.id == 29)
        #expect(account.object.value == "0016A00000067701011101130066801234567")
    }
}
