import CorridorISO20022
import Foundation

/// A name reduced to the form screening compares: Latin letters and digits in lowercase tokens, without legal
/// forms, with the usual spelling variants of transliterated Russian names folded together.
///
/// Steps, in order:
/// 1. NFC; Chinese legal forms (有限公司, 有限责任公司, 股份有限公司, 公司) are removed, since the Transliterator
///    writes a run of Chinese characters as one word and they could not be told apart afterwards.
/// 2. Every character ``Transliterator`` knows goes through it (Cyrillic by ICAO 9303, Chinese to Pinyin, Latin
///    diacritics dropped); ASCII names skip it. A character it does not know (a Chinese character outside its
///    table, Greek, Arabic…) is kept as itself, lowercased and without marks, rather than becoming `?`: two
///    unknown names of the same length would otherwise look alike. An unknown Chinese character is a token of
///    its own.
/// 3. Lowercase; apostrophes vanish (`Xi'an` → `xian`, `O'Brien` → `obrien`); every other character that is not a
///    letter or digit separates tokens.
/// 4. Legal-form tokens (``legalForms``: LLC, OOO, LTD, CO, JSC, PAO, AO, …) are dropped unless nothing else is left.
/// 5. Spelling variants fold (``foldVariants(_:)``): `kh`→`h`, `yu`→`iu`, `ya`→`ia`, `ye`→`e`, `shh`→`shch`,
///    `cz`/`tz`→`ts`, and a final `iy`/`ii`/`yy`/`ij`/`y` → `i`, so "Sergeyev", "Sergeev"; "Dmitriy", "Dmitrii",
///    "Dmitry"; "Severnaya", "Severnaia" meet.
///
/// Guarantees: at most ``tokensMax`` tokens of at most ``tokenLengthMax`` scalars each; a name longer than
/// ``nameLengthMax`` characters is read up to that length.
struct NormalizedName: Sendable, Hashable {
    /// The most characters of a name that are read.
    static let nameLengthMax = 512
    /// The most tokens kept (in order of appearance).
    static let tokensMax = 16
    /// The longest token kept, in Unicode scalars.
    static let tokenLengthMax = 64

    /// The tokens, in the order they appear in the name.
    let tokens: [String]
    /// The tokens' scalar values, for edit distances.
    let scalars: [[UInt32]]
    /// The tokens joined without spaces (order as written): equal keys are an exact match whatever the spacing
    /// ("Wang Xiao Ming" = "Wang Xiaoming" = "王小明").
    let joined: String
    /// The tokens sorted and joined with spaces: equal keys are an exact match whatever the order.
    let sortedKey: String

    /// Each token's weight in the score: its length in scalars, except that a lone Chinese character the
    /// Transliterator does not know weighs ``unknownSyllableWeight``, the length of a typical Pinyin syllable, so
    /// that it counts as much as the syllable it stands for.
    let weights: [Int]
    /// The sum of ``weights``.
    let length: Int

    /// The weight of a Chinese character kept as itself.
    static let unknownSyllableWeight = 3

    /// The normalized form of `name`.
    init(_ name: String) {
        var tokens = Self.tokenize(Self.latin(String(name.prefix(Self.nameLengthMax))))
        let withoutLegalForms = tokens.filter { !Self.legalForms.contains($0) }
        if !withoutLegalForms.isEmpty { tokens = withoutLegalForms }
        tokens = tokens.prefix(Self.tokensMax).map(Self.foldVariants)
        self.tokens = tokens
        self.scalars = tokens.map { $0.unicodeScalars.map(\.value) }
        self.joined = tokens.joined()
        self.sortedKey = tokens.sorted().joined(separator: " ")
        self.weights = tokens.map { token in
            guard token.count == 1, let only = token.first, Self.isHan(only) else { return token.unicodeScalars.count }
            return Self.unknownSyllableWeight
        }
        self.length = weights.reduce(0, +)
    }

    // MARK: Steps

    private static let transliterator = Transliterator(scheme: .icao9303)

