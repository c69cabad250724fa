extension Country {
    /// The country whose ISO 3166-1 alpha-2 code is written as exactly two ASCII letters (either case), found in a
    /// 26 × 26 table without building a `String` or hashing; the byte-level twin of ``init(code:)`` for two letters.
    /// - Parameters:
    ///   - bytes: the letters' UTF-8 bytes.
    public init?(alpha2UTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let index = Country.index(alpha2UTF8: bytes) else { return nil }
        self = Country.all[index]
    }

    /// The position in ``all`` of the country whose alpha-2 code is written as exactly two ASCII letters (either
    /// case), or nil; lets a decoder keep a country as a number and copy no strings.
    /// - Parameters:
    ///   - bytes: the letters' UTF-8 bytes.
    public static func index(alpha2UTF8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == 2 else { return nil }
        let first = (bytes[0] | 0x20) &- 0x61
        let second = (bytes[1] | 0x20) &- 0x61
        guard first < 26, second < 26 else { return nil }
        let index = Country.byAlpha2Table[Int(first) * 26 + Int(second)]
        guard index >= 0 else { return nil }
        return Int(index)
    }

    /// Letter pair (A=0) → index into ``all``, or -1.
    private static let byAlpha2Table: [Int16] = {
        var table = [Int16](repeating: -1, count: 26 * 26)
        for (index, country) in all.enumerated() {
            let letters = Array(country.alpha2.utf8)
            guard letters.count == 2 else { continue }
            let first = (letters[0] | 0x20) &- 0x61
            let second = (letters[1] | 0x20) &- 0x61
            guard first < 26, second < 26 else { continue }
            table[Int(first) * 26 + Int(second)] = Int16(index)
        }
        return table
    }()
}
