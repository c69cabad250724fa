import CorridorISO20022
import CorridorTesting
import Foundation
import Testing

/// Inputs the `iso20022` fuzz target of Tools/fuzz.sh found, each pinned as the rule it broke. The same inputs are
/// kept under `Tools/Fuzz/regressions/iso20022/` and replayed by ``ISO20022FuzzCorpusReplayTests``.
@Suite("Fuzz regressions: ISO 20022 reader")
struct ISO20022FuzzRegressionTests {
    /// crash-b918e926…: a closing tag whose `/` became the byte 0xD6 made an element name that is not UTF-8, and
    /// FoundationXML's XMLParser trapped while handing it over; the reader now refuses the bytes first.
    @Test func elementNameThatIsNotUTF8IsMalformedXML() {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document>\n<TxSts>RJCT<".utf8)
        bytes.append(0xD6)
        bytes += Array("TxSts>\n</Document>\n".utf8)
        let error = #expect(throws: ISO20022Error.self) { try XMLReader().read(Data(bytes)) }
        guard case .malformedXML(let line, let column, _)? = error else {
            Issue.record("expected malformedXML, got \(String(describing: error))")
            return
        }
        #expect(line == 3)
        #expect(column == 13)
    }

    /// crash-efff0b3c…: `<?xm?>` is a processing instruction without data, which FoundationXML's XMLParser read
    /// through a null pointer (SEGV in strlen); the reader now refuses every processing instruction but the XML
    /// declaration before parsing, naming where it starts.
    @Test(arguments: [
        ("<?xm?>\n<acn", 1, 1),
        ("<?xml version=\"1.0\"?>\n<Document>\n  <?pi?><A/></Document>", 3, 3),
        ("\u{FEFF}<Document><?target data?></Document>", 1, 14),  // columns count bytes: the mark is three
    ])
    func processingInstructionIsMalformedXML(document: String, line: Int, column: Int) {
        let error = #expect(throws: ISO20022Error.self) { try XMLReader().read(Data(document.utf8)) }
        guard case .malformedXML(let foundLine, let foundColumn, let message)? = error else {
            Issue.record("expected malformedXML, got \(String(describing: error))")
            return
        }
        #expect(foundLine == line)
        #expect(foundColumn == column)
        #expect(message.contains("processing instruction"))
    }

    /// crash-9c0ed1dd…: an XML declaration broken before its `?>` (`<?xml veument …*>`, then `<Document xmlns=o<?xml?>`):
    /// libxml2 recovered from the declaration and read `<?xml?>` as an instruction without data, the same null
    /// pointer. A declaration with `<` or `>` inside is refused as not closed.
    @Test func brokenXMLDeclarationIsMalformedXML() throws {
        let input = try #require(FuzzReplayInput.all("iso20022").first { $0.name.hasSuffix("broken-declaration.xml") })
        let error = #expect(throws: ISO20022Error.self) { try XMLReader().read(Data(input.bytes)) }
        guard case .malformedXML(let line, let column, let message)? = error else {
            Issue.record("expected malformedXML, got \(String(describing: error))")
            return
        }
        #expect(line == 1 && column == 1)
        #expect(message.contains("XML declaration"))
    }

    /// town-name-with-carriage-return.xml: `<TwnNm>` + CR + `oscow` reads as "\noscow" and is written as "oscow" (the
    /// CBPR+ writer turns controls into spaces and trims), so the target's rule "an ASCII document reads back as the
    /// same value" was wrong for it; the rule now holds only where free text is already normal.
    @Test func freeTextTheWriterNormalizesIsRecognized() throws {
        let input = try #require(FuzzReplayInput.all("iso20022").first { $0.name.hasSuffix("carriage-return.xml") })
        let root = try XMLReader().read(Data(input.bytes))
        #expect(!CBPRPlusText.freeTextIsNormalized(in: root))
        let first = try CustomerCreditTransfer(documentElement: root)
        let second = try CustomerCreditTransfer(xml: try first.xml())
        #expect(first.transactions.first?.debtor.postalAddress?.townName == "\noscow")
        #expect(second.transactions.first?.debtor.postalAddress?.townName == "oscow")
        #expect(try second.xml() == (try first.xml()))
        // The same document with a clean town name is normal, and reads back unchanged.
        let clean = try XMLReader().read(Data(input.bytes.split(separator: 0x0D, omittingEmptySubsequences: false)
            .joined(separator: [UInt8(ascii: "M")])))
        #expect(CBPRPlusText.freeTextIsNormalized(in: clean))
        #expect(try CustomerCreditTransfer(xml: try CustomerCreditTransfer(documentElement: clean).xml())
            == (try CustomerCreditTransfer(documentElement: clean)))
        for (text, normal) in [("Moscow", true), (" Moscow", false), ("Mos  cow", false), ("Mos\tcow", false),
                               (String(repeating: "M", count: 36), false), (String(repeating: "M", count: 35), true)] {
            #expect(CBPRPlusText.freeTextIsNormalized(in: CorridorISO20022.XMLElement("TwnNm", text: text)) == normal)
        }
    }

    /// `<?` inside a comment or a CDATA section is text, not an instruction, and the XML declaration still reads.
    @Test func questionMarkInCommentsAndCDATAStillReads() throws {
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- <?no?> --><Document><Nm><![CDATA[a<?b]]></Nm></Document>"
        let root = try XMLReader().read(Data(document.utf8))
        #expect(root.children.first?.text == "a<?b")
    }

    /// Text that is UTF-8, Cyrillic included, still reads.
    @Test func utf8DocumentStillReads() throws {
        let root = try XMLReader().read(Data("<Document><Nm>Щукина</Nm></Document>".utf8))
        #expect(root.children.first?.text == "Щукина")
    }
}