    /// Chinese legal forms, longest first.
    private static let hanLegalForms = ["股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "公司"]

    /// Legal-form words as they read after transliteration and lowercasing (ООО → ooo, ПАО → pao, ИП → ip).
    static let legalForms: Set<String> = [
        "llc", "ltd", "limited", "co", "company", "corp", "corporation", "inc", "incorporated", "jsc", "pjsc", "ojsc",
        "cjsc", "ooo", "oao", "zao", "pao", "ao", "ip", "gmbh", "ag", "sa", "plc", "llp", "lp", "bv", "nv", "srl",
        "spa", "pte", "pty", "kg",
    ]

    /// Step 1 and 2: Latin text, with characters the Transliterator does not know kept as themselves.
    static func latin(_ name: String) -> String {
        // ASCII needs no transliteration: tokenizing alone treats its punctuation and control characters.
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return name }
        var text = name.precomposedStringWithCanonicalMapping
        for form in hanLegalForms where text.contains(form) {
            text = text.replacingOccurrences(of: form, with: " ")
        }
        var output = ""
        // A run of Chinese characters goes through the Transliterator whole: it reads 2 or 3 characters that start
        // with a surname as a name ("王小明" → "Wang Xiaoming").
        var hanRun = ""
        func flushHanRun() {
            guard !hanRun.isEmpty else { return }
            output += " " + transliterator.latin(hanRun) + " "
            hanRun = ""
        }
        for character in text {
            if isHan(character) {
                if isKnown(character) {
                    hanRun.append(character)
                } else {
                    flushHanRun()
                    output += " \(character) "
                }
                continue
            }
            flushHanRun()
            if character.isASCII {
                output.append(character)
            } else if let mapped = latin(character) {
                output += mapped
            } else if character.isLetter || character.isNumber {
                let decomposed = String(character).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
                output += String(String.UnicodeScalarView(decomposed.filter {
                    $0.properties.generalCategory != .nonspacingMark
                }))
            } else {
                output += " "
            }
        }
        flushHanRun()
        return output
    }

    /// The Latin form of one character that is neither ASCII nor Chinese, or nil when the Transliterator does not
    /// know it. Under ICAO 9303 a lowercase character's Latin form does not depend on its neighbours, so the common
    /// blocks (Latin-1, Latin Extended, Cyrillic, general and CJK punctuation, full-width forms) are read from a
    /// table built once.
    private static func latin(_ character: Character) -> String? {
        let lower = character.lowercased()
        let scalars = lower.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first, let known = latinTable[scalar.value] { return known }
        let mapped = transliterator.latin(lower)
        return mapped.contains("?") ? nil : mapped
    }

    private static let latinTable: [UInt32: String?] = {
        var table: [UInt32: String?] = [:]
        for range in [0xA0...0x24F, 0x400...0x52F, 0x2000...0x206F, 0x3000...0x303F, 0xFF01...0xFF5E] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let mapped = transliterator.latin(String(scalar)).lowercased()
                table[UInt32(value)] = mapped.contains("?") ? String?.none : mapped
            }
        }
        return table
    }()

    /// Whether the Transliterator writes the character as something other than `?`.
    private static func isKnown(_ character: Character) -> Bool {
        !transliterator.latin(String(character)).contains("?")
    }

    private static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    /// Step 3: lowercase tokens of letters and digits; apostrophes join, and so do the dots of an abbreviation
    /// written letter by letter ("S.A." → `sa`, "L.L.C." → `llc`, but "I. Petrov" → `i petrov`); anything else
    /// separates.
    static func tokenize(_ text: String) -> [String] {
        let scalars = Array(text.lowercased().unicodeScalars)
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var currentLength = 0
        var lettersSinceDot = 0
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        func finish() {
            if !current.isEmpty { tokens.append(String(current)) }
            current = String.UnicodeScalarView()
            currentLength = 0
            lettersSinceDot = 0
        }
        for (position, scalar) in scalars.enumerated() {
            if scalar == "'" || scalar == "`" || scalar == "\u{2019}" || scalar == "\u{02BC}" { continue }
            if isWordScalar(scalar) {
                lettersSinceDot += 1
                guard currentLength < tokenLengthMax else { continue }
                current.append(scalar)
                currentLength += 1
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else if scalar == ".", lettersSinceDot == 1, position + 1 < scalars.count,
                isWordScalar(scalars[position + 1]),
                position + 2 == scalars.count || !isWordScalar(scalars[position + 2])
            {
                lettersSinceDot = 0
            } else {
                finish()
            }
        }
        finish()
        return tokens
    }

    /// Step 5: folds the spelling variants of ICAO 9303, GOST 7.79 and older passport and English spellings.
    static func foldVariants(_ token: String) -> String {
        guard token.utf8.allSatisfy({ $0 < 0x80 }) else { return token }
        var folded = token
        for (variant, canonical) in variantFolds where folded.contains(variant) {
            folded = folded.replacingOccurrences(of: variant, with: canonical)
        }
        guard folded.count > 2 else { return folded }
        for ending in ["iy", "ii", "yy", "ij"] where folded.hasSuffix(ending) {
            return String(folded.dropLast(2)) + "i"
        }
        if folded.hasSuffix("y") { return String(folded.dropLast()) + "i" }
        return folded
    }

    /// Applied in this order.
    private static let variantFolds: [(String, String)] = [
        ("shh", "shch"), ("kh", "h"), ("cz", "ts"), ("tz", "ts"), ("yu", "iu"), ("ya", "ia"), ("ye", "e"),
    ]
}
