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
