import CorridorCore
import CorridorMerchantQR
import Testing

/// Random valid merchants encode and decode back to the same value (property-style, seeded).
@Suite("EMV round trips")
struct EMVRoundTripTests {
    static let caseCount = 3_000

    @Test func randomMerchantsSurviveEncodeThenDecode() throws {
        var random = SeededRandom(seed: 0xC0FFEE)
        for _ in 0..<EMVRoundTripTests.caseCount {
            let merchant = try RandomMerchant.make(&random)
            let payload = try merchant.encoded()
            let decoded = try MerchantPresentedQR(decoding: payload)
            #expect(decoded == merchant, "\(payload)")
            // The TLV layer keeps the exact text.
            #expect(try EMVPayload(decoding: payload).text == payload)
        }
    }

    @Test func byteCountedLengthsAreAcceptedAndReported() throws {
        let name = "Кафе Невский", city = "Москва"
        let head = "000201010211151962310000000000004565204581453036435802RU5911CAFE NEVSKY6006MOSCOW"
        func payload(counting measure: (String) -> Int) -> String {
            func count(_ text: String) -> String {
                let length = measure(text)
                return length < 10 ? "0\(length)" : "\(length)"
            }
            let inner = "0002RU01\(count(name))\(name)02\(count(city))\(city)"
            let body = head + "64\(count(inner))\(inner)" + "6304"
            return body + CRC16.hexText(CRC16.checksum(body))
        }
        let byteCounted = try EMVPayload(decoding: payload { $0.utf8.count })
        #expect(byteCounted.lengthCounting == .utf8Bytes)
        #expect(byteCounted.object(at: "64.01")?.value == name)
        #expect(byteCounted.object(at: "64.02")?.value == city)
        let characterCounted = try EMVPayload(decoding: payload { $0.unicodeScalars.count })
        #expect(characterCounted.lengthCounting == .characters)
        #expect(try MerchantPresentedQR(payload: characterCounted) == MerchantPresentedQR(payload: byteCounted))
    }
}

/// Builds random merchants that satisfy every rule of ``MerchantPresentedQR``.
enum RandomMerchant {
    static let latin = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz0123456789.-&'")
    static let cyrillic = Array("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя ")
    static let chinese = Array("北京上海饺子馆茶楼湖心亭金鼎最佳运输饭店咖啡")
    static let currencies: [Currency] = [.cny, .rub, .usd, .eur, .jpy, .kwd, .hkd]
    static let countries = ["CN", "RU", "SG", "TH", "BR", "ID", "HK", "KZ"]

    static func text(_ alphabet: [Character], _ count: Int, _ random: inout SeededRandom) -> String {
        var result = ""
        for _ in 0..<count { result.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
        return result
    }

    static func int(_ range: ClosedRange<Int>, _ random: inout SeededRandom) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    static func base() throws -> MerchantPresentedQR {
        MerchantPresentedQR(
            merchantName: "CAFE NEVSKY", merchantCity: "MOSCOW", country: .russia,
            merchantCategoryCode: MerchantCategoryCode(5814)!, currency: .rub,
            merchantAccounts: [try .unionPay(merchantIdentifier: "6231000000000000456")])
    }

    static func make(_ random: inout SeededRandom) throws -> MerchantPresentedQR {
        var accounts: [MerchantAccountInformation] = []
        if random.next() % 2 == 0 {
            accounts.append(try .unionPay(merchantIdentifier: text(Array("0123456789"), int(8...19, &random), &random)))
        }
        switch random.next() % 4 {
        case 0: accounts.append(try .pix(key: text(Array("abcdef0123456789-"), 36, &random)))
        case 1: accounts.append(try .promptPay(mobileNumber: "0" + text(Array("0123456789"), 9, &random)))
        case 2: accounts.append(try .qris(nationalMerchantIdentifier: "ID" + text(Array("0123456789"), 13, &random)))
        default:
            let path = text(latin.filter(\.isLetter), 20, &random)
            accounts.append(try .alipay(paymentURL: "https://qr.alipay.com/" + path))
        }
        let currency = currencies[int(0...(currencies.count - 1), &random)]
        var qr = MerchantPresentedQR(
            merchantName: text(latin, int(1...25, &random), &random),
            merchantCity: text(latin, int(1...15, &random), &random),
            country: Country(code: countries[int(0...(countries.count - 1), &random)])!,
            merchantCategoryCode: MerchantCategoryCode(int(0...9999, &random))!,
            currency: currency, merchantAccounts: accounts)
        if random.next() % 2 == 0 {
            qr = qr.withAmount(Money(minorUnits: Int64(int(1...999_999_999, &random)), currency: currency))
        } else if random.next() % 2 == 0 {
            qr.pointOfInitiation = nil
        }
        switch random.next() % 4 {
        case 0: qr.tipOrConvenienceIndicator = .promptForTip
        case 1: qr.tipOrConvenienceIndicator = .convenienceFeeFixed(
            Money(minorUnits: Int64(int(1...99_999, &random)), currency: currency))
        case 2: qr.tipOrConvenienceIndicator = .convenienceFeePercentage("\(int(1...20, &random)).5")
        default: break
        }
        if random.next() % 3 == 0 { qr.postalCode = text(Array("0123456789"), int(4...10, &random), &random) }
        if random.next() % 2 == 0 {
            var data = AdditionalDataField()
            for id in UInt8(1)...8 where random.next() % 3 == 0 {
                data[id] = text(latin, int(1...12, &random), &random)
            }
            if data.isEmpty || random.next() % 4 == 0 { data.referenceLabel = "***" }
            qr.additionalData = data
        }
        if random.next() % 2 == 0 {
            let alphabet = random.next() % 2 == 0 ? cyrillic : chinese
            qr.alternateLanguage = MerchantInformationLanguage(
                languagePreference: alphabet == chinese ? "ZH" : "RU",
                merchantName: text(alphabet, int(1...25, &random), &random),
                merchantCity: random.next() % 2 == 0 ? text(alphabet, int(1...15, &random), &random) : nil)
        }
        if random.next() % 4 == 0 {
            // Unreserved template 80 and a reserved primitive in 70, both kept in order.
            qr.otherObjects = [
                try EMVDataObject(id: 70, value: "X" + text(latin, int(0...20, &random), &random)),
                try EMVDataObject(id: 80, children: [
                    try EMVDataObject(id: 0, value: "com.example.sig"),
                    try EMVDataObject(id: 1, value: text(Array("ABCDEF0123456789"), 32, &random)),
                ]),
            ]
        }
        return qr
    }
}
