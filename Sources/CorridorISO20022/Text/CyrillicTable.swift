/// The Cyrillic → Latin tables of ``CyrillicScheme``, for lowercase letters (uppercase is derived).
enum CyrillicTable {
    /// ICAO Doc 9303 Part 3, section 6 (Russian, Ukrainian, Belarusian letters).
    static let icao9303: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y",
        "ь": "", "э": "e", "ю": "iu", "я": "ia",
        "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
    ]

    /// GOST 7.79-2000 system B, table 1 (Russian letters, with the Ukrainian and Belarusian ones it lists).
    /// `ц` is handled in ``Transliterator`` because its value depends on the next letter.
    static let gost779SystemB: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
        "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "x", "ц": "cz", "ч": "ch", "ш": "sh", "щ": "shh", "ъ": "``", "ы": "y`",
        "ь": "`", "э": "e`", "ю": "yu", "я": "ya",
        "і": "i", "ї": "yi", "є": "ye", "ґ": "g`", "ў": "u`",
    ]

    /// The letters before which GOST 7.79 system B writes `ц` as `c` rather than `cz`.
    static let gostSoftCBefore: Set<Character> = ["е", "и", "ы", "й", "і", "є"]
}
