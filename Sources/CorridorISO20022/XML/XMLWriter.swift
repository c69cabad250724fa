/// Serializes ``XMLElement`` trees to UTF-8 XML 1.0 text, deterministically.
///
/// Guarantees: the same tree always gives the same bytes; the output is well-formed XML 1.0 whatever the input
/// text holds. `&`, `<`, `>`, `"` and `'` are written as entity references everywhere; tab, line feed and carriage
/// return as character references (so no parser normalizes them away); DEL and the C1 controls as character
/// references; the characters XML 1.0 cannot carry at all (other C0 controls, U+FFFE, U+FFFF) as `?`.
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

    /// The whole document: the XML declaration, then the root element, then a final line feed.
    public func document(_ root: XMLElement) -> String {
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        write(root, depth: 0, into: &output)
        output += "\n"
        return output
    }

    /// One element and its descendants, without a declaration.
    public func fragment(_ element: XMLElement) -> String {
        var output = ""
        write(element, depth: 0, into: &output)
        return output
    }

    private func write(_ element: XMLElement, depth: Int, into output: inout String) {
        output += "<"
        output += element.name
        for attribute in element.attributes {
            output += " "
            output += attribute.name
            output += "=\""
            Self.escape(attribute.value, into: &output)
            output += "\""
        }
        if let text = element.text, !text.isEmpty {
            output += ">"
            Self.escape(text, into: &output)
        } else if element.children.isEmpty {
            output += "/>"
            return
        } else {
            output += ">"
            for child in element.children {
                if prettyPrinted {
                    output += "\n"
                    for _ in 0...depth { output += indent }
                }
                write(child, depth: depth + 1, into: &output)
            }
            if prettyPrinted {
                output += "\n"
                for _ in 0..<depth { output += indent }
            }
        }
        output += "</"
        output += element.name
        output += ">"
    }

    /// Appends `text` with every character XML needs escaped replaced (see the type's guarantees).
    public static func escape(_ text: String, into output: inout String) {
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
    }

    /// `text` escaped as ``escape(_:into:)`` does.
    public static func escaped(_ text: String) -> String {
        var output = ""
        escape(text, into: &output)
        return output
    }
}
