/// Reads one list of EMV data objects from a payload's UTF-8 bytes (EMV QRCPS MPM 4.1), one object per ``next()``,
/// without allocating: an object is a byte range (``EMVField``); callers build a `String` only for what they keep.
///
/// ``next()`` checks the whole subtree of the object it returns: a template whose content must be TLV (62, 64) is
/// read through, and one whose content may be raw (26–51, 80–99, 62's 50–99) is marked as a template only when it
/// parses. To read a template's children, open ``children(of:)``.
///
/// Only valid while `bytes` is: use it inside one `withUTF8` (or buffer) scope.
struct EMVCursor {
    /// How deep templates nest at most below the top level (a template inside 62 is two deep).
    static let depthMax = 3

    /// What a data object's value is, judged from its ID and its parent's.
    enum TemplateRule {
        /// A plain value.
        case primitive
        /// A template whose content must be TLV (62, 64): an overrun is an error.
        case strict
        /// A template whose content is kept raw when it is not TLV (26–51, 80–99, 62's 50–99).
        case lenient
    }

    /// The payload's bytes.
    let bytes: UnsafeBufferPointer<UInt8>
    /// How the payload's length fields count.
    let counting: EMVLengthCounting
    /// True when every byte of the payload is ASCII, so characters and bytes coincide.
    let isASCII: Bool
    /// The templates that enclose this list, outermost first.
    let path: EMVTagPath
    /// The byte offset of the next data object.
    private(set) var byteOffset: Int
    /// The character offset of the next data object.
    private(set) var characterOffset: Int
    /// One past the list's last byte.
    let end: Int

    /// A cursor over a whole payload's top-level list.
    /// - Parameters:
    ///   - bytes: the payload's UTF-8 bytes.
    ///   - counting: how length fields count.
    ///   - isASCII: whether every byte is ASCII (``EMVText/isASCII(_:)``).
    init(payload bytes: UnsafeBufferPointer<UInt8>, counting: EMVLengthCounting, isASCII: Bool) {
        self.bytes = bytes
        self.counting = counting
        self.isASCII = isASCII
        self.path = EMVTagPath()
        self.byteOffset = 0
        self.characterOffset = 0
        self.end = bytes.count
    }

    /// A cursor over the list between `start` and `end` of an already checked payload, inside the templates `path`;
    /// character offsets of the fields it returns count from `start` (they name nothing: the payload has no errors).
    init(
        bytes: UnsafeBufferPointer<UInt8>, counting: EMVLengthCounting, isASCII: Bool, path: EMVTagPath, start: Int,
        end: Int
    ) {
        self.bytes = bytes
        self.counting = counting
        self.isASCII = isASCII
        self.path = path
        self.byteOffset = start
        self.characterOffset = 0
        self.end = end
    }

    private init(parent: EMVCursor, field: EMVField) {
        bytes = parent.bytes
        counting = parent.counting
        isASCII = parent.isASCII
        path = parent.path.appending(field.id)
        byteOffset = field.valueStart
        characterOffset = field.offset + 4
        end = field.valueEnd
    }

    /// A cursor over the children of `field`, a data object this cursor returned with ``EMVField/isTemplate`` set.
    func children(of field: EMVField) -> EMVCursor {
        EMVCursor(parent: self, field: field)
    }

