import CorridorCore
@testable import CorridorISO20022
import Foundation
import Testing

/// The writer's fast paths (ASCII bytes, the transliteration cache, byte-level escaping and formatting) give exactly
/// what the character-by-character code gives.
@Suite struct WritingFastPathTests {
    /// ASCII text that exercises every branch: XML specials, every printable character, controls (CR LF is one
    /// `Character`), leading, trailing and repeated spaces, identifier slashes, and lengths around the limits.
    static let trickyASCII: [String] = [
        "", " ", "   ", "a", "O'Brien & Sons <Trading> \"Ltd\"", "~`^{|}[\\]@#$%*=+_;!?", "tab\there", "\ttab",
        "line\nfeed", "a\r\nb", "\r\n", "\r\r\n\n", "a\rb", "nul\u{0}and\u{1}\u{1F}", "del\u{7F}", "  lead", "trail  ",
        "  a   b  ", "E2E//1", "/E2E", "E2E/", " E2E", "E2E ", "a/b/c", String(repeating: "x", count: 35),
        String(repeating: "x", count: 36), String(repeating: "y", count: 139) + " z", String(repeating: "w ", count: 80),
        String(repeating: "ab  ", count: 50) + "\t", String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }),
    ]

    @Test(arguments: trickyASCII)
    func asciiFastPathGivesWhatTheCharacterPathGives(_ text: String) throws {
        for scheme in CyrillicScheme.allCases {
            let transliterator = Transliterator(scheme: scheme)
            let slow = transliterator.latinByCharacter(text)
            #expect(try #require(Transliterator.asciiLatin(text)) == slow)
            #expect(transliterator.latin(text) == slow)
            for lengthMax in [1, 2, 16, 35, 70, 140] {
                #expect(CBPRPlusText.freeText(text, lengthMax: lengthMax, transliterator: transliterator)
                    == CBPRPlusText.freeTextByCharacter(slow, lengthMax: lengthMax))
            }
        }
        for lengthMax in [4, 35] {
            #expect(CBPRPlusText.identifierProblem(text, lengthMax: lengthMax)
                == CBPRPlusText.identifierProblemByCharacter(text, lengthMax: lengthMax))
        }
    }

    @Test(arguments: ["Щукина Юлия Андреевна", "ООО «Чайный дом»", "北京书店有限公司", "Müller Ærø", "e\u{301}clair",
                      "Ελλάδα 😀", "王（北京）", "Оплата счёта № 42"])
    func nonASCIITextFromTheCacheIsTheTextFirstComputed(_ text: String) throws {
        for scheme in CyrillicScheme.allCases {
            let transliterator = Transliterator(scheme: scheme)
            let first = transliterator.latin(text)
            let second = transliterator.latin(text)  // a cache hit
            #expect(first == second)
            #expect(first == transliterator.latinByCharacter(text))
            #expect(CBPRPlusText.freeText(text, lengthMax: 140, transliterator: transliterator)
                == CBPRPlusText.freeTextByCharacter(first, lengthMax: 140))
        }
        var message = Fixtures.creditTransfer(.cyrillic)
        message.transactions[0].debtor.name = text
        #expect(try message.xml() == message.xml())
    }

    @Test func allowedByteSetIsTheCBPRPlusCharacterSet() {
        for byte in UInt8(0)...UInt8(0xFF) {
            let expected = byte < 0x80 && CBPRPlusText.isAllowed(Character(Unicode.Scalar(byte)))
            #expect(CBPRPlusText.isAllowed(byte: byte) == expected, "byte \(byte)")
            #expect([byte].withUnsafeBufferPointer(CBPRPlusText.allBytesAllowed) == expected, "byte \(byte)")
            #expect([0x41, byte, 0x42].withUnsafeBufferPointer(CBPRPlusText.allBytesAllowed) == expected,
                    "byte \(byte) between letters")
        }
    }

    /// The escaping rules of ``XMLWriter``, scalar by scalar, as first written.
    static func referenceEscaped(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: output += "&amp;"
            case 0x3C: output += "&lt;"
            case 0x3E: output += "&gt;"
            case 0x22: output += "&quot;"
            case 0x27: output += "&apos;"
            case 0x09: output += "&#x9;"
            case 0x0A: output += "&#xA;"
            case 0x0D: output += "&#xD;"
            case 0x00...0x1F, 0xFFFE, 0xFFFF: output += "?"
            case 0x7F...0x9F: output += "&#x\(String(scalar.value, radix: 16, uppercase: true));"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    @Test(arguments: trickyASCII + ["\u{80}\u{85}\u{9F}\u{A0}", "Â\u{9F}ÿ", "\u{FFFE}\u{FFFF}\u{FFFD}\u{EFBF}", "Щ&王<😀>",
                                    "ok\u{C2}", "\u{7F}\u{80}"])
    func escapingByBytesGivesTheScalarRules(_ text: String) {
        #expect(XMLWriter.escaped(text) == Self.referenceEscaped(text))
        let element = XMLElement("A", attributes: [XMLAttribute("b", text)], text: text)
        let escaped = Self.referenceEscaped(text)
        let expected = text.isEmpty ? "<A b=\"\"/>" : "<A b=\"\(escaped)\">\(escaped)</A>"
        #expect(XMLWriter(prettyPrinted: false).fragment(element) == expected)
    }

    @Test func deepTreesIndentBeyondThePrecomputedDepth() {
        var element = XMLElement("L", text: "x")
        for _ in 0..<(XMLWriter.depthPrecomputedMax + 3) { element = XMLElement("E", children: [element]) }
        let lines = XMLWriter(indent: "\t").fragment(element).split(separator: "\n")
        for (offset, line) in lines.enumerated() {
            let depth = min(offset, lines.count - 1 - offset)
            #expect(line.prefix(while: { $0 == "\t" }).count == depth)
        }
    }

    @Test func uetrTextIsTheLowercaseUUIDString() throws {
        for _ in 0..<100 {
            let uuid = UUID()
            #expect(try UETR(uuid).text == uuid.uuidString.lowercased())
        }
    }

    @Test func dateTimeTextKeepsPaddingMillisecondsAndOffsets() throws {
        let date = try #require(ISODate(year: 7, month: 3, day: 9))
        #expect(date.text == "0007-03-09")
        let cases: [(Int, Int, Int, Int, Int?, String)] = [
            (0, 0, 0, 0, 0, "0007-03-09T00:00:00+00:00"), (23, 59, 59, 5, -570, "0007-03-09T23:59:59.005-09:30"),
            (9, 5, 7, 120, 840, "0007-03-09T09:05:07.120+14:00"), (12, 0, 1, 999, nil, "0007-03-09T12:00:01.999"),
        ]
        for (hour, minute, second, millisecond, offset, expected) in cases {
            let value = try #require(ISODateTime(date: date, hour: hour, minute: minute, second: second,
                                                 millisecond: millisecond, utcOffsetMinutes: offset))
            #expect(value.text == expected)
            #expect(ISODateTime(text: expected) == value)
        }
    }

    @Test(arguments: [("0.0823", true), ("12", true), ("12345678901", true), ("123456789012", false),
                      ("0.0000000001", true), ("0.00000000001", false), (".5", false), ("5.", false), ("1.2.3", false),
                      ("", false), ("1,5", false), ("١٢", false)])
    func exchangeRateIsABaseOneRate(_ rate: String, _ valid: Bool) {
        #expect(CreditTransferTransaction.isRate(rate) == valid)
    }
}
