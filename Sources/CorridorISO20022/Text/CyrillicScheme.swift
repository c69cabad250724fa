/// Which published table turns Cyrillic letters into Latin ones.
public enum CyrillicScheme: String, Sendable, Hashable, CaseIterable {
    /// ICAO Doc 9303 Part 3 (the table of Russian passports since 2013): Ж → ZH, Х → KH, Ц → TS, Щ → SHCH,
    /// Ю → IU, Я → IA, Ъ → IE, Ь dropped. Only Latin letters, so names stay within every CBPR+ field.
    case icao9303
    /// GOST 7.79-2000 system B (ISO 9 with Latin letters only): Х → X, Ц → CZ (C before Е, И, Ы, Й), Щ → SHH,
    /// Ю → YU, Я → YA, Ё → YO, Й → J, Ъ → ``, Ы → Y`, Ь → `, Э → E`.
    case gost779SystemB
}
