import Foundation

/// Turns any Unicode text into the CBPR+ Latin character set, for the names, addresses and remittance
/// information of ISO 20022 messages (the original text stays in Corridor's trail).
///
/// Rules, applied per character after NFC normalization:
/// - Cyrillic: the table of ``scheme`` (ICAO 9303 by default); a capital that becomes several letters is written
///   in title case before a lowercase letter ("Щука" → "Shchuka") and in capitals otherwise ("ЩУКА" → "SHCHUKA").
/// - Chinese: Hanyu Pinyin from ``PinyinTable``; a run of characters becomes one capitalized word with `'`
///   before a syllable starting with a, o or e ("西安" → "Xi'an"); a run of 2 or 3 characters that starts with
///   a common surname is read as a person's name ("王小明" → "Wang Xiaoming"). A space separates a run from
///   adjacent letters or digits.
/// - Latin letters with diacritics lose them ("Müller" → "Muller"; ß → ss, æ → ae, ø → o, ł → l).
/// - Full-width forms and CJK punctuation become their ASCII counterparts.
/// - Anything else outside ``CBPRPlusText/isAllowed(_:)`` becomes `?`.
public struct Transliterator: Sendable {
    /// The Cyrillic table in use.
    public var scheme: CyrillicScheme

    /// Creates a transliterator.
    /// - Parameter scheme: the Cyrillic table; ICAO 9303 by default (the one bank cards and passports use).
    public init(scheme: CyrillicScheme = .icao9303) {
        self.scheme = scheme
    }

    /// The text in the CBPR+ Latin character set; control characters become spaces.
    ///
    /// ASCII text takes a fast path (no normalization, no tables); other text is transliterated once and then
    /// served from a bounded cache (``TransliterationCache``), since names repeat heavily.
    public func latin(_ text: String) -> String {
        if let latin = Self.asciiLatin(text) { return latin }
        return TransliterationCache.forScheme(scheme).latin(for: text) { latinByCharacter(text) }
    }

    /// The Latin form of all-ASCII text, byte by byte; nil when the text holds anything else.
    ///
    /// Gives what ``latinByCharacter(_:)`` gives: ASCII needs no normalization and no table, a control becomes a
    /// space (CR LF, one `Character`, becomes one space), a character outside the CBPR+ set becomes `?`.
    static func asciiLatin(_ text: String) -> String? {
        let (isASCII, isUnchanged) = XMLStreamWriter.withUTF8(text) { bytes in
            var high: UInt8 = 0
            for byte in bytes { high |= byte }
            return (high < 0x80, CBPRPlusText.allBytesAllowed(bytes))
        }
        guard isASCII else { return nil }
        if isUnchanged { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            defer { previous = byte }
            if byte == 0x0A && previous == 0x0D { continue }
            if byte < 0x20 || byte == 0x7F {
                output.append(0x20)
            } else {
                output.append(CBPRPlusText.isAllowed(byte: byte) ? byte : 0x3F)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The Latin form computed character by character, without the ASCII fast path or the cache.
    func latinByCharacter(_ text: String) -> String {
        let characters = Array(text.precomposedStringWithCanonicalMapping)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if PinyinTable.syllables[character] != nil || Self.isHan(character) {
                var end = index
                while end < characters.count, PinyinTable.syllables[characters[end]] != nil || Self.isHan(characters[end]) {
                    end += 1
                }
                if let last = output.last, last.isLetter || last.isNumber { output += " " }
                output += Self.pinyinWord(characters[index..<end])
                if end < characters.count, characters[end].isLetter || characters[end].isNumber { output += " " }
                index = end
                continue
            }
            let previous = index > 0 ? characters[index - 1] : nil
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            output += latin(character, previous: previous, next: next)
            index += 1
        }
        return output
    }

    private func latin(_ character: Character, previous: Character?, next: Character?) -> String {
        if let ascii = character.asciiValue {
            if ascii < 0x20 || ascii == 0x7F { return " " }
            return CBPRPlusText.isAllowed(character) ? String(character) : "?"
        }
        let lower = Character(character.lowercased())
        let isUpper = lower != character
        if let mapped = cyrillic(lower, next: next) {
            guard isUpper, !mapped.isEmpty else { return mapped }
            let nextIsLower = next.map { $0.isLetter && $0.isLowercase } ?? false
            let previousIsUpper = previous.map { $0.isLetter && $0.isUppercase } ?? false
            if nextIsLower || (!previousIsUpper && next.map({ !$0.isLetter }) ?? true) {
                return mapped.prefix(1).uppercased() + mapped.dropFirst()
            }
            return mapped.uppercased()
        }
        if let special = Self.latinSpecial[character] { return special }
        if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                return latin(Character(ascii), previous: previous, next: next)
            }
            if scalar.properties.generalCategory == .spaceSeparator { return " " }
        }
        // Latin letters with diacritics: decompose and keep the base letter if it is plain ASCII.
        let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { !(0x0300...0x036F).contains($0.value) }
        if base.count == 1, let scalar = base.first, scalar.isASCII, CBPRPlusText.isAllowed(Character(scalar)) {
            return String(scalar)
        }
        return "?"
    }

    private func cyrillic(_ lower: Character, next: Character?) -> String? {
        switch scheme {
        case .icao9303:
            return CyrillicTable.icao9303[lower]
        case .gost779SystemB:
            if lower == "ц", let next, CyrillicTable.gostSoftCBefore.contains(Character(next.lowercased())) {
                return "c"
            }
            return CyrillicTable.gost779SystemB[lower]
        }
    }

    private static func pinyinWord(_ run: ArraySlice<Character>) -> String {
        let syllables = run.map { PinyinTable.syllables[$0] ?? "?" }
        let isName = (2...3).contains(run.count) && PinyinTable.surnames.contains(run[run.startIndex])
        var word = ""
        for (offset, syllable) in syllables.enumerated() {
            if offset == 0 || (isName && offset == 1) {
                if offset == 1 { word += " " }
                word += syllable.prefix(1).uppercased() + syllable.dropFirst()
            } else {
                if let first = syllable.first, "aoe".contains(first), word.last != "?" { word += "'" }
                word += syllable
            }
        }
        return word
    }

    private static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    /// Letters that do not decompose into a base letter plus marks, and CJK punctuation.
    private static let latinSpecial: [Character: String] = [
        "ß": "ss", "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Œ": "OE", "œ": "oe", "Đ": "D", "đ": "d",
        "Ł": "L", "ł": "l", "Þ": "TH", "þ": "th", "ı": "i", "Ð": "D", "ð": "d",
        "\u{3000}": " ", "，": ",", "。": ".", "、": ",", "：": ":", "；": ";", "（": "(", "）": ")",
        "「": "\"", "」": "\"", "《": "\"", "》": "\"", "“": "\"", "”": "\"", "‘": "'", "’": "'", "«": "\"",
        "»": "\"", "–": "-", "—": "-", "№": "No.",
    ]
}
