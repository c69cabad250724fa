/// A decoded EMV merchant-presented payload at the TLV level: every data object in order, unknown ones included.
///
/// Decoding checks structure only (EMV QRCPS MPM 4.1, 4.2.1, 4.7.3): IDs and lengths are digits, lengths stay
/// inside the payload and inside templates 62 and 64, `000201` comes first, `6304` and four uppercase hex digits
/// come last, and the CRC matches. Mandatory tags and value formats are checked by ``MerchantPresentedQR``.
///
/// Guarantees: `objects.first` is tag 00 with value `01`; `objects.last` is tag 63 with four uppercase hex digits
/// that equal CRC-16/CCITT-FALSE of the payload's UTF-8 bytes up to and including `6304`.
public struct EMVPayload: Sendable, Hashable {
    /// The longest payload accepted, in bytes: far above any QR code's capacity, a guard against abuse.
    public static let byteCountMax = 8_192

    /// The top-level data objects in payload order, 00 first and 63 last.
    public let objects: [EMVDataObject]
    /// How the payload's length fields counted their values.
    public let lengthCounting: EMVLengthCounting

    /// Decodes and checks a payload.
    /// - Parameters:
    ///   - text: the payload, exactly as scanned (no surrounding whitespace).
    /// - Throws: a structural or checksum case of ``MerchantQRError`` naming the tag and character offset.
    public init(decoding text: String) throws(MerchantQRError) {
        var text = text
        let result: Result<EMVPayload, MerchantQRError> = text.withUTF8 { buffer in
            do throws(MerchantQRError) {
                return .success(try EMVPayload(decodingUTF8: buffer))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// Decodes and checks a payload from its UTF-8 bytes.
    /// - Parameters:
    ///   - bytes: the payload's UTF-8 bytes.
    /// - Throws: a structural or checksum case of ``MerchantQRError`` naming the tag and character offset.
    public init(decodingUTF8 bytes: UnsafeBufferPointer<UInt8>) throws(MerchantQRError) {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= EMVPayload.byteCountMax else {
            throw .valueTooLong(tag: "payload", offset: 0, length: bytes.count, maximum: EMVPayload.byteCountMax)
        }
        var isASCII = true
        for byte in bytes where byte >= 0x80 {
            isASCII = false
            break
        }
        let reader = EMVReader(bytes: bytes, counting: .characters, isASCII: isASCII)
        do {
            let objects = try reader.readList(from: 0, to: bytes.count, parent: nil, pathPrefix: "", depth: 0)
            try EMVPayload.checkFrame(objects, reader: reader)
            self.objects = objects
            self.lengthCounting = .characters
        } catch {
            // Some issuers count UTF-8 bytes; accept that only when the character reading failed.
            guard !isASCII else { throw error }
            let byteReader = EMVReader(bytes: bytes, counting: .utf8Bytes, isASCII: false)
            guard let objects = try? byteReader.readList(
                from: 0, to: bytes.count, parent: nil, pathPrefix: "", depth: 0),
                (try? EMVPayload.checkFrame(objects, reader: byteReader)) != nil
            else { throw error }
            self.objects = objects
            self.lengthCounting = .utf8Bytes
        }
    }

    /// Builds a payload from data objects, appending the CRC. A tag 63 among `objects` is dropped and recomputed.
    /// - Parameters:
    ///   - objects: the data objects in order; the first should be 00 (callers building from scratch put it there).
    /// - Throws: ``MerchantQRError/missingPayloadFormatIndicator(offset:)`` when the first object is not `000201`.
    public init(objects: [EMVDataObject]) throws(MerchantQRError) {
        guard let first = objects.first, first.id == 0, first.value == "01" else {
            throw .missingPayloadFormatIndicator(offset: 0)
        }
        let text = EMVPayload.encode(objects)
        self = try EMVPayload(decoding: text)
    }

    /// The payload text: every object in order, then `6304` and the CRC.
    /// - Parameters:
    ///   - objects: the data objects; any tag 63 is skipped.
    public static func encode(_ objects: [EMVDataObject]) -> String {
        var writer = EMVWriter(capacity: 256)
        for object in objects where object.id != 63 { writer.append(object) }
        writer.appendCRC()
        return writer.text()
    }

    /// The payload text (lengths counted in characters, CRC recomputed).
    public var text: String { EMVPayload.encode(objects) }

    /// The CRC text of tag 63.
    public var crcText: String { objects[objects.count - 1].value }

    /// The first top-level object with `id`, or nil.
    /// - Parameters:
    ///   - id: the ID.
    public subscript(id: UInt8) -> EMVDataObject? {
        objects.first { $0.id == id }
    }

    /// The object at a dotted path (`"62.05"`, `"29.00"`), or nil.
    /// - Parameters:
    ///   - path: two-digit IDs joined by dots.
    public func object(at path: String) -> EMVDataObject? {
        var list = objects
        var found: EMVDataObject? = nil
        for part in path.split(separator: ".") {
            guard let id = UInt8(part), let next = list.first(where: { $0.id == id }) else { return nil }
            found = next
            list = next.children ?? []
        }
        return found
    }

    /// Every object as a (path, value) pair in payload order; a template's own path holds its raw value and is
    /// followed by its children (`"62"`, `"62.05"`).
    public var flattenedObjects: [MerchantQRObject] {
        var result: [MerchantQRObject] = []
        func walk(_ list: [EMVDataObject], prefix: String) {
            for object in list {
                let path = prefix + object.idText
                result.append(MerchantQRObject(path: path, value: object.value))
                if let children = object.children { walk(children, prefix: path + ".") }
            }
        }
        walk(objects, prefix: "")
        return result
    }

    /// The character offset of top-level object `index`: four characters of ID and length plus each value.
    func characterOffset(ofObjectAt index: Int) -> Int {
        EMVPayload.characterOffset(of: index, in: objects)
    }

    static func characterOffset(of index: Int, in list: [EMVDataObject]) -> Int {
        var offset = 0
        for object in list[..<index] { offset += 4 + EMVText.characterCount(object.value) }
        return offset
    }

    /// Checks 00 first, 63 last with four uppercase hex digits, and the CRC.
    private static func checkFrame(_ objects: [EMVDataObject], reader: EMVReader) throws(MerchantQRError) {
        guard let first = objects.first, first.id == 0 else { throw .missingPayloadFormatIndicator(offset: 0) }
        guard first.value == "01" else {
            throw .invalidValue(tag: "00", offset: 0, reason: "payload format indicator must be 01")
        }
        let last = objects[objects.count - 1]
        let crcByteOffset = reader.bytes.count - last.value.utf8.count - 4
        guard last.id == 63 else {
            throw .missingCRC(tag: last.idText, offset: reader.characterOffset(crcByteOffset))
        }
        let offset = reader.characterOffset(crcByteOffset)
        let crcBytes = last.value.utf8
        guard crcBytes.count == 4 else {
            if crcBytes.count < 4 {
                throw .truncatedValue(tag: "63", offset: offset, length: crcBytes.count, required: 4)
            }
            throw .valueTooLong(tag: "63", offset: offset, length: crcBytes.count, maximum: 4)
        }
        var found: UInt16 = 0
        var sawLowercase = false
        for byte in crcBytes {
            let nibble: UInt8
            switch byte {
            case 0x30...0x39: nibble = byte - 0x30
            case 0x41...0x46: nibble = byte - 0x37
            case 0x61...0x66:
                nibble = byte - 0x57
                sawLowercase = true
            default: throw .nonHexCRC(tag: "63", offset: offset, found: last.value)
            }
            found = found << 4 | UInt16(nibble)
        }
        let expected = CRC16.checksum(UnsafeBufferPointer(rebasing: reader.bytes[0..<(crcByteOffset + 4)]))
        if sawLowercase {
            throw .lowercaseCRC(tag: "63", offset: offset, found: last.value)
        }
        guard expected == found else {
            throw .badCRC(tag: "63", offset: offset, expected: CRC16.hexText(expected), found: last.value)
        }
    }
}
