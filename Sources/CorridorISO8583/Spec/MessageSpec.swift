/// How the bitmaps are written: 16 ASCII hex digits or 8 raw bytes each.
public enum BitmapEncoding: String, Sendable, Hashable {
    case asciiHex
    case binary
}

/// A message format as data: MTI and bitmap encodings plus field number → ``FieldSpec``.
///
/// Guarantees: `pack` and `unpack` are inverse for every message whose fields the spec defines and whose values
/// satisfy their field specs; `unpack` never reads past the bytes it is given and reports how many it consumed.
public struct MessageSpec: Sendable, Hashable, CustomStringConvertible {
    /// The dialect name; the field table is too long to print.
    public var description: String { name }

    /// Name of the dialect ("corridor-ascii-1987").
    public var name: String
    /// `.ascii`, `.ebcdic` (4 bytes) or `.bcd` (2 bytes).
    public var mtiEncoding: FieldEncoding
    public var bitmapEncoding: BitmapEncoding
    /// Data elements 2...128 (field 1, the secondary bitmap, is implied by the bitmap encoding).
    public var fields: [Int: FieldSpec]

    /// Creates a spec.
    /// - Parameters:
    ///   - name: dialect name.
    ///   - mtiEncoding: MTI encoding.
    ///   - bitmapEncoding: bitmap encoding.
    ///   - fields: field number → spec.
    public init(name: String, mtiEncoding: FieldEncoding, bitmapEncoding: BitmapEncoding, fields: [Int: FieldSpec]) {
        self.name = name
        self.mtiEncoding = mtiEncoding
        self.bitmapEncoding = bitmapEncoding
        self.fields = fields
    }

    /// Highest field number a message can carry (primary and secondary bitmaps).
    public static let fieldNumberMax = 128

    // MARK: Pack

