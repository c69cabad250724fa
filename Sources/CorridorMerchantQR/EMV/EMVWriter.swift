/// Appends EMV data objects to a UTF-8 buffer, counting lengths in characters; templates are written in place.
struct EMVWriter {
    /// The encoded bytes so far.
    private(set) var bytes: [UInt8]
    /// The number of characters (Unicode scalars) written so far.
    private(set) var characterCount = 0

    /// Where an open template's ID and length start, to patch the length when it closes.
    struct TemplateMark {
        let byteOffset: Int
        let characterCount: Int
    }

    /// Creates an empty writer.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends `id`, the two-digit length of `value` in characters, and `value`.
    /// Callers have checked that the value is at most 99 characters.
    mutating func append(id: UInt8, value: String) {
        var value = value
        value.withUTF8 { buffer in
            let length = EMVText.characterCount(buffer)
            appendHeader(id: id, length: length)
            bytes.append(contentsOf: buffer)
            characterCount += length
        }
    }

    /// Appends a data object (a template's value is already its children's encoding).
    mutating func append(_ object: EMVDataObject) {
        append(id: object.id, value: object.value)
    }

    /// Writes a template's ID and a placeholder length; close it with ``endTemplate(_:)``.
    mutating func beginTemplate(id: UInt8) -> TemplateMark {
        let mark = TemplateMark(byteOffset: bytes.count, characterCount: characterCount)
        appendHeader(id: id, length: 0)
        return mark
    }

    /// Patches the length of the template opened at `mark` and returns it in characters (may exceed 99:
    /// the caller rejects that).
    @discardableResult
    mutating func endTemplate(_ mark: TemplateMark) -> Int {
        let length = characterCount - mark.characterCount - 4
        let clamped = min(length, 99)
        bytes[mark.byteOffset + 2] = 0x30 + UInt8(clamped / 10)
        bytes[mark.byteOffset + 3] = 0x30 + UInt8(clamped % 10)
        return length
    }

    /// Removes an empty template opened at `mark` (an optional template with nothing in it).
    mutating func discardTemplate(_ mark: TemplateMark) {
        bytes.removeSubrange(mark.byteOffset...)
        characterCount = mark.characterCount
    }

    /// Appends the CRC data object: `6304` and the checksum of everything before it and `6304` itself.
    mutating func appendCRC() {
        appendHeader(id: 63, length: 4)
        let crc = bytes.withUnsafeBufferPointer { CRC16.checksum($0) }
        let hex = CRC16.hexBytes(crc)
        bytes.append(hex.0)
        bytes.append(hex.1)
        bytes.append(hex.2)
        bytes.append(hex.3)
        characterCount += 4
    }

    /// The bytes as a string.
    func text() -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always)
    private mutating func appendHeader(id: UInt8, length: Int) {
        precondition(id <= 99 && length <= 99, "EMV ID and length are two digits")
        bytes.append(0x30 + id / 10)
        bytes.append(0x30 + id % 10)
        bytes.append(0x30 + UInt8(length / 10))
        bytes.append(0x30 + UInt8(length % 10))
        characterCount += 4
    }
}
