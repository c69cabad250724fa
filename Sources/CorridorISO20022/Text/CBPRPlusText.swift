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