    /// Encodes a message.
    /// - Parameter message: the message; its fields must all be in this spec.
    /// - Returns: the wire bytes (no framing).
    /// - Throws: `ISO8583Error` naming the field and the output offset.
    public func pack(_ message: IsoMessage) throws(ISO8583Error) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        _ = try MessageTypeIndicator(message.mti)
        let mtiCharacters = Array(message.mti.utf8)
        switch mtiEncoding {
        case .ascii, .binary: out += mtiCharacters
        case .ebcdic: out += mtiCharacters.map { EBCDIC.encode($0) ?? 0 }
        case .bcd: out += Self.packBCD(mtiCharacters)
        }
        let numbers = message.fieldNumbers
        for number in numbers where number < 2 || number > Self.fieldNumberMax || fields[number] == nil {
            throw .fieldNotInSpec(field: number, offset: out.count)
        }
        let bitmap = message.bitmap
        switch bitmapEncoding {
        case .binary: out += bitmap
        case .asciiHex: out += Array(Hex.upper(bitmap).utf8)
        }
        for number in numbers {
            guard let spec = fields[number], let value = message.fields[number] else { continue }
            try Self.packField(number, value: value, spec: spec, into: &out)
        }
        return out
    }

    static func packField(_ number: Int, value: [UInt8], spec: FieldSpec, into out: inout [UInt8])
        throws(ISO8583Error)
    {
        let start = out.count
        try validate(number, value: value, spec: spec, offset: start)
        switch spec.length {
        case .fixed(let count):
            guard value.count == count else { throw .valueLengthInvalid(field: number, offset: start) }
        case .llvar, .lllvar, .llllvar:
            guard value.count <= spec.length.max else { throw .valueTooLong(field: number, offset: start) }
            let digits = spec.length.prefixDigits
            let lengthText = Array(String(value.count).utf8)
            let padded = [UInt8](repeating: UInt8(ascii: "0"), count: digits - lengthText.count) + lengthText
            switch spec.lengthEncoding {
            case .ascii: out += padded
            case .ebcdic: out += padded.map { $0 - UInt8(ascii: "0") + 0xF0 }
            case .bcd: out += packBCD(padded)
            case .binary:
                let byteCount = (digits + 1) / 2
                for index in (0..<byteCount).reversed() { out.append(UInt8(truncatingIfNeeded: value.count >> (8 * index))) }
            }
        }
        switch spec.dataEncoding {
        case .ascii, .binary: out += value
        case .ebcdic: out += value.map { EBCDIC.encode($0) ?? 0 }
        case .bcd: out += packBCD(value)
        }
    }

    /// Checks the characters against the kind and the encoding; the offset is the field's start.
    static func validate(_ number: Int, value: [UInt8], spec: FieldSpec, offset: Int) throws(ISO8583Error) {
        switch spec.kind {
        case .b: return
        case .n:
            for byte in value where byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") {
                throw .nonNumeric(field: number, offset: offset)
            }
        case .an, .ans, .z:
            for byte in value where byte < 0x20 || byte > 0x7E { throw .characterInvalid(field: number, offset: offset) }
            if spec.dataEncoding == .bcd {
                for byte in value where byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") {
                    throw .characterInvalid(field: number, offset: offset)
                }
            }
        }
    }

    /// Packs ASCII digits two per byte, left-padding an odd count with a zero nibble.
    static func packBCD(_ digits: [UInt8]) -> [UInt8] {
        var nibbles = digits.map { $0 &- UInt8(ascii: "0") }
        if nibbles.count % 2 == 1 { nibbles.insert(0, at: 0) }
        var out: [UInt8] = []
        out.reserveCapacity(nibbles.count / 2)
        var index = 0
        while index < nibbles.count {
            out.append(nibbles[index] << 4 | (nibbles[index + 1] & 0x0F))
            index += 2
        }
        return out
    }

    // MARK: Unpack

    /// Decodes one message from the start of `bytes`.
    /// - Parameter bytes: the message (no framing); bytes after it are left alone.
    /// - Returns: the message and the number of bytes it took.
    /// - Throws: `ISO8583Error` naming the field and the offset where decoding stopped.
    public func unpack(_ bytes: [UInt8]) throws(ISO8583Error) -> (message: IsoMessage, bytesConsumed: Int) {
        var offset = 0
        let mtiByteCount = mtiEncoding == .bcd ? 2 : 4
        guard bytes.count >= mtiByteCount else { throw .mtiInvalid(offset: bytes.count) }
        var mtiCharacters: [UInt8] = []
        switch mtiEncoding {
        case .ascii, .binary: mtiCharacters = Array(bytes[0..<4])
        case .ebcdic:
            for index in 0..<4 { mtiCharacters.append(EBCDIC.decode(bytes[index]) ?? 0) }
        case .bcd:
            guard let digits = Self.unpackBCD(bytes[0..<2], digitCount: 4) else { throw .mtiInvalid(offset: 0) }
            mtiCharacters = digits
        }
        let mti = String(decoding: mtiCharacters, as: UTF8.self)
        do {
            _ = try MessageTypeIndicator(mti)
        } catch {
            throw .mtiInvalid(offset: mtiEncoding == .bcd ? error.offset / 2 : error.offset)
        }
        offset = mtiByteCount
        var bitmap = try readBitmap(bytes, field: 0, offset: &offset)
        if bitmap[0] & 0x80 != 0 { bitmap += try readBitmap(bytes, field: 1, offset: &offset) }
        var message = IsoMessage(mti: mti)
        for number in 2...(bitmap.count * 8) where bitmap[(number - 1) / 8] & (0x80 >> UInt8((number - 1) % 8)) != 0 {
            guard let spec = fields[number] else { throw .fieldNotInSpec(field: number, offset: offset) }
            message.fields[number] = try Self.unpackField(number, spec: spec, bytes: bytes, offset: &offset)
        }
        return (message, offset)
    }

    func readBitmap(_ bytes: [UInt8], field: Int, offset: inout Int) throws(ISO8583Error) -> [UInt8] {
        switch bitmapEncoding {
        case .binary:
            guard bytes.count - offset >= 8 else { throw .bitmapTruncated(field: field, offset: offset) }
            defer { offset += 8 }
            return Array(bytes[offset..<offset + 8])
        case .asciiHex:
            guard bytes.count - offset >= 16 else { throw .bitmapTruncated(field: field, offset: offset) }
            var out: [UInt8] = []
            out.reserveCapacity(8)
            for index in stride(from: offset, to: offset + 16, by: 2) {
                guard let high = Hex.nibble(bytes[index]) else { throw .bitmapInvalid(field: field, offset: index) }
                guard let low = Hex.nibble(bytes[index + 1]) else {
                    throw .bitmapInvalid(field: field, offset: index + 1)
                }
                out.append(high << 4 | low)
            }
            offset += 16
            return out
        }
    }

    static func unpackField(_ number: Int, spec: FieldSpec, bytes: [UInt8], offset: inout Int)
        throws(ISO8583Error) -> [UInt8]
    {
        let start = offset
        var count: Int
        switch spec.length {
        case .fixed(let fixedCount): count = fixedCount
        case .llvar, .lllvar, .llllvar:
            let digits = spec.length.prefixDigits
            let prefixBytes = (spec.lengthEncoding == .ascii || spec.lengthEncoding == .ebcdic) ? digits : (digits + 1) / 2
            guard bytes.count - offset >= prefixBytes else { throw .lengthPastEnd(field: number, offset: offset) }
            let prefix = bytes[offset..<offset + prefixBytes]
            count = 0
            switch spec.lengthEncoding {
            case .ascii, .ebcdic:
                let zero: UInt8 = spec.lengthEncoding == .ascii ? UInt8(ascii: "0") : 0xF0
                for byte in prefix {
                    guard byte >= zero, byte <= zero + 9 else { throw .lengthDigitsInvalid(field: number, offset: start) }
                    count = count * 10 + Int(byte - zero)
                }
            case .bcd:
                guard let digitsText = unpackBCD(prefix, digitCount: prefixBytes * 2) else {
                    throw .lengthDigitsInvalid(field: number, offset: start)
                }
                for byte in digitsText { count = count * 10 + Int(byte - UInt8(ascii: "0")) }
            case .binary:
                for byte in prefix { count = count << 8 | Int(byte) }
            }
            guard count <= spec.length.max else { throw .valueTooLong(field: number, offset: start) }
            offset += prefixBytes
        }
        let byteCount = spec.dataEncoding == .bcd ? (count + 1) / 2 : count
        guard bytes.count - offset >= byteCount else { throw .lengthPastEnd(field: number, offset: offset) }
        let raw = bytes[offset..<offset + byteCount]
        var value: [UInt8]
        switch spec.dataEncoding {
        case .ascii, .binary: value = Array(raw)
        case .ebcdic:
            value = []
            value.reserveCapacity(count)
            for (index, byte) in raw.enumerated() {
                guard let ascii = EBCDIC.decode(byte) else {
                    throw .characterInvalid(field: number, offset: offset + index)
                }
                value.append(ascii)
            }
        case .bcd:
            guard let digits = unpackBCD(raw, digitCount: count) else { throw .nonNumeric(field: number, offset: offset) }
            value = digits
        }
        switch spec.kind {
        case .b: break
        case .n:
            for (index, byte) in value.enumerated() where byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") {
                throw .nonNumeric(field: number, offset: offset + (spec.dataEncoding == .bcd ? 0 : index))
            }
        case .an, .ans, .z:
            // The same rule as packing, so that whatever unpacks also packs again.
            for (index, byte) in value.enumerated() where byte < 0x20 || byte > 0x7E {
                throw .characterInvalid(field: number, offset: offset + (spec.dataEncoding == .bcd ? 0 : index))
            }
        }
        offset += byteCount
        return value
    }

    /// ASCII digits from BCD bytes, dropping a leading pad nibble; nil when a nibble is above 9.
    static func unpackBCD(_ raw: ArraySlice<UInt8>, digitCount: Int) -> [UInt8]? {
        var digits: [UInt8] = []
        digits.reserveCapacity(raw.count * 2)
        for byte in raw {
            guard byte >> 4 <= 9, byte & 0x0F <= 9 else { return nil }
            digits.append(UInt8(ascii: "0") + byte >> 4)
            digits.append(UInt8(ascii: "0") + byte & 0x0F)
        }
        return Array(digits.suffix(digitCount))
    }
}
