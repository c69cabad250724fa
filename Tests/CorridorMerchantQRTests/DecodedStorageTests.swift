import CorridorCore
import CorridorMerchantQR
import Testing

/// A decoded value keeps its payload and builds each field when read; every field must read as the built value's.
@Suite("Decoded MerchantPresentedQR reads its fields from the payload")
struct DecodedStorageTests {
    @Test func everyFieldOfADecodedValueReadsAsTheBuiltOne() throws {
        var random = SeededRandom(seed: 0x5EED)
        for _ in 0..<500 {
            let merchant = try RandomMerchant.make(&random)
            let decoded = try MerchantPresentedQR(decoding: try merchant.encoded())
            #expect(decoded.pointOfInitiation == merchant.pointOfInitiation)
            #expect(decoded.merchantAccounts == merchant.merchantAccounts)
            #expect(decoded.merchantCategoryCode == merchant.merchantCategoryCode)
            #expect(decoded.currency == merchant.currency)
            #expect(decoded.amount == merchant.amount)
            #expect(decoded.tipOrConvenienceIndicator == merchant.tipOrConvenienceIndicator)
            #expect(decoded.country == merchant.country)
            #expect(decoded.country.alpha3 == merchant.country.alpha3)
            #expect(decoded.merchantName == merchant.merchantName)
            #expect(decoded.merchantCity == merchant.merchantCity)
            #expect(decoded.postalCode == merchant.postalCode)
            #expect(decoded.additionalData == merchant.additionalData)
            #expect(decoded.alternateLanguage == merchant.alternateLanguage)
            #expect(decoded.otherObjects == merchant.otherObjects)
            #expect(decoded.hashValue == merchant.hashValue)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 7])
    func decodedAccountListsReadEveryAccountInOrder(_ accountCount: Int) throws {
        // Three accounts are kept inline, more in one array: both sides of the boundary read back the same.
        var merchant = try RandomMerchant.base()
        var accounts: [MerchantAccountInformation] = []
        for index in 0..<accountCount {
            accounts.append(index % 2 == 0
                ? try .primitive(id: UInt8(2 + index), merchantIdentifier: "4000\(index)")
                : try .pix(key: "key-\(index)", id: UInt8(26 + index)))
        }
        merchant.merchantAccounts = MerchantAccountList(accounts)
        let decoded = try MerchantPresentedQR(decoding: try merchant.encoded())
        #expect(decoded.merchantAccounts.count == accountCount)
        #expect(decoded.merchantAccounts == merchant.merchantAccounts)
        #expect(decoded.merchantAccounts.hashValue == merchant.merchantAccounts.hashValue)
        #expect(decoded.merchantAccounts.array == accounts)
        #expect(Array(decoded.merchantAccounts.reversed()) == accounts.reversed())
        #expect(decoded.merchantAccounts.map(\.id) == accounts.map(\.id))
        #expect(decoded.merchantAccounts.description == accounts.description)
    }

    @Test func dataObjectsReadFromAPayloadEqualAndHashLikeBuiltOnes() throws {
        let built = try MerchantAccountInformation.pix(key: "123e4567-e12b-12d1-a456-426655440000", description: "CAFE")
        var merchant = try RandomMerchant.base()
        merchant.merchantAccounts = [built]
        merchant.otherObjects = [try EMVDataObject(id: 80, children: [try EMVDataObject(id: 0, value: "com.example")])]
        let decoded = try MerchantPresentedQR(decoding: try merchant.encoded())
        let account = try #require(decoded.merchantAccounts.first)
        #expect(account == built)
        #expect(account.hashValue == built.hashValue)
        #expect(Set([account.object, built.object]).count == 1)
        #expect(account.globallyUniqueIdentifier == "br.gov.bcb.pix")
        #expect(account.field(1) == "123e4567-e12b-12d1-a456-426655440000")
        #expect(account.field(2) == "CAFE")
        #expect(account.object.value == built.object.value)
        #expect(account.object.children?.map(\.id) == [0, 1, 2])
        let other = try #require(decoded.otherObjects.first)
        #expect(other.isTemplate && other.child(0)?.value == "com.example")
    }

    @Test func settingAPropertyOnADecodedValueKeepsTheOthers() throws {
        var random = SeededRandom(seed: 0xD1FF)
        let merchant = try RandomMerchant.make(&random)
        let decoded = try MerchantPresentedQR(decoding: try merchant.encoded())
        var changed = decoded
        changed.merchantCity = "KAZAN"
        #expect(decoded.merchantCity == merchant.merchantCity)
        #expect(changed.merchantCity == "KAZAN")
        changed.merchantCity = merchant.merchantCity
        #expect(changed == decoded)
        #expect(changed == merchant)
    }

    @Test func aDecodedValueReEncodesToTheSamePayload() throws {
        var random = SeededRandom(seed: 0xE4C0)
        for _ in 0..<200 {
            let payload = try RandomMerchant.make(&random).encoded()
            #expect(try MerchantPresentedQR(decoding: payload).encoded() == payload)
        }
    }

    @Test func byteCountedLengthsAreReadBackInTheirOwnCounting() throws {
        let name = "Кафе Невский", city = "Москва"
        let inner = "0002RU01\(name.utf8.count)\(name)02\(city.utf8.count)\(city)"
        let head = "000201010211151962310000000000004565204581453036435802RU5911CAFE NEVSKY6006MOSCOW"
        let body = head + "64\(inner.utf8.count)\(inner)" + "6304"
        let decoded = try MerchantPresentedQR(decoding: body + CRC16.hexText(CRC16.checksum(body)))
        #expect(decoded.alternateLanguage?.merchantName == name)
        #expect(decoded.alternateLanguage?.merchantCity == city)
        #expect(decoded.merchantName == "CAFE NEVSKY")
        #expect(decoded.merchantAccounts.first?.object.value == "6231000000000000456")
    }
}
