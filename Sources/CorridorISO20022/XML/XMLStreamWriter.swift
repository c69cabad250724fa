/// Writes XML 1.0 as UTF-8 bytes straight into one growing buffer, element by element, so that a message is written
/// without building an element tree first (the message types write themselves through it; ``XMLWriter`` walks an
/// ``XMLElement`` tree through it).
///
/// Layout: when ``prettyPrinted`` is set, every element starts on its own line, indented by its depth, and an element
/// with child elements closes on its own line; a leaf keeps its text on its line (`<Nm>text</Nm>`), and an element
/// with neither children nor text is written `<Nm/>`. Without it, nothing separates the elements. Elements hold
/// either child elements or text, never both (ISO 20022 has no mixed content).
///
/// Guarantees:
/// - The output is well-formed XML 1.0 whatever the texts and attribute values hold: `&`, `<`, `>`, `"` and `'` are
///   written as entity references; tab, line feed and carriage return as character references (so no parser
///   normalizes them away); DEL and the C1 controls as character references; the characters XML 1.0 cannot carry
///   at all (other C0 controls, U+FFFE, U+FFFF) as `?`. Escaping is one pass over the text's UTF-8 bytes.
/// - Elements written with ``writeElement(_:_:)`` or ``writeElement(_:text:)`` are balanced by construction.
/// - The same calls always give the same bytes.
///
/// Element and attribute names are written as given: they must be XML names (the message types pass the
/// standard's tag names as `StaticString`s, whose bytes are used in place).
public struct XMLStreamWriter: ~Copyable {
    /// Whether elements go on their own indented lines.
    public let prettyPrinted: Bool
    /// The buffer; `count` bytes of it are written, `capacity` allocated.
    private var start: UnsafeMutablePointer<UInt8>
    private var count: Int
    /// Bytes already handed to ``drain``; ``byteCount`` counts them.
    private var drained = 0
    /// Where a full buffer goes instead of growing (``drain(into:)``).
    private var drain: ((UnsafeRawBufferPointer) -> Void)?
    private var capacity: Int
    /// Elements started and not yet ended.
    private var depth: Int
    /// What was written last inside the innermost open element.
    private var state: State
    /// A line feed followed by ``depthPrecomputedMax`` indentation units, so that a line break and its indentation
    /// are one copy; either ``twoSpaceLineBreak``'s bytes or a buffer this writer owns (`ownsLineBreak`).
    private let lineBreak: UnsafePointer<UInt8>
    private let ownsLineBreak: Bool
    /// The indentation unit's length in bytes.
    private let indentByteCount: Int

    private enum State {
        /// `<name` and maybe attributes are written; `>` or `/>` is not, so attributes may still follow.
        case startTagOpen
        /// The start tag is closed and text follows it: the end tag goes on the same line.
        case text
        /// The start tag is closed and child elements follow it (or nothing is open).
        case children
    }

