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

    /// The bytes the output buffer starts with room for: a head.001 or a one-transaction pacs.008 fits.
    static let initialCapacity = 4_096
    /// The deepest nesting whose line break and indentation are appended in one piece (deeper ones still indent).
    static let depthPrecomputedMax = 24

    /// The whole document: the XML declaration, then the root element, then a final line feed.
    public func document(_ root: XMLElement) -> String {
        var output = Output(writer: self)
        output.bytes.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
        withUnsafePointer(to: root) { output.write($0, depth: 0) }
        output.bytes.append(UInt8(ascii: "\n"))
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// One element and its descendants, without a declaration.
    public func fragment(_ element: XMLElement) -> String {
        var output = Output(writer: self)
        withUnsafePointer(to: element) { output.write($0, depth: 0) }
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// The bytes of one document being written.
    ///
    /// Everything is written as UTF-8 bytes into one buffer, and the String is made once at the end: appending to a
    /// String character by character cost more than everything else the writer does. Elements are visited through
    /// pointers into their arrays' buffers, valid for the duration of the call, so that no element is copied (a copy
    /// retains and releases each of its fields); a line break with its indentation is one append of a prefix of
    /// ``lineBreak``.
    private struct Output {
        var bytes: [UInt8] = []
        let prettyPrinted: Bool
        let indent: String
        /// A line feed, then ``XMLWriter/depthPrecomputedMax`` indentation units.
        let lineBreak: [UInt8]
        let indentByteCount: Int

        init(writer: XMLWriter) {
            bytes.reserveCapacity(XMLWriter.initialCapacity)
            prettyPrinted = writer.prettyPrinted
            indent = writer.indent
            indentByteCount = writer.indent.utf8.count
            var lineBreak: [UInt8] = [UInt8(ascii: "\n")]
            if writer.prettyPrinted {
                lineBreak.reserveCapacity(1 + indentByteCount * XMLWriter.depthPrecomputedMax)
                for _ in 0..<XMLWriter.depthPrecomputedMax { lineBreak.append(contentsOf: writer.indent.utf8) }
            }
            self.lineBreak = lineBreak
        }

        mutating func write(_ element: UnsafePointer<XMLElement>, depth: Int) {
            bytes.append(UInt8(ascii: "<"))
            append(element.pointee.name)
            for attribute in element.pointee.attributes {
                bytes.append(UInt8(ascii: " "))
                append(attribute.name)
                bytes.append(UInt8(ascii: "="))
                bytes.append(UInt8(ascii: "\""))
                XMLWriter.escape(attribute.value, into: &bytes)
                bytes.append(UInt8(ascii: "\""))
            }
            if let text = element.pointee.text, !text.isEmpty {
                bytes.append(UInt8(ascii: ">"))
                XMLWriter.escape(text, into: &bytes)
            } else if element.pointee.children.isEmpty {
                bytes.append(UInt8(ascii: "/"))
                bytes.append(UInt8(ascii: ">"))
                return
            } else {
                bytes.append(UInt8(ascii: ">"))
                element.pointee.children.withUnsafeBufferPointer { children in
                    guard let first = children.baseAddress else { return }
                    for index in children.indices {
                        if prettyPrinted { newLine(depth: depth + 1) }
                        write(first + index, depth: depth + 1)
                    }
                }
                if prettyPrinted { newLine(depth: depth) }
            }
            bytes.append(UInt8(ascii: "<"))
            bytes.append(UInt8(ascii: "/"))
            append(element.pointee.name)
            bytes.append(UInt8(ascii: ">"))
        }

        private mutating func newLine(depth: Int) {
            guard depth <= XMLWriter.depthPrecomputedMax else {
                bytes.append(UInt8(ascii: "\n"))
                for _ in 0..<depth { append(indent) }
                return
            }
            let count = 1 + depth * indentByteCount
            lineBreak.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
        }

        /// Appends a string's UTF-8 bytes as they are.
        @inline(__always)
        private mutating func append(_ text: String) {
            let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
            if done == nil { bytes.append(contentsOf: text.utf8) }
        }
    }

    /// Appends `text` with every character XML needs escaped replaced (see the type's guarantees).
    public static func escape(_ text: String, into output: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        escape(text, into: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of `text` escaped as ``escape(_:into:)-(String,String)`` does.
    static func escape(_ text: String, into output: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { escape(utf8: $0, into: &output) }
        if done == nil { Array(text.utf8).withUnsafeBufferPointer { escape(utf8: $0, into: &output) } }
    }

    /// Copies runs of bytes that need nothing and replaces the rest. Text is valid UTF-8 (it comes from a String),
    /// so the characters that need escaping are recognized by their bytes: ASCII ones by one byte, the C1 controls
    /// U+0080...U+009F by C2 80...C2 9F, U+FFFE and U+FFFF by EF BF BE and EF BF BF.
    private static func escape(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let end = bytes.count
        var runStart = 0
        var index = 0
        while index < end {
            let byte = bytes[index]
            guard byteNeedsAttention(byte) else {
                index += 1
                continue
            }
            let replacement: StaticString
            var length = 1
            switch byte {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&apos;"
            case 0x09: replacement = "&#x9;"
            case 0x0A: replacement = "&#xA;"
            case 0x0D: replacement = "&#xD;"
            case 0x00...0x1F: replacement = "?"
            case 0x7F: replacement = "&#x7F;"
            case 0xC2 where index + 1 < end && (0x80...0x9F).contains(bytes[index + 1]):
                replacement = c1References[Int(bytes[index + 1] - 0x80)]
                length = 2
            case 0xEF where index + 2 < end && bytes[index + 1] == 0xBF && (0xBE...0xBF).contains(bytes[index + 2]):
                replacement = "?"
                length = 3
            default:
                index += 1
                continue
            }
            if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            replacement.withUTF8Buffer { output.append(contentsOf: $0) }
            index += length
            runStart = index
        }
        if runStart < end { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
    }

    /// Whether a byte may start something to escape: an ASCII control, `"`, `&`, `'`, `<`, `>`, DEL, or the lead
    /// byte of a C1 control (C2) or of U+FFFE/U+FFFF (EF).
    @inline(__always)
    private static func byteNeedsAttention(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x1F, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x7F, 0xC2, 0xEF: true
        default: false
        }
    }

    /// `&#x80;` ... `&#x9F;`, the character references of the C1 controls.
    private static let c1References: [StaticString] = [
        "&#x80;", "&#x81;", "&#x82;", "&#x83;", "&#x84;", "&#x85;", "&#x86;", "&#x87;",
        "&#x88;", "&#x89;", "&#x8A;", "&#x8B;", "&#x8C;", "&#x8D;", "&#x8E;", "&#x8F;",
        "&#x90;", "&#x91;", "&#x92;", "&#x93;", "&#x94;", "&#x95;", "&#x96;", "&#x97;",
        "&#x98;", "&#x99;", "&#x9A;", "&#x9B;", "&#x9C;", "&#x9D;", "&#x9E;", "&#x9F;",
    ]

    /// `text` escaped as ``escape(_:into:)-(String,String)`` does.
    public static func escaped(_ text: String) -> String {
        var output = ""
        escape(text, into: &output)
        return output
    }
}
