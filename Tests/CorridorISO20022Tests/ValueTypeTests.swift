import CorridorCore
import CorridorISO20022
import Foundation
import Testing

@Suite struct BICTests {
    @Test(arguments: ["SABRRUMM", "BKCHCNBJ", "BKCHRUMMXXX", "DEUTDEFF500", "1234RUMM"])
    func validBICsAreAccepted(_ text: String) throws {
        #expect(try BIC(text).text == text)
    }

    @Test(arguments: ["", "SABRRUM", "SABRRUMMX", "sabrrumm", "SABR1UMM", "SABRQQMM", "SABRRUMM-XX", "SABRRUMMXXXX"])
    func malformedBICsAreRejected(_ text: String) {
        #expect(throws: ISO20022Error.invalidBIC(text)) { try BIC(text) }
    }

    @Test func bicPartsAreExposed() throws {
        let bic = try BIC("BKCHRUMMXXX")
        #expect(bic.institutionCode == "BKCH" && bic.country == .russia && bic.locationCode == "MM")
        #expect(bic.branchCode == "XXX")
    }
}

@Suite struct UETRTests {
    @Test func seededUUIDsAreValidUETRs() throws {
        let generator = IdentifierGenerator(seed: 7)
        for _ in 0..<100 {
            let uetr = try UETR(generator.uuid())
            #expect(try UETR(text: uetr.text) == uetr)
        }
    }

    @Test(arguments: ["8A562C67-CA16-48BA-B074-65581BE6F011", "8a562c67-ca16-38ba-b074-65581be6f011",
                      "8a562c67-ca16-48ba-c074-65581be6f011", "not-a-uuid"])
    func nonVersion4OrUppercaseIsRejected(_ text: String) {
        #expect(throws: ISO20022Error.self) { try UETR(text: text) }
    }
}

@Suite struct DateTimeTests {
    @Test(arguments: ["2026-01-01T03:00:00+03:00", "2025-03-10T09:00:00-04:00", "2026-01-01T00:00:00.123+00:00",
                      "2026-01-01T00:00:00"])
    func dateTimesRoundTripAsText(_ text: String) throws {
        #expect(try #require(ISODateTime(text: text)).text == text)
    }

    @Test func instantIsShownAtItsOffset() {
        let value = ISODateTime(Date(timeIntervalSince1970: 1_767_225_600), utcOffsetMinutes: 480)
        #expect(value.text == "2026-01-01T08:00:00+08:00")
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "26-01-01", "2026-1-01"])
    func impossibleDatesAreRejected(_ text: String) {
        #expect(ISODate(text: text) == nil)
    }
}

@Suite struct XMLWriterTests {
    @Test func allFiveSpecialCharactersAndControlsAreEscaped() {
        #expect(XMLWriter.escaped("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        #expect(XMLWriter.escaped("tab\tlf\ncr\r") == "tab&#x9;lf&#xA;cr&#xD;")
        #expect(XMLWriter.escaped("nul\u{0}bell\u{7}") == "nul?bell?")
        #expect(XMLWriter.escaped("del\u{7F}c1\u{85}") == "del&#x7F;c1&#x85;")
        #expect(XMLWriter.escaped("Щука 王") == "Щука 王")
    }

    @Test func controlCharactersSurviveAReadBack() throws {
        let element = XMLElement("Root", attributes: [XMLAttribute("a", "x\ty\"")], text: "line1\nline2\r&")
        let text = XMLWriter().document(element)
        let read = try XMLReader().read(text)
        #expect(read.text == "line1\nline2\r&")
        #expect(read.attribute("a") == "x\ty\"")
    }

    @Test func prettyAndCompactOutputsAreStable() {
        let tree = XMLElement("A", attributes: [XMLAttribute("z", "1"), XMLAttribute("a", "2")],
                              children: [XMLElement("B", text: "x"), XMLElement("C")])
        #expect(XMLWriter(prettyPrinted: false).fragment(tree) == "<A z=\"1\" a=\"2\"><B>x</B><C/></A>")
        #expect(XMLWriter().fragment(tree) == "<A z=\"1\" a=\"2\">\n  <B>x</B>\n  <C/>\n</A>")
    }
}

@Suite struct TransliterationTests {
    @Test(arguments: [
        ("Щукина Юлия", "Shchukina Iuliia"), ("ЩУКИНА ЮЛИЯ", "SHCHUKINA IULIIA"), ("Жуков Хабаров", "Zhukov Khabarov"),
        ("Цой Подъячев", "Tsoi Podieiachev"), ("Ёлкин Ильич", "Elkin Ilich"), ("Москва", "Moskva"),
    ])
    func cyrillicFollowsICAO9303(_ input: String, _ expected: String) {
        #expect(Transliterator().latin(input) == expected)
    }

    @Test(arguments: [
        ("Щукина", "Shhukina"), ("Цирк", "Cirk"), ("Царь", "Czar`"), ("Ёлка", "Yolka"), ("Хабаровск", "Xabarovsk"),
        ("Объём", "Ob``yom"),
    ])
    func cyrillicFollowsGOST779SystemB(_ input: String, _ expected: String) {
        #expect(Transliterator(scheme: .gost779SystemB).latin(input) == expected)
    }

    @Test(arguments: [
        ("王小明", "Wang Xiaoming"), ("北京", "Beijing"), ("西安", "Xi'an"), ("上海市", "Shanghaishi"),
        ("張偉", "Zhang Wei"), ("中国银行", "Zhongguoyinhang"), ("3号楼", "3 Haolou"), ("王（北京）", "Wang(Beijing)"),
    ])
    func chineseBecomesPinyin(_ input: String, _ expected: String) {
        #expect(Transliterator().latin(input) == expected)
    }

    @Test func charactersOutsideTheTablesBecomeQuestionMarks() {
        #expect(Transliterator().latin("龘") == "?")
        #expect(Transliterator().latin("😀 ok") == "? ok")
        #expect(Transliterator().latin("Ελλάδα") == "??????")
    }

    @Test func latinDiacriticsAreStripped() {
        #expect(Transliterator().latin("Müller Ærø Straße Łódź") == "Muller AEro Strasse Lodz")
    }

    @Test func freeTextIsTrimmedCollapsedAndCut() {
        #expect(CBPRPlusText.freeText("  a   b  ", lengthMax: 140) == "a b")
        #expect(CBPRPlusText.freeText("Щ", lengthMax: 2) == "Sh")
        #expect(CBPRPlusText.freeText("   ", lengthMax: 10) == nil)
    }
}
