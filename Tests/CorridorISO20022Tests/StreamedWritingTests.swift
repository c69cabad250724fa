import CorridorCore
import CorridorISO20022
import Testing

/// ``ISO20022Message/writeXML(prettyPrinted:transliterator:to:)`` and ``XMLStreamWriter/drain(into:)``: a large
/// document written in pieces is the document ``ISO20022Message/xml(prettyPrinted:transliterator:)`` writes, byte for
/// byte, and no piece is larger than the writer's 64 KiB buffer.
@Suite struct StreamedWritingTests {
    /// A statement of `count` entries in every script the fixtures have (names escaped and transliterated).
    static func statement(entries count: Int) -> BankToCustomerStatement {
        var statement = Fixtures.statement(.latin)
        let scripts: [Fixtures.Script] = [.latin, .cyrillic, .chinese]
        statement.statements[0].entries = (0..<count).map { Fixtures.entry(scripts[$0 % scripts.count]) }
        return statement
    }

    @Test("a 5,000-entry camt.053 written in pieces is the same bytes as written whole", arguments: [true, false])
    func piecesAreTheWholeDocument(prettyPrinted: Bool) throws {
        let statement = Self.statement(entries: 5_000)
        let whole = try statement.xml(prettyPrinted: prettyPrinted)
        let pieces = PieceLog()
        try statement.writeXML(prettyPrinted: prettyPrinted, to: pieces.append)
        #expect(pieces.sizes.count > 10, "a multi-megabyte document comes in many pieces")
        #expect(pieces.sizes.allSatisfy { $0 > 0 && $0 <= 1 << 16 })
        #expect(pieces.bytes == Array(whole.utf8))
    }

    @Test("the byte counts a draining writer returns add up to what it drained")
    func byteCountsIncludeDrainedBytes() throws {
        var writer = XMLStreamWriter(prettyPrinted: false, capacity: 64)
        let pieces = PieceLog()
        writer.drain(into: pieces.append)
        var returned = writer.writeDeclaration()
        returned += try writer.writeElement("Root") { writer throws(ISO20022Error) in
            for index in 0..<200 { writer.writeElement("Leaf", text: "value \(index) & more") }
        }
        returned += writer.writeDocumentEnd()
        writer.flush()
        #expect(pieces.sizes.count > 10)
        #expect(returned == pieces.bytes.count)
        #expect(writer.byteCount == pieces.bytes.count)
        let text = String(decoding: pieces.bytes, as: UTF8.self)
        #expect(text.hasPrefix("<?xml"))
        #expect(text.hasSuffix("<Leaf>value 199 &amp; more</Leaf></Root>\n"))
    }

    @Test("a generated file's text is its pieces in order, the same on every read")
    func generatedFileTextIsItsPieces() throws {
        let statement = Self.statement(entries: 2_000)
        let file = GeneratedFile(name: "camt.053.xml") { sink in try? statement.writeXML(to: sink) }
        let whole = try statement.xml()
        #expect(file.text == whole)
        #expect(file.text == whole)
        let pieces = PieceLog()
        file.renamed("other/camt.053.xml").write(to: pieces.append)
        #expect(pieces.bytes == Array(whole.utf8))
        #expect(file.renamed("other/camt.053.xml").name == "other/camt.053.xml")
    }
}

/// The pieces a sink was given.
private final class PieceLog {
    var bytes: [UInt8] = []
    var sizes: [Int] = []
    func append(_ piece: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: piece)
        sizes.append(piece.count)
    }
}
