import CorridorTesting
import CorridorCore
import CorridorMerchantQR
import Foundation
import Testing

@Suite("Sample merchants")
struct MerchantProfileTests {
    static let profiles: [MerchantProfile] =
        (try? MerchantProfileCatalog.load(
            contentsOf: SampleFiles.samplesDirectory.appendingPathComponent("merchants.json"))) ?? []

    @Test func sampleFileHoldsSixMerchantsInEveryFormat() {
        #expect(MerchantProfileTests.profiles.count == 6)
        #expect(Set(MerchantProfileTests.profiles.map(\.format)) == [.emv, .sbp, .gost])
    }

    @Test(arguments: MerchantProfileTests.profiles.map(\.id))
    func everyProfilePayloadDecodesBackToItsMerchant(_ id: String) throws {
        let profile = try #require(MerchantProfileTests.profiles.first { $0.id == id })
        let decoded = try MerchantQRDecoder.decode(bytes: profile.payloadBytes())
        #expect(decoded.format == profile.format)
        if profile.format != .sbp { #expect(decoded.merchantName == profile.name) }
        let currency = try #require(decoded.currency)
        #expect(decoded.amount == profile.amount.map { try! Money(decimal: $0, currency: currency) })
        if let language = profile.emv?.alternateLanguage {
            #expect(decoded.alternateMerchantName == language.name)
        }
    }

    @Test func beijingRestaurantCarriesUnionPayAndChineseName() throws {
        let profile = try #require(MerchantProfileTests.profiles.first { $0.id == "beijing-restaurant" })
        let decoded = try MerchantQRDecoder.decode(profile.payload())
        let objects = Dictionary(uniqueKeysWithValues: decoded.objects.map { ($0.path, $0.value) })
        #expect(objects["15"] == "6229100000000000123")
        #expect(objects["64.01"] == "金鼎饺子馆")
        #expect(objects["53"] == "156")
    }
}
