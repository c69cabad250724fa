import CorridorCore
import CorridorMerchantQR
import Testing

@Suite("GOST R 56042-2014")
struct GOSTPaymentOrderTests {
    static func hotel(_ encoding: GOSTCharacterEncoding, separator: Unicode.Scalar = "|") -> GOSTPaymentOrder {
        var order = GOSTPaymentOrder(
            name: "ООО \"Гостиница Арбат\"", personalAccount: "40702810938000012345", bankName: "ПАО СБЕРБАНК",
            bic: "044525225", correspondentAccount: "30101810400000000225", encoding: encoding, separator: separator)
        order.sum = Money(minorUnits: 1_250_000, currency: .rub)
        order.purpose = "Оплата проживания, счёт 1207"
        order.payeeINN = "7704123456"
        order.kpp = "770401001"
        order.otherFields = [GOSTField(key: "LastName", value: "Иванов")]
        return order
    }

    @Test(arguments: GOSTCharacterEncoding.allCases)
    func everyEncodingRoundTripsThroughBytes(_ encoding: GOSTCharacterEncoding) throws {
        let order = GOSTPaymentOrderTests.hotel(encoding)
        let bytes = try order.encoded()
        #expect(bytes.starts(with: Array("ST0001\(encoding.rawValue)|".utf8)))
        #expect(try GOSTPaymentOrder(decoding: bytes) == order)
        #expect(try GOSTPaymentOrder(decoding: order.encodedText()) == order)
    }

    @Test func cyrillicBytesMatchThePublishedCodePages() throws {
        // windows-1251: А = C0, я = FF, Ё = A8, № = B9. KOI8-R: А = E1, я = D1, Ё = B3 (RFC 1489).
        #expect(GOSTCharacterEncoding.windows1251.encode("АяЁ№") == [0xC0, 0xFF, 0xA8, 0xB9])
        #expect(GOSTCharacterEncoding.koi8R.encode("АяЁ") == [0xE1, 0xD1, 0xB3])
        #expect(GOSTCharacterEncoding.windows1251.decode([0xCF, 0xC0, 0xCE]) == "ПАО")
        #expect(GOSTCharacterEncoding.koi8R.decode([0xF0, 0xE1, 0xEF]) == "ПАО")
        #expect(GOSTCharacterEncoding.windows1251.encode("中") == nil)
    }

    @Test func everyCyrillicLetterRoundTripsInBothCodePages() {
        let letters = String((0x410...0x44F).map { Character(Unicode.Scalar($0)!) }) + "Ёё"
        for encoding in [GOSTCharacterEncoding.windows1251, .koi8R] {
            let bytes = encoding.encode(letters)
            #expect(bytes?.count == letters.unicodeScalars.count)
            #expect(bytes.flatMap { encoding.decode($0) } == letters)
        }
    }

    @Test func customSeparatorIsHonoured() throws {
        let order = GOSTPaymentOrderTests.hotel(.utf8, separator: "#")
        let text = try order.encodedText()
        #expect(text.hasPrefix("ST00012#Name="))
        #expect(try GOSTPaymentOrder(decoding: text) == order)
    }

    @Test func threeHundredByteRuleCountsBytesInTheDeclaredEncoding() throws {
        // 60 more Cyrillic letters: over 300 bytes in UTF-8 (two bytes each), under 300 in windows-1251.
        var order = GOSTPaymentOrderTests.hotel(.utf8)
        order.name = String(repeating: "Я", count: 60)
        #expect(throws: MerchantQRError.self) { try order.encoded() }
        order.encoding = .windows1251
        let bytes = try order.encoded()
        #expect(bytes.count <= GOSTPaymentOrder.byteCountMax)
        #expect(try GOSTPaymentOrder(decoding: bytes).name == order.name)
    }

    @Test func valueHoldingTheSeparatorCannotBeEncoded() {
        var order = GOSTPaymentOrderTests.hotel(.utf8)
        order.purpose = "a|b"
        #expect(throws: MerchantQRError.self) { try order.encoded() }
    }
}
