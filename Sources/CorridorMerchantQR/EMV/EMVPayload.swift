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
    /// The text this payload was decoded from, which ``MerchantPresentedQR/init(payload:)`` validates; a function of
    /// ``objects`` and ``lengthCounting``, so equality leaves it out.
    let sourceText: String

    /// Decodes and checks a payload.
    /// - Parameters:
    ///   - text: the payload, exactly as scanned (no surrounding whitespace).
    /// - Throws: a structural or checksum case of ``MerchantQRError`` naming the tag and character offset.
    public init(decoding text: String) throws(MerchantQRError) {
        var source = text
        var failure: MerchantQRError? = nil
        let reading: (objects: [EMVDataObject], counting: EMVLengthCounting)? = source.withUTF8 { bytes in
            do throws(MerchantQRError) {
                var reader = EMVPayload.Reader()
                let counting = try EMVCursor.readPayload(bytes, into: &reader)
                return (reader.objects, counting)
            } catch {
                failure = error
                return nil
            }
        }
        guard let reading else {
            guard let failure else { preconditionFailure("no value and no error") }
            throw failure
        }
        self.objects = reading.objects
        self.lengthCounting = reading.counting
        self.sourceText = source
    }

    /// Decodes and checks a payload from its UTF-8 bytes.
    /// - Parameters:
    ///   - bytes: the payload's UTF-8 bytes (valid UTF-8, as a `String`'s are).
    /// - Throws: a structural or checksum case of ``MerchantQRError`` naming the tag and character offset.
    public init(decodingUTF8 bytes: UnsafeBufferPointer<UInt8>) throws(MerchantQRError) {
        var reader = EMVPayload.Reader()
        self.lengthCounting = try EMVCursor.readPayload(bytes, into: &reader)
        self.objects = reader.objects
        self.sourceText = String(decoding: bytes, as: UTF8.self)
    }

    /// Collects the top-level data objects with their children.
    struct Reader: EMVPayloadReader {
        var objects: [EMVDataObject] = []

        init() {
            objects.reserveCapacity(16)
        }

        mutating func reset() {
            objects.removeAll(keepingCapacity: true)
        }

        mutating func take(_ field: EMVField, from cursor: EMVCursor) {
            objects.append(cursor.object(field))
        }
    }

    /// True when both have the same objects and length counting.
    /// - Parameters:
    ///   - lhs: a payload.
    ///   - rhs: another payload.
    public static func == (lhs: EMVPayload, rhs: EMVPayload) -> Bool {
        lhs.objects == rhs.objects && lhs.lengthCounting == rhs.lengthCounting
    }

    /// Hashes the objects and the length counting.
    /// - Parameters:
    ///   - hasher: the hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(objects)
        hasher.combine(lengthCounting)
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
}
