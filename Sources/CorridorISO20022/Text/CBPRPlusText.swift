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

    /// The bytes 0x00...0x7F that ``isAllowed(_:)`` accepts, as a 128-bit set (bit `b` of word `b / 64`), so text
    /// can be checked byte by byte without building `Character`s. Written as literals (every printable ASCII
    /// character, 0x20...0x7E) so that no lazy initialization sits in the loops; a test checks them against
    /// ``isAllowed(_:)``.
    static let allowedBytesLow: UInt64 = 0xFFFF_FFFF_0000_0000
    static let allowedBytesHigh: UInt64 = 0x7FFF_FFFF_FFFF_FFFF

    /// True when the UTF-8 byte is an ASCII character ``isAllowed(_:)`` accepts; a byte of a multi-byte character
    /// (0x80 and above) never is.
    @inline(__always)
    static func isAllowed(byte: UInt8) -> Bool {
        byte < 64 ? allowedBytesLow & (1 << UInt64(byte)) != 0
            : byte < 128 && allowedBytesHigh & (1 << UInt64(byte &- 64)) != 0
    }

    /// True when every byte is one ``isAllowed(byte:)`` accepts. That set is exactly printable ASCII (0x20...0x7E),
    /// so the check is one comparison per byte with no early exit, which the compiler turns into vector code; a
    /// test checks it against ``isAllowed(byte:)`` byte by byte.
    @inline(__always)
    static func allBytesAllowed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var outside: UInt8 = 0
        for byte in bytes { outside |= (byte &- 0x20) >= 0x5F ? 1 : 0 }
        return outside == 0
    }

    /// The free-text elements the writers pass through ``freeText(_:lengthMax:transliterator:)``, with the
    /// smallest maximum any of them uses (a party's `Nm` is 140, an agent's 70: 70 is listed).
    public static let freeTextElementLengthMax: [String: Int] = [
        "Nm": 70, "AdrLine": 70, "StrtNm": 70, "Dept": 70, "TwnNm": 35, "CtrySubDvsn": 35, "PstCd": 16, "BldgNb": 16,
        "Ustrd": 140, "AddtlInf": 105,
    ]

    /// Whether every free-text leaf under `element` (by ``freeTextElementLengthMax``) is already what the writers
    /// make of it — CBPR+ characters, no runs of spaces, none at either end, within its length — so that a message
    /// read from it and written again keeps those texts unchanged. The fuzz target `iso20022` and its corpus replay
    /// test compare values read before and after writing only for such documents.
    public static func freeTextIsNormalized(in element: XMLElement) -> Bool {
        if let text = element.text, let lengthMax = freeTextElementLengthMax[element.name],
            freeText(text, lengthMax: lengthMax) != text
        {
            return false
        }
        return element.children.allSatisfy(freeTextIsNormalized(in:))
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
        guard XMLStreamWriter.withUTF8(latin, allBytesAllowed) else {
            return freeTextByCharacter(latin, lengthMax: lengthMax)
        }
        return freeTextOfAllowedBytes(latin, lengthMax: lengthMax)
    }

    /// ``freeText(_:lengthMax:transliterator:)`` after transliteration, byte by byte, for text whose bytes are all
    /// ``isAllowed(byte:)``. Text already collapsed, trimmed and short enough is returned as it is.
    static func freeTextOfAllowedBytes(_ latin: String, lengthMax: Int) -> String? {
        let isClean = XMLStreamWriter.withUTF8(latin) { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            guard first != 0x20, last != 0x20, bytes.count <= lengthMax else { return false }
            var hasDoubleSpace = false
            for index in 1..<bytes.count where bytes[index] == 0x20 && bytes[index - 1] == 0x20 {
                hasDoubleSpace = true
                break
            }
            return !hasDoubleSpace
        }
        if isClean { return latin }
        var output: [UInt8] = []
        output.reserveCapacity(min(latin.utf8.count, lengthMax))
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
        try checkIdentifier(value, lengthMax: lengthMax) { path }
    }

    /// ``checkIdentifier(_:path:lengthMax:)`` with the path built only when the identifier is refused (paths are
    /// for errors, and building one for every element cost as much as the check).
    static func checkIdentifier(_ value: String, lengthMax: Int, path: () -> String) throws(ISO20022Error) {
        guard let reason = identifierProblem(value, lengthMax: lengthMax) else { return }
        throw .invalidIdentifier(path: path(), value: value, reason: reason)
    }

    /// Why `value` is not a valid identifier, or nil when it is.
    static func identifierProblem(_ value: String, lengthMax: Int) -> String? {
        // Bytes first: when every byte is an allowed ASCII character, bytes are characters and the checks reduce to
        // comparisons; otherwise (the outer nil) the character-by-character checks find the reason.
        let problem: String?? = XMLStreamWriter.withUTF8(value) { bytes -> String?? in
            guard allBytesAllowed(bytes) else { return nil }
            guard let first = bytes.first, let last = bytes.last else { return .some("is empty") }
            guard bytes.count <= lengthMax else { return .some("is longer than \(lengthMax) characters") }
            var hasDoubleSlash = false
            for index in 1..<bytes.count where bytes[index] == 0x2F && bytes[index - 1] == 0x2F {
                hasDoubleSlash = true
                break
            }
            guard first != 0x2F, last != 0x2F, !hasDoubleSlash else {
                return .some("starts or ends with / or contains //")
            }
            guard first != 0x20, last != 0x20 else { return .some("starts or ends with a space") }
            return .some(nil)
        }
        return problem ?? identifierProblemByCharacter(value, lengthMax: lengthMax)
    }

    /// ``identifierProblem(_:lengthMax:)`` character by character, for values with bytes outside the set.
    static func identifierProblemByCharacter(_ value: String, lengthMax: Int) -> String? {
        guard !value.isEmpty else { return "is empty" }
        guard value.count <= lengthMax else { return "is longer than \(lengthMax) characters" }
        guard value.allSatisfy(isAllowed) else { return "has characters outside the CBPR+ set" }
        guard !value.hasPrefix("/"), !value.hasSuffix("/"), !value.contains("//") else {
            return "starts or ends with / or contains //"
        }
        guard value.first != " ", value.last != " " else { return "starts or ends with a space" }
        return nil
    }
}
