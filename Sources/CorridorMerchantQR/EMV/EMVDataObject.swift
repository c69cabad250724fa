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
    /// The value and children, held as built or as a range of a decoded payload.
    private let storage: Storage

    /// Where the value and children come from.
    private enum Storage: Sendable {
        /// Built from values (or decoded by ``EMVPayload``).
        case owned(value: String, children: [EMVDataObject]?)
        /// A range of a decoded ``MerchantPresentedQR``'s payload, read when asked for.
        case slice(EMVPayloadSlice)
    }

    /// The value text as it appears in the payload; for a template, the encoding of its children.
    public var value: String {
        switch storage {
        case .owned(let value, _): value
        case .slice(let slice): slice.string
        }
    }

    /// The nested data objects of a template whose content parsed as TLV; nil otherwise.
    public var children: [EMVDataObject]? {
        switch storage {
        case .owned(_, let children): children
        case .slice(let slice): slice.isTemplate ? slice.children(id: id) : nil
        }
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
        self.storage = .owned(value: value, children: nil)
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
        self.storage = .owned(value: writer.text(), children: children)
    }

    /// Creates a data object from decoded parts; the decoder has already checked the invariants.
    init(uncheckedID id: UInt8, value: String, children: [EMVDataObject]?) {
        self.id = id
        self.storage = .owned(value: value, children: children)
    }

    /// Creates a data object over a range of a decoded payload; its value and children are read when asked for.
    init(id: UInt8, slice: EMVPayloadSlice) {
        self.id = id
        self.storage = .slice(slice)
    }

    /// Calls `body` with the value's UTF-8 bytes, without building a `String` when the value is a payload range.
    func withValueBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .owned(var value, _):
            return value.withUTF8(body)
        case .slice(let slice):
            return slice.withValueBytes(body)
        }
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
