import CorridorCore
import CorridorISO20022
import CorridorTesting
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// What ``XMLStreamWriter`` writes, read back by parsers other than its own code: Foundation's libxml2-based
/// `XMLDocument`, `xmllint`, and Corridor's reader.
@Suite struct XMLStreamWriterTests {
    /// Texts with XML's five special characters, Cyrillic, Chinese, the whitespace controls, C1 controls and DEL
    /// (written as character references), markup look-alikes, and spaces at either end.
    static let texts: [String] = [
        "O'Brien & Sons <Trading> \"Ltd\"", "&amp; stays five characters", "]]>", "<!-- no comment -->", "<?pi?>",
        "Щукина Юлия Андреевна", "ООО «Чайный дом»", "北京书店有限公司", "王（北京）", "😀 Ελλάδα", "tab\there",
        "line\nfeed", "carriage\rreturn", "a\r\nb", "\t\n\r", "  spaces kept  ", "del\u{7F}", "c1\u{80}\u{85}\u{9F}",
        "nbsp\u{A0}ÿ", "Щ&王<😀>'\"",
    ]

    /// A document whose root carries `text` as an attribute, as a leaf's text, and as the text of an element that
    /// also has an attribute.
    static func document(_ text: String, prettyPrinted: Bool) throws -> String {
        var writer = XMLStreamWriter(prettyPrinted: prettyPrinted)
        writer.writeDeclaration()
        try writer.writeElement("Root") { writer throws(ISO20022Error) in
            writer.writeAttribute("value", text)
            writer.writeElement("Leaf", text: text)
            try writer.writeElement("Amt") { writer throws(ISO20022Error) in
                writer.writeAttribute("Ccy", text)
                writer.writeText(text)
            }
            try writer.writeElement("Nested") { writer throws(ISO20022Error) in
                writer.writeElement("Deeper", text: text)
            }
        }
        writer.writeDocumentEnd()
        return writer.takeString()
    }

    @Test(arguments: texts, [true, false])
    func textsAndAttributeValuesReadBackUnchanged(_ text: String, _ prettyPrinted: Bool) throws {
        let xml = try Self.document(text, prettyPrinted: prettyPrinted)
        let root = try #require(try FoundationXML.XMLDocument(xmlString: xml, options: []).rootElement())
        #expect(root.name == "Root")
        #expect(root.attribute(forName: "value")?.stringValue == text)
        #expect(root.elements(forName: "Leaf").first?.stringValue == text)
        let amount = try #require(root.elements(forName: "Amt").first)
        #expect(amount.attribute(forName: "Ccy")?.stringValue == text)
        #expect(amount.stringValue == text)
        #expect(root.elements(forName: "Nested").first?.elements(forName: "Deeper").first?.stringValue == text)
        // Corridor's own reader gives the same values.
        let read = try XMLReader().read(xml)
        #expect(read.attribute("value") == text)
        #expect(read.child("Leaf")?.text == text)
        #expect(read.child("Amt")?.attribute("Ccy") == text)
        #expect(read.child("Nested")?.child("Deeper")?.text == text)
    }

    /// The characters XML 1.0 cannot carry at all (C0 controls other than tab, line feed and carriage return;
    /// U+FFFE; U+FFFF) become `?`; the document stays well-formed.
    @Test(arguments: [("nul\u{0}", "nul?"), ("bell\u{7}esc\u{1B}", "bell?esc?"), ("\u{1}\u{1F}", "??"),
                      ("\u{FFFE}x\u{FFFF}", "?x?"), ("ok\u{FFFD}", "ok\u{FFFD}")])
    func charactersXMLCannotCarryBecomeQuestionMarks(_ text: String, _ expected: String) throws {
        let xml = try Self.document(text, prettyPrinted: true)
        let root = try #require(try FoundationXML.XMLDocument(xmlString: xml, options: []).rootElement())
        #expect(root.attribute(forName: "value")?.stringValue == expected)
        #expect(root.elements(forName: "Leaf").first?.stringValue == expected)
    }

