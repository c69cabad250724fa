/// One EMV data object: a two-digit ID, and a value that is either plain text or a template of data objects.
///
/// EMV QRCPS MPM 4.1: ID (2 digits) + length (2 digits, 00–99) + value; templates nest the same way.
///
/// Guarantees: `id` is 0...99; for a template, `value` is exactly the encoding of `children` (the initializers
/// keep both in step); `children` is nil for a primitive value and for a template whose content is not TLV
/// (kept raw, as issuers put signatures in 80–99).
public struct EMVDataObject: Sendable, Hashable {
    /// The ID, 0...99 (`"62"` is 62).
    public let id: UInt8
    /// The value as built, or the whole decoded payload the value lies in (then `position` says where).
    private let source: String
    /// The children as built; nil for a primitive or a payload range.
    private let builtChildren: [EMVDataObject]?
    /// Where the value lies in `source` when it is a range of a decoded ``MerchantPresentedQR``'s payload, read
    /// when asked for. Two plain fields and a trivial one rather than an enum: destroying an enum with payloads
    /// went through a generic witness that cost more than the rest of the object.
    private let position: EMVPayloadSlice.Position?

    /// The value text as it appears in the payload; for a template, the encoding of its children.
    public var value: String {
        guard let position else { return source }
        return EMVPayloadSlice(text: source, position: position).string
    }

    /// The nested data objects of a template whose content parsed as TLV; nil otherwise.
    public var children: [EMVDataObject]? {
        guard let position else { return builtChildren }
        return position.isTemplate ? EMVPayloadSlice(text: source, position: position).children(id: id) : nil
    }

    /// Creates a primitive data object.
    /// - Parameters:
    ///   - id: the ID, 0...99.
    ///   - value: the value, at most 99 characters.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` when the ID or the value's length is out of range.
    public init(id: UInt8, value: String) throws(MerchantQRError) {
        guard id <= 99 else { throw .cannotEncode(tag: String(id), reason: "IDs are 00 to 99") }
        let length = EMVText.characterCount(value)
        guard length <= EMVText.valueLengthMax else {
            throw .cannotEncode(tag: EMVText.idText(id), reason: "value is \(length) characters, at most 99")
        }
        self.id = id
        self.source = value
        self.builtChildren = nil
        self.position = nil
    }

    /// Creates a template whose value is the encoding of `children`, lengths counted in characters.
    /// - Parameters:
    ///   - id: the ID, 0...99.
    ///   - children: the nested data objects, in order.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` when the encoded children exceed 99 characters.
    public init(id: UInt8, children: [EMVDataObject]) throws(MerchantQRError) {
        guard id <= 99 else { throw .cannotEncode(tag: String(id), reason: "IDs are 00 to 99") }
        var writer = EMVWriter(capacity: 100)
        for child in children { writer.append(child) }
        guard writer.characterCount <= EMVText.valueLengthMax else {
            throw .cannotEncode(
                tag: EMVText.idText(id), reason: "template is \(writer.characterCount) characters, at most 99")
        }
        self.id = id
        self.source = writer.text()
        self.builtChildren = children
        self.position = nil
    }

    /// Creates a data object from decoded parts; the decoder has already checked the invariants.
    init(uncheckedID id: UInt8, value: String, children: [EMVDataObject]?) {
        self.id = id
        self.source = value
        self.builtChildren = children
        self.position = nil
    }

    /// Creates a data object over a range of a decoded payload; its value and children are read when asked for.
    init(id: UInt8, slice: EMVPayloadSlice) {
        self.id = id
        self.source = slice.text
        self.builtChildren = nil
        self.position = slice.position
    }

    /// Calls `body` with the value's UTF-8 bytes, without building a `String` when the value is a payload range.
    func withValueBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let position { return EMVPayloadSlice(text: source, position: position).withValueBytes(body) }
        // Native strings are contiguous; a copy is made only for one that is not.
        if let result = source.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = source
        return copy.withUTF8(body)
    }

    /// True when both have the same ID, value and children, however they are held.
    /// - Parameters:
    ///   - lhs: a data object.
    ///   - rhs: another data object.
    public static func == (lhs: EMVDataObject, rhs: EMVDataObject) -> Bool {
        lhs.id == rhs.id && lhs.value == rhs.value && lhs.children == rhs.children
    }

    /// Hashes the ID, value and children.
    /// - Parameters:
    ///   - hasher: the hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(value)
        hasher.combine(children)
    }

    /// The ID as two digits (`"05"`).
    public var idText: String { EMVText.idText(id) }

    /// True when the value parsed as nested data objects.
    public var isTemplate: Bool { children != nil }

    /// The first nested data object with `id`, or nil.
    /// - Parameters:
    ///   - id: the nested ID.
    public func child(_ id: UInt8) -> EMVDataObject? {
        children?.first { $0.id == id }
    }
}

extension EMVDataObject: CustomReflectable {
    /// The ID, value and children, so that printing shows the data, not how it is held.
    public var customMirror: Mirror {
        Mirror(self, children: ["id": id, "value": value, "children": children as Any], displayStyle: .struct)
    }
}
