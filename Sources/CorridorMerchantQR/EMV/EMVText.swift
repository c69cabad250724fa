/// Character rules shared by the EMV reader, writer and validation (EMV QRCPS MPM 3.1 data object formats).
enum EMVText {
    /// The byte offset `count` UTF-8 characters after `start` in `bytes`, or nil when that passes `end`. A value
    /// that is ASCII (the common case even in a non-ASCII payload) is measured without walking it: characters and
    /// bytes coincide when the byte after it is not a continuation byte.
    @inline(__always)
    static func characterEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, characters count: Int, end: Int) -> Int? {
        let asciiEnd = start + count
        if asciiEnd <= end, isASCII(UnsafeBufferPointer(rebasing: bytes[start..<asciiEnd])),
            asciiEnd == end || bytes[asciiEnd] & 0xC0 != 0x80
        {
            return asciiEnd
        }
        var index = start
        var remaining = count
        while remaining > 0 {
            guard index < end else { return nil }
            index += 1
            while index < end, bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    /// The longest value one data object can hold: two length digits.
    static let valueLengthMax = 99

    /// `"00"` … `"99"`, so that the hot path never formats an integer.
    static let idTexts: [String] = (0...99).map { $0 < 10 ? "0\($0)" : "\($0)" }

    /// The two-digit text of an ID.
    @inline(__always)
    static func idText(_ id: UInt8) -> String { idTexts[Int(id)] }

    /// The number of characters (Unicode scalars) in `text`: its UTF-8 byte count minus continuation bytes.
    @inline(__always)
    static func characterCount(_ text: String) -> Int {
        let counted = text.utf8.withContiguousStorageIfAvailable { characterCount($0) }
        return counted ?? text.unicodeScalars.count
    }

    /// The number of characters (Unicode scalars) in a UTF-8 buffer: its byte count minus continuation bytes
    /// (`10xxxxxx`), counted eight bytes at a time.
    @inline(__always)
    static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var continuation = 0
        var index = 0
        let count = bytes.count
        while count - index >= 8 {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A byte is a continuation byte when bit 7 is set and bit 6 is clear. Most words are ASCII: skip the
            // population count, which is a dozen instructions without a POPCNT baseline.
            let marks = word & ~(word << 1) & 0x8080_8080_8080_8080
            if marks != 0 { continuation += marks.nonzeroBitCount }
            index += 8
        }
        while index < count {
            if base[index] & 0xC0 == 0x80 { continuation += 1 }
            index += 1
        }
        return count - continuation
    }

    /// The number of leading bytes below 0x80 (`bytes.count` when all are), found eight bytes at a time.
    @inline(__always)
    static func asciiPrefixByteCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        @inline(__always) func word(_ offset: Int) -> UInt64 {
            raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }
        var index = 0
        // Whole 32-byte blocks while they are ASCII, then word by word.
        while count &- index >= 32,
            (word(index) | word(index &+ 8) | word(index &+ 16) | word(index &+ 24)) & 0x8080_8080_8080_8080 == 0
        {
            index &+= 32
        }
        while count &- index >= 8 {
            let high = UInt64(littleEndian: word(index)) & 0x8080_8080_8080_8080
            // Little-endian: the lowest set bit belongs to the first byte that is not ASCII.
            if high != 0 { return index &+ high.trailingZeroBitCount / 8 }
            index &+= 8
        }
        while index < count, base[index] < 0x80 { index &+= 1 }
        return index
    }

    /// True when every byte is below 0x80, checked 32 bytes at a time, then eight; a tail of one to seven bytes is
    /// checked as the last eight bytes when there are that many (rechecking a few is cheaper than a byte loop).
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        @inline(__always) func word(_ offset: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        var high: UInt64 = 0
        var index = 0
        while count &- index >= 32 {
            high |= word(index) | word(index &+ 8) | word(index &+ 16) | word(index &+ 24)
            index &+= 32
        }
        while count &- index >= 8 {
            high |= word(index)
            index &+= 8
        }
        if index < count {
            if count >= 8 {
                high |= word(count &- 8)
            } else if count >= 4 {
                // Four to seven bytes: the first four and the last four, which overlap.
                let first = raw.loadUnaligned(as: UInt32.self)
                let last = raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
                high |= UInt64(first | last)
            } else {
                while index < count {
                    high |= UInt64(base[index])
                    index &+= 1
                }
            }
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// True when every UTF-8 byte of `text` passes `test`, looping over contiguous storage when it exists.
    @inline(__always)
    static func allBytes(_ text: String, _ test: (UInt8) -> Bool) -> Bool {
        let fast = text.utf8.withContiguousStorageIfAvailable { buffer in
            for byte in buffer where !test(byte) { return false }
            return true
        }
        return fast ?? text.utf8.allSatisfy(test)
    }

    /// True when every byte is an ASCII digit (EMV format "N").
    static func isNumeric(_ text: String) -> Bool {
        !text.utf8.isEmpty && allBytes(text) { $0 &- 0x30 < 10 }
    }

    /// True when every byte is an ASCII letter (EMV format "a").
    static func isAlpha(_ text: String) -> Bool {
        !text.utf8.isEmpty && allBytes(text) { ($0 | 0x20) &- 0x61 < 26 }
    }

    /// True when every byte is in the EMV common character set, printable ASCII 0x20–0x7E (format "ans").
    static func isCommonCharacterSet(_ text: String) -> Bool {
        allBytes(text) { $0 &- 0x20 < 0x5F }
    }

    /// True when no scalar is a control character; used for tag 64, whose values may be in any script.
    static func isPrintableUnicode(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }
    }

    /// True when `text` is an amount as EMV tags 54 and 56 carry it: digits with at most one point, not empty.
    static func isDecimalAmount(_ text: String) -> Bool {
        var points = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                points += 1
            } else if byte &- 0x30 < 10 {
                digits += 1
            } else {
                return false
            }
        }
        return digits > 0 && points <= 1
    }

    // MARK: The same rules over valid UTF-8 bytes, for the decoder's hot path.

    /// True when every byte is an ASCII digit (EMV format "N").
    static func isNumeric(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes where byte &- 0x30 >= 10 { return false }
        return true
    }

    /// True when every byte is an ASCII letter (EMV format "a").
    static func isAlpha(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes where (byte | 0x20) &- 0x61 >= 26 { return false }
        return true
    }

    /// True when every byte is printable ASCII 0x20–0x7E (format "ans"), checked eight bytes at a time; a tail of
    /// one to seven bytes is checked as the last eight bytes when there are that many.
    static func isCommonCharacterSet(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        // A byte below 0x20 or from 0x80 sets its top bit in `word - 0x20…` or in `word`; 0x7F sets it in
        // `word + 0x01…`. A borrow or carry between bytes comes only from a byte that fails already.
        @inline(__always) func isCommon(_ offset: Int) -> Bool {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            return ((word &- 0x2020_2020_2020_2020) | (word &+ 0x0101_0101_0101_0101) | word)
                & 0x8080_8080_8080_8080 == 0
        }
        guard count >= 8 else {
            guard count >= 4 else {
                for index in 0..<count where base[index] &- 0x20 >= 0x5F { return false }
                return true
            }
            // Four to seven bytes: the first four and the last four, which overlap, by the same test on 32 bits.
            @inline(__always) func isCommon32(_ offset: Int) -> Bool {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
                return ((word &- 0x2020_2020) | (word &+ 0x0101_0101) | word) & 0x8080_8080 == 0
            }
            return isCommon32(0) && isCommon32(count &- 4)
        }
        var index = 0
        while count &- index >= 8 {
            guard isCommon(index) else { return false }
            index &+= 8
        }
        return index == count || isCommon(count &- 8)
    }

    /// True when no scalar is a control character: no byte below 0x20, no 0x7F, and no C1 control (U+0080–U+009F,
    /// encoded as 0xC2 0x80–0x9F).
    static func isPrintableUnicode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F { return false }
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] < 0xA0 { return false }
            index += 1
        }
        return true
    }

    /// The number of characters (Unicode scalars) in valid UTF-8 bytes, and whether none is a control character (as
    /// `isPrintableUnicode` decides), in one pass.
    @inline(__always)
    static func printableUnicodeCharacterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> (count: Int, isPrintable: Bool) {
        guard let base = bytes.baseAddress else { return (0, true) }
        let count = bytes.count
        var characters = 0
        var printable = true
        var index = 0
        while index < count {
            let byte = base[index]
            if byte & 0xC0 != 0x80 { characters &+= 1 }
            if byte < 0x20 || byte == 0x7F || (byte == 0xC2 && index &+ 1 < count && base[index &+ 1] < 0xA0) {
                printable = false
            }
            index &+= 1
        }
        return (characters, printable)
    }

    /// True when the bytes are an amount as EMV tags 54 and 56 carry it: digits with at most one point, not empty.
    static func isDecimalAmount(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var points = 0
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                points += 1
            } else if byte &- 0x30 < 10 {
                digits += 1
            } else {
                return false
            }
        }
        return digits > 0 && points <= 1
    }
}
