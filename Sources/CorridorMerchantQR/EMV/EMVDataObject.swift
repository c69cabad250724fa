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
    /// The value text as it appears in the payload; for a template, the encoding of its children.
    public let value: String
    /// The nested data objects of a template whose content parsed as TLV; nil otherwise.
    public let children: [EMVDataObject]?

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
        self.value = value
        self.children = nil
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
        self.value = writer.text()
        self.children = children
    }

    /// Creates a data object from decoded parts; the decoder has already checked the invariants.
    init(uncheckedID id: UInt8, value: String, children: [EMVDataObject]?) {
        self.id = id
        self.value = value
        self.children = children
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
