import CorridorMerchantQR
import Testing

/// One malformed payload and the typed error it must produce.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let code: String
    /// The EMV tag path or the SBP/GOST field the error names.
    let location: String?
    let offset: Int?

    var testDescription: String { name }
}

/// A valid static payload: 00 at 0, 01 at 6, 15 at 12, 52 at 35, 53 at 43, 58 at 50, 59 at 56, 60 at 71, 63 at 82.
let validBody = "000201" + "010211" + "15196231000000000000456" + "52045814" + "5303156" + "5802CN"
    + "5911CAFE NEVSKY" + "6007BEIJING"

/// `body` + `6304` + its correct CRC.
func withCRC(_ body: String) -> String {
    let signed = body + "6304"
    return signed + CRC16.hexText(CRC16.checksum(signed))
}

let validPayload = withCRC(validBody)
let validLink = "https://qr.nspk.ru/AD100004BAL7227F9BNP6KNE007J9B3K?type=02&bank=100000000007&sum=1&cur=RUB&crc=AB75"
let validGOST = "ST00012|Name=ООО Ромашка|PersonalAcc=40702810138250123017|BankName=ПАО СБЕРБАНК|BIC=044525225"
    + "|CorrespAcc=30101810400000000225"

@Suite("Malformed inputs give typed errors")
struct MalformedInputTests {
    static let cases: [MalformedCase] = {
        let crc = String(validPayload.suffix(4))
        let flipped = String(crc.first == "0" ? "1" : "0") + crc.dropFirst()
        // Find a merchant city whose CRC has a letter, so lowercasing changes it.
        let lettered = (0..<100).lazy.map { withCRC(validBody + "61040\($0 + 100)".prefix(8)) }
            .first { $0.suffix(4).contains { $0.isLetter } }!
        return [
            MalformedCase(name: "bad CRC", input: validPayload.dropLast(4) + flipped, code: "bad_crc",
                          location: "63", offset: 82),
            MalformedCase(name: "lowercase CRC", input: lettered.dropLast(4) + lettered.suffix(4).lowercased(),
                          code: "lowercase_crc", location: "63", offset: lettered.count - 8),
            MalformedCase(name: "non-hex CRC", input: validBody + "6304ZZ12", code: "non_hex_crc",
                          location: "63", offset: 82),
            MalformedCase(name: "CRC truncated to three digits", input: validBody + "6303ABC",
                          code: "truncated_value", location: "63", offset: 82),
            MalformedCase(name: "length past end", input: "000201" + "5999CAFE", code: "length_past_end",
                          location: "59", offset: 6),
            MalformedCase(name: "truncated object header", input: "00020101", code: "truncated_object",
                          location: "01", offset: 6),
            MalformedCase(name: "non-numeric length", input: withCRC("000201" + "01A211" + validBody.dropFirst(12)),
                          code: "non_numeric_length", location: "01", offset: 6),
            MalformedCase(name: "non-numeric ID", input: withCRC("000201" + "X10211" + validBody.dropFirst(12)),
                          code: "non_numeric_tag", location: "X1", offset: 6),
            MalformedCase(name: "00 not first", input: withCRC(String(validBody.dropFirst(6))),
                          code: "missing_payload_format_indicator", location: "00", offset: 0),
            MalformedCase(name: "payload format indicator 02", input: withCRC("000202" + validBody.dropFirst(6)),
                          code: "invalid_value", location: "00", offset: 0),
            MalformedCase(name: "63 not last", input: validBody, code: "missing_crc", location: "60", offset: 71),
            MalformedCase(name: "nested template overrun in 62", input: withCRC(validBody + "62100509***"),
                          code: "nested_template_overrun", location: "62.05", offset: 86),
            MalformedCase(name: "nested template overrun in 64", input: withCRC(validBody + "64080002ZH0109AB"),
                          code: "nested_template_overrun", location: "64.01", offset: 92),
            MalformedCase(name: "missing 52", input: withCRC(validBody.replacingOccurrences(of: "52045814", with: "")),
                          code: "missing_mandatory_tag", location: "52", offset: 74),
            MalformedCase(name: "missing 53", input: withCRC(validBody.replacingOccurrences(of: "5303156", with: "")),
                          code: "missing_mandatory_tag", location: "53", offset: 75),
            MalformedCase(name: "missing 58", input: withCRC(validBody.replacingOccurrences(of: "5802CN", with: "")),
                          code: "missing_mandatory_tag", location: "58", offset: 76),
            MalformedCase(name: "missing 59",
                          input: withCRC(validBody.replacingOccurrences(of: "5911CAFE NEVSKY", with: "")),
                          code: "missing_mandatory_tag", location: "59", offset: 67),
            MalformedCase(name: "missing 60",
                          input: withCRC(validBody.replacingOccurrences(of: "6007BEIJING", with: "")),
                          code: "missing_mandatory_tag", location: "60", offset: 71),
            MalformedCase(name: "no merchant account",
                          input: withCRC(validBody.replacingOccurrences(of: "15196231000000000000456", with: "")),
                          code: "missing_mandatory_tag", location: "02-51", offset: 59),
            MalformedCase(name: "duplicate 59", input: withCRC(validBody + "5903ABC"), code: "duplicate_tag",
                          location: "59", offset: 82),
            MalformedCase(name: "merchant name over 25",
                          input: withCRC(validBody.replacingOccurrences(
                            of: "5911CAFE NEVSKY", with: "5926" + String(repeating: "A", count: 26))),
                          code: "value_too_long", location: "59", offset: 56),
            MalformedCase(name: "letter in MCC",
                          input: withCRC(validBody.replacingOccurrences(of: "5814", with: "58A4")),
                          code: "invalid_character", location: "52", offset: 35),
            MalformedCase(name: "unknown currency",
                          input: withCRC(validBody.replacingOccurrences(of: "156", with: "999")),
                          code: "invalid_value", location: "53", offset: 43),
            MalformedCase(name: "point of initiation 13",
                          input: withCRC(validBody.replacingOccurrences(of: "010211", with: "010213")),
                          code: "invalid_value", location: "01", offset: 6),
            MalformedCase(name: "amount with three fraction digits", input: withCRC(validBody + "54051.234"),
                          code: "invalid_value", location: "54", offset: 82),
            MalformedCase(name: "control character in name",
                          input: withCRC(validBody.replacingOccurrences(of: "CAFE NEVSKY", with: "CAFE\u{1}NEVSKY")),
                          code: "invalid_character", location: "59", offset: 56),
            MalformedCase(name: "fixed fee indicator without 56", input: withCRC(validBody + "550202"),
                          code: "missing_mandatory_tag", location: "56", offset: 82),
            MalformedCase(name: "tag 64 without language", input: withCRC(validBody + "64080104Кафе"),
                          code: "missing_mandatory_tag", location: "64.00", offset: 82),
            MalformedCase(name: "empty input", input: "  \n", code: "empty", location: nil, offset: nil),
            MalformedCase(name: "not a payment QR", input: "hello", code: "unknown_format", location: nil, offset: 0),
            MalformedCase(name: "SBP missing bank",
                          input: "https://qr.nspk.ru/AD100004BAL7227F9BNP6KNE007J9B3K?type=02&sum=1&cur=RUB",
                          code: "sbp_missing_field", location: "bank", offset: 73),
            MalformedCase(name: "SBP bad crc", input: validLink.replacingOccurrences(of: "AB75", with: "AB76"),
                          code: "bad_crc", location: "crc", offset: 96),
            MalformedCase(name: "SBP lowercase crc", input: validLink.replacingOccurrences(of: "AB75", with: "ab75"),
                          code: "lowercase_crc", location: "crc", offset: 96),
            MalformedCase(name: "SBP dynamic without sum",
                          input: "https://qr.nspk.ru/AD100004BAL7227F9BNP6KNE007J9B3K?type=02&bank=100000000007",
                          code: "sbp_missing_field", location: "sum", offset: 77),
            MalformedCase(name: "SBP short id", input: "https://qr.nspk.ru/AD1000?type=01&bank=100000000007",
                          code: "sbp_bad_prefix", location: "id", offset: 19),
            MalformedCase(name: "SBP bank of 11 digits",
                          input: "https://qr.nspk.ru/AD100004BAL7227F9BNP6KNE007J9B3K?type=01&bank=10000000000",
                          code: "sbp_invalid_field", location: "bank", offset: 60),
            MalformedCase(name: "GOST account of 19 digits",
                          input: validGOST.replacingOccurrences(
                            of: "40702810138250123017", with: "4070281013825012301"),
                          code: "gost_bad_account", location: "PersonalAcc", offset: 25),
            MalformedCase(name: "GOST over 300 bytes",
                          input: validGOST + "|Purpose=" + String(repeating: "Оплата ", count: 20),
                          code: "gost_too_long", location: "UTF-8", offset: 300),
            MalformedCase(name: "GOST BIC before BankName",
                          input: "ST00012|Name=A|PersonalAcc=40702810138250123017|BIC=044525225|BankName=B"
                            + "|CorrespAcc=30101810400000000225",
                          code: "gost_missing_field", location: "BankName", offset: 48),
            MalformedCase(name: "GOST encoding digit 9", input: "ST00019|Name=A", code: "gost_unknown_encoding",
                          location: "encoding", offset: 6),
            MalformedCase(name: "GOST pair without =", input: validGOST + "|Purpose", code: "gost_malformed_pair",
                          location: "Purpose", offset: validGOST.unicodeScalars.count + 1),
            MalformedCase(name: "GOST BIC with a letter",
                          input: validGOST.replacingOccurrences(of: "044525225", with: "04452522X"),
                          code: "gost_invalid_field", location: "BIC", offset: 80),
        ]
    }()

    @Test func atLeastTwentyFiveCases() {
        #expect(MalformedInputTests.cases.count >= 25)
    }

    @Test(arguments: MalformedInputTests.cases)
    func malformedInputGivesItsTypedError(_ testCase: MalformedCase) {
        do {
            let decoded = try MerchantQRDecoder.decode(testCase.input)
            Issue.record("decoded \(decoded.format) instead of failing with \(testCase.code)")
        } catch {
            #expect(error.code == testCase.code, "\(error)")
            #expect((error.tag ?? error.field) == testCase.location, "\(error)")
            #expect(error.offset == testCase.offset, "\(error)")
            #expect(!error.description.isEmpty)
        }
    }

    @Test func windows1251ByteUndefinedInTheCodePageIsRejected() {
        var bytes = Array("ST00011|Name=".utf8)
        bytes.append(0x98)
        #expect(throws: MerchantQRError.gostInvalidBytes(field: "windows-1251", offset: 13)) {
            try GOSTPaymentOrder(decoding: bytes)
        }
    }
}
