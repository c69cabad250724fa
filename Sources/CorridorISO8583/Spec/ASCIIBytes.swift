/// Character checks and hex conversions on raw bytes, eight at a time in one `UInt64` ("SWAR"): a field value
/// is checked in a few word operations instead of a branch per byte, and only a value that fails is scanned again
/// byte by byte for the offset an error reports.
///
/// Every per-byte test below works on the low 7 bits (`x`), where adding a constant below 0x80 cannot carry into
/// the next byte, and rejects bytes with the top bit set separately (`high`).
enum ASCIIBytes {
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101

    /// Whether every byte is "0"..."9".
    @inline(__always) static func areDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        allWords(bytes) { word in
            let x = word & ~highBits
            // Bit 7 of each byte: x >= 0x30, then x >= 0x3A.
            let atLeastZero = (x &+ 0x50 &* lowBits) & highBits
            let aboveNine = (x &+ 0x46 &* lowBits) & highBits
            return word & highBits | (atLeastZero ^ highBits) | aboveNine
        }
    }

    /// Whether every byte is printable ASCII (0x20...0x7E).
    @inline(__always) static func arePrintable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        allWords(bytes) { word in
            let x = word & ~highBits
            // Bit 7 of each byte: x >= 0x20, then x >= 0x7F.
            let atLeastSpace = (x &+ 0x60 &* lowBits) & highBits
            let delete = (x &+ 0x01 &* lowBits) & highBits
            return word & highBits | (atLeastSpace ^ highBits) | delete
        }
    }

    /// Runs `rejected` over the bytes as little-endian words (the last word overlapping the one before, a short
    /// value padded with "0", which every check accepts); true when no word has a rejected bit.
    @inline(__always)
    private static func allWords(_ bytes: UnsafeBufferPointer<UInt8>, _ rejected: (UInt64) -> UInt64) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        if count >= 8 {
            var flags: UInt64 = 0
            var offset = 0
            while offset + 8 < count {
                flags |= rejected(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            flags |= rejected(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)))
            return flags == 0
        }
        var word: UInt64 = 0x3030_3030_3030_3030
        if count >= 4 {
            let first = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let last = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            word = first | last << 32
        } else {
            for index in 0..<count {
                word = word & ~(0xFF << UInt64(8 * index)) | UInt64(base[index]) << UInt64(8 * index)
            }
        }
        return rejected(word) == 0
    }

    /// Index of the first byte that is not a digit, nil when all are.
    static func firstNonDigit(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.firstIndex { $0 &- 0x30 > 9 }
    }

    /// Index of the first byte outside printable ASCII, nil when all are printable.
    static func firstNonPrintable(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.firstIndex { $0 &- 0x20 > 0x5E }
    }

    /// Writes a word as 16 uppercase hex digits, most significant first.
    @inline(__always) static func writeUpperHex(_ word: UInt64, to out: UnsafeMutableRawPointer) {
        out.storeBytes(of: upperHexDigits(UInt32(truncatingIfNeeded: word >> 32)).bigEndian, as: UInt64.self)
        out.storeBytes(
            of: upperHexDigits(UInt32(truncatingIfNeeded: word)).bigEndian, toByteOffset: 8, as: UInt64.self)
    }

    /// Eight hex digits of a 32-bit value, the most significant digit in the most significant byte.
    @inline(__always) private static func upperHexDigits(_ value: UInt32) -> UInt64 {
        // Spread the nibbles one per byte, in order.
        var nibbles = UInt64(value)
        nibbles = (nibbles | nibbles << 16) & 0x0000_FFFF_0000_FFFF
        nibbles = (nibbles | nibbles << 8) & 0x00FF_00FF_00FF_00FF
        nibbles = (nibbles | nibbles << 4) & 0x0F0F_0F0F_0F0F_0F0F
        // "0" + nibble, plus 7 more ("A" - "9" - 1) where the nibble is 10 or above.
        let letters = ((nibbles &+ 0x06 &* lowBits) >> 4) & lowBits
        return nibbles &+ 0x30 &* lowBits &+ letters &* 7
    }

    /// The value of 16 hex digits (either case), the first the most significant; nil when one is not a hex digit.
    @inline(__always) static func readHex(_ characters: UnsafeRawPointer) -> UInt64? {
        guard let high = hexValue(UInt64(littleEndian: characters.loadUnaligned(as: UInt64.self))),
            let low = hexValue(UInt64(littleEndian: characters.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        else { return nil }
        return UInt64(high) << 32 | UInt64(low)
    }

    /// The value of 8 hex digits loaded little-endian (the first digit in the lowest byte).
    @inline(__always) private static func hexValue(_ word: UInt64) -> UInt32? {
        let x = word & ~highBits
        let isDigit = (x &+ 0x50 &* lowBits) & ~(x &+ 0x46 &* lowBits) & highBits
        let lower = x | 0x20 &* lowBits
        let isLetter = (lower &+ 0x1F &* lowBits) & ~(lower &+ 0x19 &* lowBits) & highBits
        guard (isDigit | isLetter) & ~word == highBits else { return nil }
        // "0"..."9" → 0...9, "A"..."F" and "a"..."f" → 1...6 plus 9.
        var nibbles = ((word & (0x0F &* lowBits)) &+ (isLetter >> 7) &* 9).byteSwapped
        nibbles = (nibbles | nibbles >> 4) & 0x00FF_00FF_00FF_00FF
        nibbles = (nibbles | nibbles >> 8) & 0x0000_FFFF_0000_FFFF
        nibbles = (nibbles | nibbles >> 16) & 0x0000_0000_FFFF_FFFF
        return UInt32(truncatingIfNeeded: nibbles)
    }

    /// The value of one hex digit in either case, nil otherwise.
    static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case 0x30...0x39: character &- 0x30
        case 0x41...0x46: character &- 0x37
        case 0x61...0x66: character &- 0x57
        default: nil
        }
    }
}