    /// The value bytes of `field`.
    @inline(__always)
    func value(_ field: EMVField) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes.baseAddress! + field.valueStart, count: field.valueEnd - field.valueStart)
    }

    /// The value of `field` as text.
    @inline(__always)
    func string(_ field: EMVField) -> String {
        String(decoding: value(field), as: UTF8.self)
    }

    /// The data object `field` with its children, as the public model carries it.
    func object(_ field: EMVField) -> EMVDataObject {
        var children: [EMVDataObject]? = nil
        if field.isTemplate {
            var list: [EMVDataObject] = []
            list.reserveCapacity(4)
            var cursor = self.children(of: field)
            // The subtree was checked when `field` was read, so reading it again cannot fail.
            while let child = try? cursor.next() { list.append(cursor.object(child)) }
            children = list
        }
        return EMVDataObject(uncheckedID: field.id, value: string(field), children: children)
    }

    /// The rule for `id` inside the template `parent` (nil at the top level).
    @inline(__always)
    static func rule(id: UInt8, parent: UInt8?) -> TemplateRule {
        switch parent {
        case nil:
            switch id {
            case 62, 64: .strict
            case 26...51, 80...99: .lenient
            default: .primitive
            }
        case 62?: id >= 50 ? .lenient : .primitive
        default: .primitive
        }
    }

    /// Reads the next data object and checks its subtree; nil at the end of the list.
    /// - Throws: the structural cases of ``MerchantQRError`` naming the tag path and character offset.
    mutating func next() throws(MerchantQRError) -> EMVField? {
        let index = byteOffset
        guard index < end else { return nil }
        let nested = path.depth > 0
        guard end - index >= 4 else {
            let tag = path.prefix + String(decoding: bytes[index..<min(index + 2, end)], as: UTF8.self)
            throw nested
                ? .nestedTemplateOverrun(tag: tag, offset: characterOffset)
                : .truncatedObject(tag: tag, offset: characterOffset)
        }
        let base = bytes.baseAddress!
        let d0 = base[index] &- 0x30
        let d1 = base[index + 1] &- 0x30
        guard d0 < 10, d1 < 10 else {
            let tag = path.prefix + String(decoding: bytes[index..<(index + 2)], as: UTF8.self)
            throw .nonNumericTag(tag: tag, offset: characterOffset)
        }
        let id = d0 &* 10 &+ d1
        let l0 = base[index + 2] &- 0x30
        let l1 = base[index + 3] &- 0x30
        guard l0 < 10, l1 < 10 else {
            throw .nonNumericLength(tag: path.text(id), offset: characterOffset)
        }
        let length = Int(l0 &* 10 &+ l1)
        let valueStart = index + 4
        guard let valueEnd = advance(from: valueStart, by: length) else {
            throw nested
                ? .nestedTemplateOverrun(tag: path.text(id), offset: characterOffset)
                : .lengthPastEnd(tag: path.text(id), offset: characterOffset, length: length)
        }
        var characterCount = valueEnd - valueStart
        if !isASCII {
            characterCount = counting == .characters
                ? length : EMVText.characterCount(UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]))
        }
        var field = EMVField(
            id: id, offset: characterOffset, valueStart: valueStart, valueEnd: valueEnd,
            characterCount: characterCount, isTemplate: false)
        if path.depth < EMVCursor.depthMax, valueEnd > valueStart {
            switch EMVCursor.rule(id: id, parent: path.last) {
            case .primitive:
                break
            case .strict:
                try children(of: field).skipAll()
                field.isTemplate = true
            case .lenient:
                // Not TLV: the value stays raw, as issuers put signatures in these templates.
                field.isTemplate = (try? children(of: field).skipAll()) != nil
            }
        }
        byteOffset = valueEnd
        characterOffset += 4 + characterCount
        return field
    }

    /// Reads and checks every remaining data object.
    /// - Throws: the structural cases of ``MerchantQRError``.
    private consuming func skipAll() throws(MerchantQRError) {
        while try next() != nil {}
    }

    /// The byte offset `count` characters (or bytes) after `start`, or nil when that passes ``end``.
    @inline(__always)
    private func advance(from start: Int, by count: Int) -> Int? {
        let asciiEnd = start + count
        if isASCII || counting == .utf8Bytes {
            return asciiEnd <= end ? asciiEnd : nil
        }
        return EMVText.characterEnd(in: bytes, from: start, characters: count, end: end)
    }
}

/// One data object as ``EMVCursor`` found it: its ID, where its value lies, and where it starts in characters.
///
/// Guarantees: `valueStart <= valueEnd`; `offset` is the character offset of the object's ID; `characterCount` is
/// the value's length in characters; `isTemplate` is true only when the value parsed as data objects.
struct EMVField {
    /// The ID, 0...99.
    let id: UInt8
    /// The character offset of the ID, from the start of the payload.
    let offset: Int
    /// The first byte of the value.
    let valueStart: Int
    /// One past the last byte of the value.
    let valueEnd: Int
    /// The value's length in characters (Unicode scalars).
    let characterCount: Int
    /// True when the value parsed as nested data objects.
    var isTemplate: Bool

    /// The value's length in bytes.
    var byteCount: Int { valueEnd - valueStart }

    /// The ID as two digits (`"05"`).
    var idText: String { EMVText.idText(id) }
}

/// The templates enclosing a list of data objects (at most ``EMVCursor/depthMax``), to name a tag in an error.
struct EMVTagPath {
    private var ids: (UInt8, UInt8, UInt8) = (0, 0, 0)
    /// How many templates enclose the list; 0 at the top level.
    private(set) var depth = 0

    /// The innermost template's ID, nil at the top level.
    var last: UInt8? {
        switch depth {
        case 0: nil
        case 1: ids.0
        case 2: ids.1
        default: ids.2
        }
    }

    /// The path one template deeper.
    func appending(_ id: UInt8) -> EMVTagPath {
        var path = self
        switch depth {
        case 0: path.ids.0 = id
        case 1: path.ids.1 = id
        default: path.ids.2 = id
        }
        path.depth = min(depth + 1, 3)
        return path
    }

    /// The enclosing templates with a trailing dot (`"62."`), empty at the top level.
    var prefix: String {
        var text = ""
        if depth > 0 { text += EMVText.idText(ids.0) + "." }
        if depth > 1 { text += EMVText.idText(ids.1) + "." }
        if depth > 2 { text += EMVText.idText(ids.2) + "." }
        return text
    }

