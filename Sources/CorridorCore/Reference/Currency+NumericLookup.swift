extension Currency {
    /// The currency whose ISO 4217 numeric code is written as exactly three ASCII digits (`643` is RUB), found in a
    /// flat table without building a `String` or hashing; the byte-level twin of ``init(numericText:)``.
    /// - Parameters:
    ///   - bytes: the digits' UTF-8 bytes.
    public init?(numericCodeUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 3 else { return nil }
        let d0 = bytes[0] &- 0x30
        let d1 = bytes[1] &- 0x30
        let d2 = bytes[2] &- 0x30
        guard d0 < 10, d1 < 10, d2 < 10 else { return nil }
        guard let found = Currency.byNumericTable[Int(d0) * 100 + Int(d1) * 10 + Int(d2)] else { return nil }
        self = found
    }

    /// The numeric code's three ASCII digits, zero-padded (`643`, `008`), without building a `String`.
    public var numericCodeDigits: (UInt8, UInt8, UInt8) {
        let code = numericCode
        return (0x30 + UInt8(code / 100 % 10), 0x30 + UInt8(code / 10 % 10), 0x30 + UInt8(code % 10))
    }

    /// Numeric code 0...999 → currency; the first currency in ``all`` wins, as in ``init(numericCode:)``.
    private static let byNumericTable: [Currency?] = {
        var table = [Currency?](repeating: nil, count: 1_000)
        for currency in all where (0..<1_000).contains(currency.numericCode) && table[currency.numericCode] == nil {
            table[currency.numericCode] = currency
        }
        return table
    }()
}
