/// A value inside a decoded, validated payload: the payload text, which the value shares, and where in it the value
/// lies. A decoded ``MerchantPresentedQR`` keeps its payload once and builds a field's `String` only when the field
/// is read.
///
/// Guarantees: the payload passed every structural check (lengths, templates) when it was decoded, so reading the
/// value or its children again cannot fail; `valueStart <= valueEnd <= ` the payload's UTF-8 count
/// (at most ``EMVPayload/byteCountMax``, so the offsets fit in `UInt16`).
struct EMVPayloadSlice: Sendable {
    /// Where a value lies and how to read its children: everything but the text, and trivial to copy and destroy.
    struct Position: Sendable {
        /// The first byte of the value.
        let valueStart: UInt16
        /// One past the last byte of the value.
        let valueEnd: UInt16
        /// The templates that enclose the value (its children's rules depend on them).
        let path: EMVTagPath
        /// How the payload's length fields counted.
        let counting: EMVLengthCounting
        /// True when every byte of the payload is ASCII.
        let isASCII: Bool
        /// True when the value parsed as data objects.
        let isTemplate: Bool
    }

    /// The whole payload, as decoded.
    let text: String
    /// Where the value lies in it.
    let position: Position

    var valueStart: UInt16 { position.valueStart }
    var valueEnd: UInt16 { position.valueEnd }
    var path: EMVTagPath { position.path }
    var counting: EMVLengthCounting { position.counting }
    var isASCII: Bool { position.isASCII }
    var isTemplate: Bool { position.isTemplate }

    /// A slice of `text` at `position`.
    init(text: String, position: Position) {
        self.text = text
        self.position = position
    }

    /// A slice from its parts.
    init(
        text: String, valueStart: UInt16, valueEnd: UInt16, path: EMVTagPath, counting: EMVLengthCounting,
        isASCII: Bool, isTemplate: Bool
    ) {
        self.text = text
        position = Position(
            valueStart: valueStart, valueEnd: valueEnd, path: path, counting: counting, isASCII: isASCII,
            isTemplate: isTemplate)
    }

    /// The slice of `field`, which `cursor` (over the UTF-8 bytes of `text`) returned.
    init(text: String, field: EMVField, cursor: EMVCursor) {
        self.init(
            text: text, valueStart: UInt16(truncatingIfNeeded: field.valueStart),
            valueEnd: UInt16(truncatingIfNeeded: field.valueEnd), path: cursor.path, counting: cursor.counting,
            isASCII: cursor.isASCII, isTemplate: field.isTemplate)
    }

    /// Calls `body` with the value's UTF-8 bytes.
    func withValueBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = text
        let start = Int(valueStart)
        let end = Int(valueEnd)
        return text.withUTF8 { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The value as text.
    var string: String {
        withValueBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with a cursor over the payload's bytes positioned on this value's children; the cursor's
    /// `next()` cannot fail, the payload having been checked.
    func withChildren<Result>(id: UInt8, _ body: (inout EMVCursor) -> Result) -> Result {
        var text = text
        return text.withUTF8 { bytes in
            var cursor = EMVCursor(
                bytes: bytes, counting: counting, isASCII: isASCII, path: path.appending(id),
                start: Int(valueStart), end: Int(valueEnd))
            return body(&cursor)
        }
    }

    /// The children of this template, as slices of the same payload.
    func children(id: UInt8) -> [EMVDataObject] {
        let text = text
        return withChildren(id: id) { cursor in
            var list: [EMVDataObject] = []
            while let child = try? cursor.next() {
                list.append(EMVDataObject(id: child.id, slice: EMVPayloadSlice(text: text, field: child, cursor: cursor)))
            }
            return list
        }
    }
}