    /// The dotted path of `id` inside these templates (`"62.05"`).
    func text(_ id: UInt8) -> String {
        prefix + EMVText.idText(id)
    }
}

/// Receives a payload's top-level data objects, in order, from ``EMVCursor/readPayload(_:into:)``.
protocol EMVPayloadReader {
    /// Forgets everything taken, before a second reading of the same payload.
    mutating func reset()

    /// Takes one top-level data object, whose subtree is already checked; `cursor` reads its children.
    mutating func take(_ field: EMVField, from cursor: EMVCursor)
}

extension EMVCursor {
    /// Reads and checks a whole payload (EMV QRCPS MPM 4.1, 4.2.1, 4.7.3), handing each top-level data object to a
    /// reader: lengths in characters first, then in UTF-8 bytes when only that reading works (with a new reader).
    /// - Parameters:
    ///   - bytes: the payload's UTF-8 bytes.
    ///   - reader: what receives the data objects; on return, the reader of the reading that succeeded.
    /// - Returns: how the reading that succeeded counted lengths.
    /// - Throws: a structural or checksum case of ``MerchantQRError`` naming the tag and character offset;
    ///   ``MerchantQRError/empty``, and ``MerchantQRError/valueTooLong(tag:offset:length:maximum:)`` (tag `payload`)
    ///   beyond ``EMVPayload/byteCountMax`` bytes.
    static func readPayload<Reader: EMVPayloadReader>(
        _ bytes: UnsafeBufferPointer<UInt8>, into reader: inout Reader
    ) throws(MerchantQRError) -> EMVLengthCounting {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= EMVPayload.byteCountMax else {
            throw .valueTooLong(tag: "payload", offset: 0, length: bytes.count, maximum: EMVPayload.byteCountMax)
        }
        let isASCII = EMVText.isASCII(bytes)
        do throws(MerchantQRError) {
            try read(bytes, counting: .characters, isASCII: isASCII, into: &reader)
            return .characters
        } catch {
            // Some issuers count UTF-8 bytes; accept that only when the character reading failed.
            guard !isASCII else { throw error }
            reader.reset()
            guard (try? read(bytes, counting: .utf8Bytes, isASCII: false, into: &reader)) != nil else { throw error }
            return .utf8Bytes
        }
    }

    /// One reading of a payload: every data object, then the frame (00 first, 63 last, the CRC).
    private static func read<Reader: EMVPayloadReader>(
        _ bytes: UnsafeBufferPointer<UInt8>, counting: EMVLengthCounting, isASCII: Bool, into reader: inout Reader
    ) throws(MerchantQRError) {
        var cursor = EMVCursor(payload: bytes, counting: counting, isASCII: isASCII)
        // The payload is not empty, so the first object is read or an error is thrown.
        guard let first = try cursor.next() else { preconditionFailure("a non-empty list has an object") }
        reader.take(first, from: cursor)
        var last = first
        while let field = try cursor.next() {
            reader.take(field, from: cursor)
            last = field
        }
        try cursor.checkFrame(first: first, last: last)
    }

    /// Checks 00 first with value `01`, 63 last with four uppercase hex digits, and the CRC.
    private func checkFrame(first: EMVField, last crc: EMVField) throws(MerchantQRError) {
        guard first.id == 0 else { throw .missingPayloadFormatIndicator(offset: 0) }
        let formatIndicator = value(first)
        guard formatIndicator.count == 2, formatIndicator[0] == 0x30, formatIndicator[1] == 0x31 else {
            throw .invalidValue(tag: "00", offset: 0, reason: "payload format indicator must be 01")
        }
        guard crc.id == 63 else { throw .missingCRC(tag: crc.idText, offset: crc.offset) }
        let crcByteCount = crc.byteCount
        guard crcByteCount == 4 else {
            if crcByteCount < 4 {
                throw .truncatedValue(tag: "63", offset: crc.offset, length: crcByteCount, required: 4)
            }
            throw .valueTooLong(tag: "63", offset: crc.offset, length: crcByteCount, maximum: 4)
        }
        var found: UInt16 = 0
        var sawLowercase = false
        for byte in value(crc) {
            let nibble: UInt8
            switch byte {
            case 0x30...0x39: nibble = byte &- 0x30
            case 0x41...0x46: nibble = byte &- 0x37
            case 0x61...0x66:
                nibble = byte &- 0x57
                sawLowercase = true
            default: throw .nonHexCRC(tag: "63", offset: crc.offset, found: string(crc))
            }
            found = found << 4 | UInt16(nibble)
        }
        let expected = CRC16.checksum(UnsafeBufferPointer(rebasing: bytes[0..<crc.valueStart]))
        if sawLowercase {
            throw .lowercaseCRC(tag: "63", offset: crc.offset, found: string(crc))
        }
        guard expected == found else {
            throw .badCRC(tag: "63", offset: crc.offset, expected: CRC16.hexText(expected), found: string(crc))
        }
    }
}
