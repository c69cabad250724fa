/// Serializes ``XMLElement`` trees to UTF-8 XML 1.0 text, deterministically, through ``XMLStreamWriter`` (the message
/// types write through that directly, without a tree).
///
/// Guarantees: the same tree always gives the same bytes; the output is well-formed XML 1.0 whatever the input
/// text holds, escaped as ``XMLStreamWriter`` guarantees. An element whose text is present and not empty is written
/// with that text (its children, if any, are ignored); one without text or children as `<name/>`.
public struct XMLWriter: Sendable {
    /// Whether to indent nested elements (leaf text is never touched, so reading gives back the same values).
    public var prettyPrinted: Bool
    /// The indentation unit used when ``prettyPrinted`` is set.
    public var indent: String

    /// Creates a writer.
    /// - Parameters:
    ///   - prettyPrinted: one element per line, indented; otherwise no whitespace between elements.
    ///   - indent: the indentation unit.
    public init(prettyPrinted: Bool = true, indent: String = "  ") {
        self.prettyPrinted = prettyPrinted
        self.indent = indent
    }

    /// The deepest nesting whose line break and indentation are appended in one piece (deeper ones still indent).
    static let depthPrecomputedMax = XMLStreamWriter.depthPrecomputedMax

    /// The whole document: the XML declaration, then the root element, then a final line feed.
    public func document(_ root: XMLElement) -> String {
        var output = XMLStreamWriter(prettyPrinted: prettyPrinted, indent: indent)
        output.writeDeclaration()
        Self.write(root, to: &output)
        output.writeDocumentEnd()
        return output.takeString()
    }

    /// One element and its descendants, without a declaration.
    public func fragment(_ element: XMLElement) -> String {
        var output = XMLStreamWriter(prettyPrinted: prettyPrinted, indent: indent)
        Self.write(element, to: &output)
        return output.takeString()
    }

    /// Writes `element` and its descendants.
    public static func write(_ element: XMLElement, to output: inout XMLStreamWriter) {
        output.writeStartTag(element.name)
        for attribute in element.attributes { output.writeAttribute(attribute.name, attribute.value) }
        if let text = element.text, !text.isEmpty {
            output.writeText(text)
        } else {
            for child in element.children { write(child, to: &output) }
        }
        output.writeEndTag(element.name)
    }

    /// Appends `text` with every character XML needs escaped replaced (see ``XMLStreamWriter``'s guarantees).
    public static func escape(_ text: String, into output: inout String) {
        output += escaped(text)
    }

    /// `text` escaped as ``escape(_:into:)`` does.
    public static func escaped(_ text: String) -> String {
        var output = XMLStreamWriter(prettyPrinted: false, capacity: text.utf8.count)
        XMLStreamWriter.withUTF8(text) { output.writeEscaped($0) }
        return output.takeString()
    }
}