    /// The deepest nesting whose line break and indentation are appended in one piece (deeper ones still indent).
    public static let depthPrecomputedMax = 32
    /// The bytes a new writer reserves: a head.001 or a one-transaction pacs.008 fits.
    public static let initialCapacity = 4_096
    /// A line feed and ``depthPrecomputedMax`` two-space units: the default indentation, used in place.
    private static let twoSpaceLineBreak: StaticString =
        "\n                                                                "
    /// The XML declaration every document starts with, and its line feed.
    private static let declaration: StaticString = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// Creates an empty writer.
    /// - Parameters:
    ///   - prettyPrinted: one element per line, indented by `indent` per level; otherwise no whitespace between
    ///     elements.
    ///   - indent: the indentation unit.
    ///   - capacity: the bytes to reserve; the buffer grows as needed.
    public init(prettyPrinted: Bool = true, indent: String = "  ", capacity: Int = XMLStreamWriter.initialCapacity) {
        precondition(Self.twoSpaceLineBreak.utf8CodeUnitCount == 1 + 2 * Self.depthPrecomputedMax,
                     "the two-space line break table covers depthPrecomputedMax levels")
        self.prettyPrinted = prettyPrinted
        self.capacity = max(capacity, 64)
        start = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
        count = 0
        depth = 0
        state = .children
        var indent = indent
        indentByteCount = indent.utf8.count
        if indent == "  " || !prettyPrinted {
            lineBreak = UnsafePointer(Self.twoSpaceLineBreak.utf8Start)
            ownsLineBreak = false
        } else {
            let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 + indentByteCount * Self.depthPrecomputedMax)
            table[0] = UInt8(ascii: "\n")
            indent.withUTF8 { unit in
                guard let unitStart = unit.baseAddress else { return }
                for level in 0..<Self.depthPrecomputedMax {
                    (table + 1 + level * unit.count).update(from: unitStart, count: unit.count)
                }
            }
            lineBreak = UnsafePointer(table)
            ownsLineBreak = true
        }
    }

    deinit {
        start.deallocate()
        if ownsLineBreak { lineBreak.deallocate() }
    }

    /// The number of bytes written since the writer was created or last emptied (with those handed to a drain).
    public var byteCount: Int { drained + count }

    /// From now on, hands the written bytes to `sink` whenever the buffer is full instead of growing it, so a
    /// document of any size is written in the writer's capacity; ``flush()`` hands over the rest. The bytes come in
    /// order; `sink` sees each piece only during its call. ``takeString()`` is then not available.
    public mutating func drain(into sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        drain = sink
    }

    /// Hands the bytes not yet drained to the drain set with ``drain(into:)``.
    public mutating func flush() {
        guard let drain, count > 0 else { return }
        drain(UnsafeRawBufferPointer(start: start, count: count))
        drained += count
        count = 0
    }

    /// Whether no element is open: the writer holds whole elements only.
    public var isAtTopLevel: Bool { depth == 0 }

    // MARK: Documents

    /// Writes the XML declaration and its line feed; a document's first call.
    /// - Returns: the bytes written.
    @discardableResult
    public mutating func writeDeclaration() -> Int {
        writeRaw(Self.declaration)
    }

    /// Writes the line feed that ends a document after its root element.
    /// - Returns: the bytes written.
    @discardableResult
    public mutating func writeDocumentEnd() -> Int {
        precondition(depth == 0, "XMLStreamWriter: the document ends with elements still open")
        reserve(1)
        put(UInt8(ascii: "\n"))
        return 1
    }

    /// The text written so far; the writer is then empty and may write another document.
    public mutating func takeString() -> String {
        precondition(depth == 0, "XMLStreamWriter: taking the text with elements still open")
        precondition(drain == nil, "XMLStreamWriter: a draining writer's text went to its drain")
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        count = 0
        state = .children
        return text
    }

    /// Calls `body` with the bytes written so far (valid only during the call).
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    // MARK: Elements

    /// Writes an element whose content (attributes first, then child elements or text) `content` writes.
    /// - Returns: the bytes written.
    /// - Throws: what `content` throws; the writer then holds an unfinished element and should be dropped.
    @discardableResult @inline(__always)
    public mutating func writeElement(
        _ name: StaticString, _ content: (inout XMLStreamWriter) throws(ISO20022Error) -> Void
    ) throws(ISO20022Error) -> Int {
        let before = byteCount
        writeStartTag(name)
        try content(&self)
        writeEndTag(name)
        return byteCount - before
    }

    /// Writes a leaf element holding `text` (escaped); an empty text gives `<name/>`.
    /// - Returns: the bytes written.
    @discardableResult
    public mutating func writeElement(_ name: StaticString, text: String) -> Int {
        name.withUTF8Buffer { name in writeLeaf(name: name, text: text) }
    }

    /// Writes a leaf element when `text` is present, nothing otherwise.
    /// - Returns: the bytes written.
    @discardableResult
    public mutating func writeElement(_ name: StaticString, optionalText text: String?) -> Int {
        guard let text else { return 0 }
        return writeElement(name, text: text)
    }

    /// Writes an attribute of the element just started, before its content.
    /// - Returns: the bytes written.
    @discardableResult
    public mutating func writeAttribute(_ name: StaticString, _ value: String) -> Int {
        name.withUTF8Buffer { name in writeAttribute(name: name, value: value) }
    }

    /// Writes text (escaped) as the content of the element just started; an empty text writes nothing.
    /// - Returns: the bytes written.
    @discardableResult
    public mutating func writeText(_ text: String) -> Int {
        return Self.withUTF8(text) { bytes in
            guard !bytes.isEmpty else { return 0 }
            let before = byteCount
            closeStartTagForText()
            writeEscaped(bytes)
            return byteCount - before
        }
    }

    /// Starts an element: `<name`, after the line break and indentation its depth needs. Attributes may follow until
    /// content is written. Pairs with ``writeEndTag(_:)-(StaticString)``; prefer ``writeElement(_:_:)``, which
    /// cannot leave one out.
    /// - Returns: the bytes written.
    @discardableResult
    public mutating func writeStartTag(_ name: StaticString) -> Int {
        name.withUTF8Buffer { name in writeStartTag(name: name) }
    }

    /// Ends the innermost open element, which must be named `name`: `/>` if it has no content, `</name>` otherwise.
    /// - Returns: the bytes written.
    @discardableResult
    public mutating func writeEndTag(_ name: StaticString) -> Int {
        name.withUTF8Buffer { name in writeEndTag(name: name) }
    }

    /// ``writeStartTag(_:)-(StaticString)`` for a name known only at run time.
    /// - Returns: the bytes written.
    @discardableResult
    public mutating func writeStartTag(_ name: String) -> Int {
        Self.withUTF8(name) { writeStartTag(name: $0) }
    }

    /// ``writeEndTag(_:)-(StaticString)`` for a name known only at run time.
    /// - Returns: the bytes written.
    @discardableResult
    public mutating func writeEndTag(_ name: String) -> Int {
        Self.withUTF8(name) { writeEndTag(name: $0) }
    }

    /// ``writeAttribute(_:_:)-(StaticString,String)`` for a name known only at run time.
    /// - Returns: the bytes written.
    @discardableResult
    public mutating func writeAttribute(_ name: String, _ value: String) -> Int {
        Self.withUTF8(name) { writeAttribute(name: $0, value: value) }
    }

    /// Writes a leaf element whose text `body` writes straight into the buffer: at most `lengthMax` bytes of ASCII
    /// that needs no escaping (digits, dates, hexadecimal), returning how many it wrote (at least one).
    /// - Returns: the bytes written.
    @discardableResult
    mutating func writeElement(
        _ name: StaticString, asciiLengthMax lengthMax: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int
    ) -> Int {
        let before = byteCount
        writeStartTag(name)
        writeASCIIText(lengthMax: lengthMax, body)
        writeEndTag(name)
        return byteCount - before
    }

    /// Writes the content of the element just started as in ``writeElement(_:asciiLengthMax:_:)``.
    mutating func writeASCIIText(lengthMax: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        closeStartTagForText()
        reserve(lengthMax)
        let written = body(start + count)
        precondition(written > 0 && written <= lengthMax, "XMLStreamWriter: ASCII text of the wrong length")
        count += written
    }

    // MARK: Bytes

    @inline(__always)
    private mutating func writeStartTag(name: UnsafeBufferPointer<UInt8>) -> Int {
        let before = byteCount
        reserve(name.count + 2 + lineBreakLength(depth: depth))
        if state == .startTagOpen { put(UInt8(ascii: ">")) }
        if prettyPrinted && depth > 0 { writeLineBreak(depth: depth) }
        put(UInt8(ascii: "<"))
        put(name)
        depth += 1
        state = .startTagOpen
        return byteCount - before
    }

    @inline(__always)
    private mutating func writeEndTag(name: UnsafeBufferPointer<UInt8>) -> Int {
        precondition(depth > 0, "XMLStreamWriter: an end tag without a start tag")
        let before = byteCount
        depth -= 1
        switch state {
        case .startTagOpen:
            reserve(2)
            put(UInt8(ascii: "/"))
            put(UInt8(ascii: ">"))
        case .text:
            reserve(name.count + 3)
            putEndTag(name)
        case .children:
            reserve(name.count + 3 + lineBreakLength(depth: depth))
            if prettyPrinted { writeLineBreak(depth: depth) }
            putEndTag(name)
        }
        state = .children
        return byteCount - before
    }

    /// A whole leaf, with one capacity check for its tags.
    @inline(__always)
    private mutating func writeLeaf(name: UnsafeBufferPointer<UInt8>, text: String) -> Int {
        return Self.withUTF8(text) { bytes in
            guard !bytes.isEmpty else { return writeStartTag(name: name) + writeEndTag(name: name) }
            let before = byteCount
            reserve(2 * name.count + 6 + lineBreakLength(depth: depth))
            if state == .startTagOpen { put(UInt8(ascii: ">")) }
            if prettyPrinted && depth > 0 { writeLineBreak(depth: depth) }
            put(UInt8(ascii: "<"))
            put(name)
            put(UInt8(ascii: ">"))
            writeEscaped(bytes)
            reserve(name.count + 3)
            putEndTag(name)
            state = .children
            return byteCount - before
        }
    }

    private mutating func writeAttribute(name: UnsafeBufferPointer<UInt8>, value: String) -> Int {
        precondition(state == .startTagOpen, "XMLStreamWriter: an attribute after the element's content")
        let before = byteCount
        reserve(name.count + 3)
        put(UInt8(ascii: " "))
        put(name)
        put(UInt8(ascii: "="))
        put(UInt8(ascii: "\""))
        Self.withUTF8(value) { writeEscaped($0) }
        reserve(1)
        put(UInt8(ascii: "\""))
        return byteCount - before
    }

    @inline(__always)
    private mutating func closeStartTagForText() {
        precondition(depth > 0 && state != .children, "XMLStreamWriter: text outside an element or after its children")
        if state == .startTagOpen {
            reserve(1)
            put(UInt8(ascii: ">"))
        }
        state = .text
    }

    @inline(__always)
    private mutating func putEndTag(_ name: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "<"))
        put(UInt8(ascii: "/"))
        put(name)
        put(UInt8(ascii: ">"))
    }

    /// The bytes of a line break at `depth` when it is one copy, or 0 (none, or written piece by piece).
    @inline(__always)
    private func lineBreakLength(depth: Int) -> Int {
        prettyPrinted && depth <= Self.depthPrecomputedMax ? 1 + depth * indentByteCount : 0
    }

    @inline(__always)
    private mutating func writeLineBreak(depth: Int) {
        guard depth <= Self.depthPrecomputedMax else {
            writeRaw(UnsafeBufferPointer(start: lineBreak, count: 1))
            let unit = UnsafeBufferPointer(start: lineBreak + 1, count: indentByteCount)
            for _ in 0..<depth { writeRaw(unit) }
            return
        }
        put(UnsafeBufferPointer(start: lineBreak, count: 1 + depth * indentByteCount))
    }

    @discardableResult
    private mutating func writeRaw(_ text: StaticString) -> Int {
        text.withUTF8Buffer { writeRaw($0) }
    }

    @discardableResult
    private mutating func writeRaw(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        reserve(bytes.count)
        put(bytes)
        return bytes.count
    }

    /// Calls `body` with the UTF-8 bytes of `text`: in place for a native string (`withUTF8` is mutating, and the
    /// copy it needs cost a retain and a release per text), through a copy for a bridged one.
    @inline(__always)
    static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// Appends one byte; room was reserved.
    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        start[count] = byte
        count += 1
    }

    /// Appends bytes; room was reserved. Tag names, line breaks and most texts are short, and for them a few
    /// overlapping word copies cost less than a call to `memmove` (which the profile showed at ~10% of writing).
    @inline(__always)
    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        let length = bytes.count
        let target = UnsafeMutableRawPointer(start + count)
        let raw = UnsafeRawPointer(source)
        @inline(__always) func word(_ offset: Int) {
            (target + offset).storeBytes(of: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self),
                                         as: UInt64.self)
        }
        switch length {
        case 0..<4:
            for offset in 0..<length { start[count + offset] = source[offset] }
        case 4..<8:
            (target).storeBytes(of: raw.loadUnaligned(as: UInt32.self), as: UInt32.self)
            (target + length - 4).storeBytes(of: raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self),
                                             as: UInt32.self)
        case 8...16:
            word(0)
            word(length - 8)
        case 17...32:
            word(0)
            word(8)
            word(length - 16)
            word(length - 8)
        case 33...64:
            word(0)
            word(8)
            word(16)
            word(24)
            word(length - 32)
            word(length - 24)
            word(length - 16)
            word(length - 8)
        default:
            (start + count).update(from: source, count: length)
        }
        count += length
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        if drain != nil { flush() }
        if count + extra > capacity { grow(toAtLeast: count + extra) }
    }

    private mutating func grow(toAtLeast needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.update(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }

    // MARK: Escaping

    /// Appends `bytes` (valid UTF-8) escaped as the type's guarantees say, in one pass: runs of bytes that need
    /// nothing are copied whole. The characters to escape are recognized by their bytes: ASCII ones by one byte, the
    /// C1 controls U+0080...U+009F by C2 80...C2 9F, U+FFFE and U+FFFF by EF BF BE and EF BF BF.
    mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        let end = bytes.count
        var index = 0
        while index < end && !Self.byteNeedsAttention(bytes[index]) { index += 1 }
        if index == end {
            reserve(end)
            put(bytes)
            return
        }
        // Every byte may grow to at most six (`"` becomes `&quot;`; a two-byte C1 control becomes six bytes).
        reserve(end * 6)
        var runStart = 0
        while index < end {
            let byte = bytes[index]
            guard Self.byteNeedsAttention(byte) else {
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
                replacement = Self.c1References[Int(bytes[index + 1] - 0x80)]
                length = 2
            case 0xEF where index + 2 < end && bytes[index + 1] == 0xBF && (0xBE...0xBF).contains(bytes[index + 2]):
                replacement = "?"
                length = 3
            default:
                index += 1
                continue
            }
            if runStart < index { put(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            replacement.withUTF8Buffer { put($0) }
            index += length
            runStart = index
        }
        if runStart < end { put(UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
    }

    /// The bytes below 0x40 that may need escaping, as a bit set: the C0 controls, `"`, `&`, `'`, `<` and `>`.
    private static let attentionBytesBelow0x40: UInt64 =
        0xFFFF_FFFF | 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    /// Whether a byte may start something to escape: an ASCII control, `"`, `&`, `'`, `<`, `>`, DEL, or the lead
    /// byte of a C1 control (C2) or of U+FFFE/U+FFFF (EF).
    @inline(__always)
    private static func byteNeedsAttention(_ byte: UInt8) -> Bool {
        byte < 0x40 ? attentionBytesBelow0x40 & (1 << UInt64(byte)) != 0 : byte == 0x7F || byte == 0xC2 || byte == 0xEF
    }

    /// `&#x80;` ... `&#x9F;`, the character references of the C1 controls.
    private static let c1References: [StaticString] = [
        "&#x80;", "&#x81;", "&#x82;", "&#x83;", "&#x84;", "&#x85;", "&#x86;", "&#x87;",
        "&#x88;", "&#x89;", "&#x8A;", "&#x8B;", "&#x8C;", "&#x8D;", "&#x8E;", "&#x8F;",
        "&#x90;", "&#x91;", "&#x92;", "&#x93;", "&#x94;", "&#x95;", "&#x96;", "&#x97;",
        "&#x98;", "&#x99;", "&#x9A;", "&#x9B;", "&#x9C;", "&#x9D;", "&#x9E;", "&#x9F;",
    ]
}
