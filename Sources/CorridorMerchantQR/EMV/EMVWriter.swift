/// Appends EMV data objects to a UTF-8 buffer, counting lengths in characters; templates are written in place.
///
/// The buffer is a caller's scratch space (on the stack) or one raw allocation; when it
/// runs out, the bytes move to an allocation that grows by doubling and is freed in `deinit`. The payload `String` is
/// created at the end, by ``text()``. Noncopyable, so the buffer has exactly one owner.
struct EMVWriter: ~Copyable {
    /// The scratch space callers give: room for any payload of a QR code's usual sizes.
    static let scratchByteCount = 512

    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// False while `storage` is the caller's scratch space.
    private var ownsStorage: Bool
    /// The number of bytes written so far.
    private(set) var byteCount = 0
    /// The number of characters (Unicode scalars) written so far.
    private(set) var characterCount = 0
    /// Where the first value with a non-ASCII character starts, nil while every byte is ASCII.
    private var firstNonASCIIByteOffset: Int? = nil

    /// Where an open template's ID and length start, to patch the length when it closes.
    struct TemplateMark {
        let byteOffset: Int
        let characterCount: Int
    }

    /// Creates an empty writer with room for `capacity` bytes.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
        ownsStorage = true
    }

    /// Creates an empty writer over `scratch` (stack space from `withUnsafeTemporaryAllocation`), which must
    /// outlive it.
    init(scratch: UnsafeMutableBufferPointer<UInt8>) {
        storage = scratch.baseAddress!
        capacity = scratch.count
        ownsStorage = false
    }

    deinit {
        if ownsStorage { storage.deallocate() }
    }

    /// Appends `id`, the length of `value` and `value`, after checking `value` against `rule`.
    /// - Parameters:
    ///   - id: the ID.
    ///   - value: the value.
    ///   - rule: the value's length and character-set rule.
    ///   - tag: the tag path named by an error, built only for one.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` when `value` breaks `rule`.
    @inline(__always)
    mutating func append(
        id: UInt8, value: String, rule: EMVFieldRule, tag: @autoclosure () -> String
    ) throws(MerchantQRError) {
        func appendChecked(_ bytes: UnsafeBufferPointer<UInt8>) -> EMVFieldRule.Violation? {
            let (characterCount, violation) = rule.measure(utf8: bytes)
            if let violation { return violation }
            append(id: id, utf8: bytes, characterCount: characterCount)
            return nil
        }
        // Native and small strings are contiguous; only a bridged one is copied.
        let violation: EMVFieldRule.Violation?
        if let found = value.utf8.withContiguousStorageIfAvailable(appendChecked) {
            violation = found
        } else {
            var copy = value
            violation = copy.withUTF8(appendChecked)
        }
        if let violation { throw rule.encodingError(violation, tag: tag()) }
    }

    /// Appends `id`, the length `02` and two ASCII bytes (`01`, `11`, `12`).
    @inline(__always)
    mutating func append(id: UInt8, _ first: UInt8, _ second: UInt8) {
        let target = reserveHeader(id: id, length: 2, valueByteCount: 2)
        target[4] = first
        target[5] = second
        byteCount &+= 6
        characterCount &+= 6
    }

    /// Appends `id`, the two-digit length of the UTF-8 `value` in characters, and `value`.
    mutating func append(id: UInt8, utf8 value: UnsafeBufferPointer<UInt8>) {
        append(id: id, utf8: value, characterCount: EMVText.characterCount(value))
    }

    /// Appends `id`, the two-digit `characterCount` and the UTF-8 `value`, which holds that many characters.
    @inline(__always)
    private mutating func append(id: UInt8, utf8 value: UnsafeBufferPointer<UInt8>, characterCount length: Int) {
        let count = value.count
        let target = reserveHeader(id: id, length: length, valueByteCount: count)
        // Fewer characters than bytes: some are multi-byte, so the value is not ASCII.
        if length != count, firstNonASCIIByteOffset == nil { firstNonASCIIByteOffset = byteCount }
        if let base = value.baseAddress {
            (target + 4).update(from: base, count: count)
        }
        byteCount &+= 4 &+ count
        characterCount &+= 4 &+ length
    }

    /// Appends `id`, the length `count` and `count` ASCII bytes that `write` puts straight into the payload
    /// (digits, a code); callers keep `count` at most 99.
    @inline(__always)
    mutating func appendASCII(id: UInt8, count: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Void) {
        let target = reserveHeader(id: id, length: count, valueByteCount: count)
        write(target + 4)
        byteCount &+= 4 &+ count
        characterCount &+= 4 &+ count
    }

    /// Appends a data object (a template's value is already its children's encoding).
    mutating func append(_ object: EMVDataObject) {
        object.withValueBytes { append(id: object.id, utf8: $0) }
    }

    /// Writes a template's ID and a placeholder length; close it with ``endTemplate(_:)``.
    @inline(__always)
    mutating func beginTemplate(id: UInt8) -> TemplateMark {
        let mark = TemplateMark(byteOffset: byteCount, characterCount: characterCount)
        _ = reserveHeader(id: id, length: 0, valueByteCount: 0)
        byteCount &+= 4
        characterCount &+= 4
        return mark
    }

    /// Patches the length of the template opened at `mark` and returns it in characters (may exceed 99:
    /// the caller rejects that).
    @discardableResult
    mutating func endTemplate(_ mark: TemplateMark) -> Int {
        let length = characterCount - mark.characterCount - 4
        let clamped = min(length, 99)
        storage[mark.byteOffset + 2] = 0x30 + UInt8(clamped / 10)
        storage[mark.byteOffset + 3] = 0x30 + UInt8(clamped % 10)
        return length
    }

    /// Removes an empty template opened at `mark` (an optional template with nothing in it).
    mutating func discardTemplate(_ mark: TemplateMark) {
        if let offset = firstNonASCIIByteOffset, offset >= mark.byteOffset { firstNonASCIIByteOffset = nil }
        byteCount = mark.byteOffset
        characterCount = mark.characterCount
    }

    /// Appends the CRC data object: `6304` and the checksum of everything before it and `6304` itself.
    mutating func appendCRC() {
        let target = reserveHeader(id: 63, length: 4, valueByteCount: 4)
        let crc = CRC16.checksum(UnsafeBufferPointer(start: storage, count: byteCount &+ 4))
        let hex = CRC16.hexBytes(crc)
        target[4] = hex.0
        target[5] = hex.1
        target[6] = hex.2
        target[7] = hex.3
        byteCount &+= 8
        characterCount &+= 8
    }

    /// The bytes as a string.
    ///
    /// A `String` checks the UTF-8 it is made from: an ASCII run word by word, anything else scalar by scalar. So
    /// the ASCII bytes before the first non-ASCII value go in first, in a string with room for everything, and
    /// only the rest is checked scalar by scalar.
    func text() -> String {
        guard let split = firstNonASCIIByteOffset, split < byteCount else {
            return String(decoding: UnsafeBufferPointer(start: storage, count: byteCount), as: UTF8.self)
        }
        var text = String(unsafeUninitializedCapacity: byteCount) { buffer in
            buffer.baseAddress.unsafelyUnwrapped.update(from: storage, count: split)
            return split
        }
        text.append(String(decoding: UnsafeBufferPointer(start: storage + split, count: byteCount - split), as: UTF8.self))
        return text
    }

    /// Makes room for a header and `valueByteCount` bytes, writes the header (`id` and `length` as two digits each,
    /// in one store) and returns where it starts; the caller writes the value after it and advances the counts.
    @inline(__always)
    private mutating func reserveHeader(id: UInt8, length: Int, valueByteCount: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(id <= 99 && length <= 99, "EMV ID and length are two digits")
        if byteCount &+ 4 &+ valueByteCount > capacity { grow(to: byteCount + 4 + valueByteCount) }
        // One pointer and one 32-bit store: byte stores through `storage` made every later field access reload.
        let target = storage + byteCount
        let lengthByte = UInt8(truncatingIfNeeded: length)
        let digits = UInt32(id / 10) | UInt32(id % 10) << 8 | UInt32(lengthByte / 10) << 16
            | UInt32(lengthByte % 10) << 24
        UnsafeMutableRawPointer(target).storeBytes(of: (digits | 0x3030_3030).littleEndian, as: UInt32.self)
        return target
    }

    private mutating func grow(to minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.initialize(from: storage, count: byteCount)
        // The caller's scratch space is not ours to free.
        if ownsStorage { storage.deallocate() }
        ownsStorage = true
        storage = newStorage
        capacity = newCapacity
    }
}
