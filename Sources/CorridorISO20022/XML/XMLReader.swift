import CorridorCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses XML text into an ``XMLElement`` tree with each element's path filled in, using Foundation's `XMLParser`.
///
/// Guarantees: namespace prefixes are dropped from element names (ISO 20022 documents use one namespace per
/// document); whitespace between elements is dropped, leaf text is kept exactly; documents with a DTD are
/// rejected (no entity expansion); input is bounded by ``inputBytesMax`` and nesting by ``depthMax``.
public struct XMLReader: Sendable {
    /// The largest document accepted, in bytes.
    public static let inputBytesMax = 16 * 1024 * 1024
    /// The deepest nesting accepted (ISO 20022 messages stay well under 20).
    public static let depthMax = 64

    /// Creates a reader.
    public init() {}

    /// Parses a document and returns its root element.
    /// - Parameter data: UTF-8 XML text.
    /// - Throws: ``ISO20022Error/malformedXML(line:column:message:)``.
    public func read(_ data: Data) throws(ISO20022Error) -> XMLElement {
        guard data.count <= Self.inputBytesMax else {
            throw .malformedXML(line: 0, column: 0, message: "document larger than \(Self.inputBytesMax) bytes")
        }
        // A DTD could declare entities that expand without bound; ISO 20022 documents never carry one.
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw .malformedXML(line: 0, column: 0, message: "DOCTYPE declarations are not accepted")
        }
        // FoundationXML traps on an element name that is not UTF-8 (fuzz target `iso20022`), so such a document
        // never reaches the parser.
        if let offset = UTF8Validation.firstInvalidOffset(in: data) {
            let (line, column) = Self.position(of: offset, in: data)
            throw .malformedXML(line: line, column: column, message: "not UTF-8 at byte \(offset)")
        }
        // FoundationXML reads a processing instruction without data (`<?pi?>`) through a null pointer (fuzz target
        // `iso20022`); ISO 20022 documents carry none, so any besides the XML declaration is refused first.
        if let (offset, message) = Self.firstProcessingInstruction(data) {
            let (line, column) = Self.position(of: offset, in: data)
            throw .malformedXML(line: line, column: column, message: message)
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder()
        parser.delegate = builder
        let parsed = parser.parse()
        if let failure = builder.failure {
            throw .malformedXML(line: parser.lineNumber, column: parser.columnNumber, message: failure)
        }
        guard parsed, let root = builder.root else {
            let message = parser.parserError.map { "\($0.localizedDescription)" } ?? "no root element"
            throw .malformedXML(line: parser.lineNumber, column: parser.columnNumber, message: message)
        }
        return root
    }

    /// Where the first processing instruction (`<?` outside comments and CDATA sections) other than an XML
    /// declaration at the very start of the document (after an optional byte-order mark) starts, with what is wrong;
    /// nil when there is none. A declaration holding `<` or `>` before its `?>` counts as broken: the parser would
    /// recover from it and read what follows as instructions.
    static func firstProcessingInstruction(_ data: Data) -> (offset: Int, message: String)? {
        let bytes = [UInt8](data)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        var index = start
        if bytes[start...].starts(with: Array("<?xml".utf8)), start + 5 < bytes.count,
           [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start + 5]) {
            guard let end = Self.offset(of: Array("?>".utf8), in: bytes, from: start + 5),
                !bytes[(start + 5)..<end].contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
            else { return (start, "the XML declaration is not closed by ?>") }
            index = end + 2
        }
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if bytes[index + 1] == UInt8(ascii: "?") { return (index, "processing instructions are not accepted") }
            let rest = bytes[index...]
            if rest.starts(with: Array("<!--".utf8)) {
                guard let end = Self.offset(of: Array("-->".utf8), in: bytes, from: index + 4) else { return nil }
                index = end + 3
            } else if rest.starts(with: Array("<![CDATA[".utf8)) {
                guard let end = Self.offset(of: Array("]]>".utf8), in: bytes, from: index + 9) else { return nil }
                index = end + 3
            } else {
                index += 1
            }
        }
        return nil
    }

    /// The offset of `needle` in `bytes` at or after `from`, or nil.
    private static func offset(of needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard from <= bytes.count - needle.count else { return nil }
        for index in from...(bytes.count - needle.count) where bytes[index] == needle[0] {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
        }
        return nil
    }

    /// The line and column (both from 1) of a byte offset.
    private static func position(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        let before = data.prefix(offset)
        let line = 1 + before.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0
        return (line, offset - lineStart + 1)
    }

    /// Parses a document from a string.
    /// - Throws: ``ISO20022Error/malformedXML(line:column:message:)``.
    public func read(_ text: String) throws(ISO20022Error) -> XMLElement {
        try read(Data(text.utf8))
    }
}

/// The `XMLParser` delegate that assembles the tree. It lives only for one synchronous `parse()` call.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    private struct Open {
        var element: XMLElement
        var text: String
        var childNameCounts: [String: Int]
    }
    private var stack: [Open] = []
    var root: XMLElement?
    var failure: String?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard stack.count < XMLReader.depthMax else {
            failure = "nesting deeper than \(XMLReader.depthMax)"
            parser.abortParsing()
            return
        }
        let localName = elementName.split(separator: ":").last.map(String.init) ?? elementName
        var element = XMLElement(localName)
        // The parser hands attributes over unordered; sorting by name keeps the tree deterministic.
        element.attributes = attributeDict.sorted(by: { $0.key < $1.key }).map { XMLAttribute($0.key, $0.value) }
        if stack.isEmpty {
            element.path = "/" + localName
        } else {
            let count = (stack[stack.count - 1].childNameCounts[localName] ?? 0) + 1
            stack[stack.count - 1].childNameCounts[localName] = count
            element.path = stack[stack.count - 1].element.path + "/" + localName + (count > 1 ? "[\(count)]" : "")
        }
        stack.append(Open(element: element, text: "", childNameCounts: [:]))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        guard var open = stack.popLast() else { return }
        // Text between child elements is indentation; only a leaf's text is content.
        if open.element.children.isEmpty { open.element.text = open.text }
        if stack.isEmpty {
            root = open.element
        } else {
            stack[stack.count - 1].element.children.append(open.element)
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil { failure = "\(parseError.localizedDescription)" }
    }
}
