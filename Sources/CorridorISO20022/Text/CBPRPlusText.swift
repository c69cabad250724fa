/// The CBPR+ text rules the plain XSD does not check: the Latin character set, length limits, and the
/// identifier rules (SWIFT CBPR+ Usage Guidelines, "Character set" and "Text fields").
public enum CBPRPlusText {
    /// The punctuation of the CBPR+ extended character set (SWIFT FIN X set plus the extended ISO 20022 set).
    private static let punctuation: Set<Character> = [
        "/", "-", "?", ":", "(", ")", ".", ",", "'", "+", " ", "!", "#", "$", "%", "&", "*", "=", "^", "_", "`",
        "{", "|", "}", "~", "\"", ";", "<", ">", "@", "[", "\\", "]",
    ]

    /// True for the characters a CBPR+ text field may hold: ASCII letters, digits and ``punctuation``.
    public static func isAllowed(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        switch ascii {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return punctuation.contains(character)
        }
    }

    /// The bytes 0x00...0x7F that ``isAllowed(_:)`` accepts, as a 128-bit set (bit `b` of word `b / 64`), so
    /// text can be checked byte by byte without building `Character`s.
    private static let allowedBytes: (low: UInt64, high: UInt64) = {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in UInt8(0)...UInt8(0x7F) where isAllowed(Character(Unicode.Scalar(byte))) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        return (low, high)
    }()

    /// True when the UTF-8 byte is an ASCII character ``isAllowed(_:)`` accepts; a byte of a multi-byte character
    /// (0x80 and above) never is.
    @inline(__always)
    static func isAllowed(byte: UInt8) -> Bool {
        let set = allowedBytes
        return byte < 64 ? set.low & (1 << UInt64(byte)) != 0
            : byte < 128 && set.high & (1 << UInt64(byte &- 64)) != 0
    }

    /// Free text (a name, an address line, remittance information) as CBPR+ wants it: transliterated, with runs
    /// of spaces collapsed, no leading or trailing space, and cut to `lengthMax` characters.
    /// - Parameters:
    ///   - text: any Unicode text.
    ///   - lengthMax: the field's maximum (Nm 140, AdrLine 70, TwnNm 35, PstCd 16…).
    ///   - transliterator: the transliteration to apply.
    /// - Returns: the text, or nil when nothing is left (the element is then omitted).
    public static func freeText(_ text: String, lengthMax: Int, transliterator: Transliterator = Transliterator())
        -> String?
    {
        precondition(lengthMax > 0, "a text field holds at least one character")
        let latin = transliterator.latin(text)
        // What the transliterator writes is all CBPR+ ASCII (one byte, one character), so bytes suffice.
        guard latin.utf8.allSatisfy(isAllowed(byte:)) else { return freeTextByCharacter(latin, lengthMax: lengthMax) }
        return freeTextOfAllowedBytes(latin, lengthMax: lengthMax)
    }

    /// ``freeText(_:lengthMax:transliterator:)`` after transliteration, byte by byte, for text whose bytes are all
    /// ``isAllowed(byte:)``. Text already collapsed, trimmed and short enough is returned as it is.
    static func freeTextOfAllowedBytes(_ latin: String, lengthMax: Int) -> String? {
        var isClean = true
        var previous: UInt8 = 0x20
        for byte in latin.utf8 {
            if byte == 0x20 && previous == 0x20 { isClean = false }
            previous = byte
        }
        let count = latin.utf8.count
        if isClean && previous != 0x20 && count <= lengthMax { return latin }
        var output: [UInt8] = []
        output.reserveCapacity(min(count, lengthMax))
        for byte in latin.utf8 {
            if byte == 0x20 && (output.isEmpty || output.last == 0x20) { continue }
            output.append(byte)
            if output.count == lengthMax { break }
        }
        while output.last == 0x20 { output.removeLast() }
        return output.isEmpty ? nil : String(decoding: output, as: UTF8.self)
    }

    /// ``freeText(_:lengthMax:transliterator:)`` after transliteration, character by character.
    static func freeTextByCharacter(_ latin: String, lengthMax: Int) -> String? {
        var collapsed = ""
        for character in latin {
            if character == " " && (collapsed.isEmpty || collapsed.last == " ") { continue }
            collapsed.append(character)
        }
        var result = String(collapsed.prefix(lengthMax))
        while result.last == " " { result.removeLast() }
        return result.isEmpty ? nil : result
    }

    /// Checks an identifier (MsgId, EndToEndId, InstrId…): 1...`lengthMax` characters of the CBPR+ set, not
    /// starting or ending with `/` and without `//` (CBPR+ identifier rule), no leading or trailing space.
    /// - Throws: ``ISO20022Error/invalidIdentifier(path:value:reason:)``.
    public static func checkIdentifier(_ value: String, path: String, lengthMax: Int = 35) throws(ISO20022Error) {
        // Byte by byte first: when every byte is an allowed ASCII character, bytes are characters and the checks
        // below reduce to comparisons; otherwise the character-by-character checks find the reason.
        var isASCII = true
        var hasDoubleSlash = false
        var previous: UInt8 = 0
        for byte in value.utf8 {
            guard isAllowed(byte: byte) else {
                isASCII = false
                break
            }
            if byte == 0x2F && previous == 0x2F { hasDoubleSlash = true }
            previous = byte
        }
        guard isASCII else { return try checkIdentifierByCharacter(value, path: path, lengthMax: lengthMax) }
        let count = value.utf8.count
        guard count > 0 else { throw .invalidIdentifier(path: path, value: value, reason: "is empty") }
        guard count <= lengthMax else {
            throw .invalidIdentifier(path: path, value: value, reason: "is longer than \(lengthMax) characters")
        }
        let first = value.utf8.first
        let last = previous
        guard first != 0x2F, last != 0x2F, !hasDoubleSlash else {
            throw .invalidIdentifier(path: path, value: value, reason: "starts or ends with / or contains //")
        }
        guard first != 0x20, last != 0x20 else {
            throw .invalidIdentifier(path: path, value: value, reason: "starts or ends with a space")
        }
    }

    /// ``checkIdentifier(_:path:lengthMax:)`` character by character, for values with bytes outside the set.
    static func checkIdentifierByCharacter(_ value: String, path: String, lengthMax: Int) throws(ISO20022Error) {
        guard !value.isEmpty else { throw .invalidIdentifier(path: path, value: value, reason: "is empty") }
        guard value.count <= lengthMax else {
            throw .invalidIdentifier(path: path, value: value, reason: "is longer than \(lengthMax) characters")
        }
        guard value.allSatisfy(isAllowed) else {
            throw .invalidIdentifier(path: path, value: value, reason: "has characters outside the CBPR+ set")
        }
        guard !value.hasPrefix("/"), !value.hasSuffix("/"), !value.contains("//") else {
            throw .invalidIdentifier(path: path, value: value, reason: "starts or ends with / or contains //")
        }
        guard value.first != " ", value.last != " " else {
            throw .invalidIdentifier(path: path, value: value, reason: "starts or ends with a space")
        }
    }
}