    @Test(.enabled(if: ISO20022SchemaValidator.xmllintPath != nil))
    func xmllintFindsEveryDocumentWellFormed() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-xml-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for (index, text) in (Self.texts + ["nul\u{0}", "\u{FFFE}\u{FFFF}"]).enumerated() {
            let file = directory.appendingPathComponent("\(index).xml")
            try Data(try Self.document(text, prettyPrinted: index % 2 == 0).utf8).write(to: file)
            files.append(file.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(ISO20022SchemaValidator.xmllintPath))
        process.arguments = ["--noout"] + files
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }

    @Test func prettyPrintingPutsEachElementOnItsOwnIndentedLine() throws {
        var writer = XMLStreamWriter()
        try writer.writeElement("A") { writer throws(ISO20022Error) in
            writer.writeAttribute("z", "1")
            writer.writeElement("B", text: "x")
            writer.writeElement("C", text: "")
            try writer.writeElement("D") { writer throws(ISO20022Error) in
                writer.writeElement("E", text: " y ")
            }
            try writer.writeElement("F") { _ throws(ISO20022Error) in }
        }
        #expect(writer.takeString() == "<A z=\"1\">\n  <B>x</B>\n  <C/>\n  <D>\n    <E> y </E>\n  </D>\n  <F/>\n</A>")
    }

    @Test func prettyAndCompactDocumentsReadAsTheSameTree() throws {
        for text in Self.texts {
            let pretty = try XMLReader().read(try Self.document(text, prettyPrinted: true))
            let compact = try XMLReader().read(try Self.document(text, prettyPrinted: false))
            #expect(pretty == compact)
        }
    }

    @Test func theBufferGrowsPastItsFirstCapacity() throws {
        var writer = XMLStreamWriter(prettyPrinted: true, capacity: 16)
        let count = 5_000
        try writer.writeElement("List") { writer throws(ISO20022Error) in
            for index in 0..<count { writer.writeElement("Item", text: "Щука & 王 \(index)") }
        }
        let xml = writer.takeString()
        #expect(xml.utf8.count > XMLStreamWriter.initialCapacity * 10)
        let root = try #require(try FoundationXML.XMLDocument(xmlString: xml, options: []).rootElement())
        let items = root.elements(forName: "Item")
        #expect(items.count == count)
        #expect(items.last?.stringValue == "Щука & 王 \(count - 1)")
    }

    @Test func deepNestingIndentsPastThePrecomputedDepth() throws {
        var writer = XMLStreamWriter(prettyPrinted: true, indent: "\t")
        let depth = XMLStreamWriter.depthPrecomputedMax + 5
        for _ in 0..<depth { writer.writeStartTag("E") }
        writer.writeElement("L", text: "x")
        for _ in 0..<depth { writer.writeEndTag("E") }
        let lines = writer.takeString().split(separator: "\n")
        #expect(lines.count == 2 * depth + 1)
        for (offset, line) in lines.enumerated() {
            #expect(line.prefix(while: { $0 == "\t" }).count == min(offset, lines.count - 1 - offset))
        }
    }

    @Test func oneWriterWritesDocumentAfterDocument() throws {
        let message = BusinessMessage(from: Fixtures.sberbank, to: Fixtures.bankOfChina, creationDate: Fixtures.created,
                                      document: Fixtures.creditTransfer(.cyrillic))
        let both = try message.xml()
        #expect(both.header == (try message.header.xml()))
        #expect(both.document == (try message.document.xml()))
        #expect(try BusinessApplicationHeader(xml: both.header) == message.header)
    }

    @Test(arguments: Fixtures.Script.allCases)
    func compactMessagesReadAsThePrettyOnes(_ script: Fixtures.Script) throws {
        let transfer = Fixtures.creditTransfer(script)
        #expect(try CustomerCreditTransfer(xml: transfer.xml(prettyPrinted: false))
            == CustomerCreditTransfer(xml: transfer.xml()))
        let statement = Fixtures.statement(script)
        #expect(try BankToCustomerStatement(xml: statement.xml(prettyPrinted: false))
            == BankToCustomerStatement(xml: statement.xml()))
        #expect(try transfer.documentElement() == XMLReader().read(transfer.xml()))
    }
}
