/// How the bitmaps are written: 16 ASCII hex digits or 8 raw bytes each.
public enum BitmapEncoding: String, Sendable, Hashable {
    case asciiHex
    case binary
}

/// A message format as data: MTI and bitmap encodings plus field number → ``FieldSpec``.
///
/// Guarantees: `pack` and `unpack` are inverse for every message whose fields the spec defines and whose values
/// satisfy their field specs; `unpack` never reads past the bytes it is given and reports how many it consumed.
/// Pack and unpack are in MessageSpec+Pack.swift and MessageSpec+Unpack.swift.
public struct MessageSpec: Sendable, Hashable, CustomStringConvertible {
    /// The dialect name; the field table is too long to print.
    public var description: String { name }

    /// Name of the dialect ("corridor-ascii-1987").
    public var name: String
    /// `.ascii`, `.ebcdic` (4 bytes) or `.bcd` (2 bytes).
    public var mtiEncoding: FieldEncoding
    public var bitmapEncoding: BitmapEncoding
    /// Data elements 2...128 (field 1, the secondary bitmap, is implied by the bitmap encoding).
    public var fields: [Int: FieldSpec] {
        didSet { layout = MessageLayout(fields) }
    }
    /// `fields` compiled for pack and unpack.
    private(set) var layout: MessageLayout

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
        self.layout = MessageLayout(fields)
    }

    /// Highest field number a message can carry (primary and secondary bitmaps).
    public static let fieldNumberMax = 128
}
