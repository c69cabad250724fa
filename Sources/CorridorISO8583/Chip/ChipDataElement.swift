/// One BER-TLV data object of EMV chip data, as carried in ISO 8583 field 55 (EMV Book 3 Annex B).
///
/// Guarantees: `ChipDataElement.decode(ChipDataElement.encode(elements)) == elements` for elements whose tags are
/// valid BER tags and whose constructed elements hold children rather than raw values.
public struct ChipDataElement: Sendable, Hashable, CustomStringConvertible {
    /// The tag as its bytes read big-endian (0x9F26 for the application cryptogram).
    public var tag: UInt32
    /// The value bytes of a primitive element; empty for a constructed one.
    public var value: [UInt8]
    /// The nested elements of a constructed element (tag bit 6 of the first byte set).
    public var children: [ChipDataElement]

    /// Creates an element.
    /// - Parameters:
    ///   - tag: the tag, such as 0x9F26.
    ///   - value: primitive value bytes.
    ///   - children: nested elements of a constructed tag.
    public init(tag: UInt32, value: [UInt8] = [], children: [ChipDataElement] = []) {
        self.tag = tag
        self.value = value
        self.children = children
    }

    /// Longest tag, in bytes, this decoder accepts (EMV uses one or two).
    public static let tagByteCountMax = 4
    /// Deepest nesting of constructed elements this decoder accepts.
    public static let depthMax = 8

    /// Tag bytes, big-endian, without leading zero bytes.
    public var tagBytes: [UInt8] {
        var bytes: [UInt8] = []
        var remaining = tag
        repeat {
            bytes.insert(UInt8(truncatingIfNeeded: remaining), at: 0)
            remaining >>= 8
        } while remaining != 0
        return bytes
    }

    /// Whether the tag marks a constructed element.
    public var isConstructed: Bool { (tagBytes.first ?? 0) & 0x20 != 0 }

    public var description: String {
        let tagHex = Hex.upper(tagBytes)
        if isConstructed { return "\(tagHex)[\(children.map(\.description).joined(separator: " "))]" }
        return "\(tagHex)=\(Hex.upper(value))"
    }

    /// Decodes a sequence of BER-TLV elements, skipping 0x00 and 0xFF padding between them.
    /// - Parameter bytes: the value of field 55.
    /// - Returns: the top-level elements in order.
    /// - Throws: `ISO8583Error.chipDataInvalid(offset:)` where a tag or length is malformed or runs past the end.
    public static func decode(_ bytes: [UInt8]) throws(ISO8583Error) -> [ChipDataElement] {
        try decode(bytes[...], depth: 0)
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, depth: Int) throws(ISO8583Error) -> [ChipDataElement] {
        guard depth <= depthMax else { throw .chipDataInvalid(offset: bytes.startIndex) }
        var elements: [ChipDataElement] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0x00 || bytes[index] == 0xFF {
                index += 1
                continue
            }
            let tagStart = index
            var tag = UInt32(bytes[index])
            let constructed = bytes[index] & 0x20 != 0
            if bytes[index] & 0x1F == 0x1F {
                repeat {
                    index += 1
                    guard index < bytes.endIndex, index - tagStart < tagByteCountMax else {
                        throw .chipDataInvalid(offset: tagStart)
                    }
                    tag = tag << 8 | UInt32(bytes[index])
                } while bytes[index] & 0x80 != 0
            }
            index += 1
            guard index < bytes.endIndex else { throw .chipDataInvalid(offset: index) }
            var length = Int(bytes[index])
            let lengthStart = index
            index += 1
            if length & 0x80 != 0 {
                let count = length & 0x7F
                guard (1...3).contains(count), bytes.endIndex - index >= count else {
                    throw .chipDataInvalid(offset: lengthStart)
                }
                length = 0
                for _ in 0..<count {
                    length = length << 8 | Int(bytes[index])
                    index += 1
                }
            }
            guard bytes.endIndex - index >= length else { throw .chipDataInvalid(offset: lengthStart) }
            let content = bytes[index..<index + length]
            if constructed {
                elements.append(ChipDataElement(tag: tag, children: try decode(content, depth: depth + 1)))
            } else {
                elements.append(ChipDataElement(tag: tag, value: Array(content)))
            }
            index += length
        }
        return elements
    }

    /// Encodes elements as BER-TLV with definite lengths in the shortest form.
    /// - Parameter elements: the elements.
    /// - Returns: the bytes for field 55.
    public static func encode(_ elements: [ChipDataElement]) -> [UInt8] {
        var out: [UInt8] = []
        for element in elements {
            let content = element.isConstructed ? encode(element.children) : element.value
            out += element.tagBytes
            switch content.count {
            case 0..<0x80: out.append(UInt8(content.count))
            case 0x80...0xFF: out += [0x81, UInt8(content.count)]
            case 0x100...0xFFFF: out += [0x82, UInt8(content.count >> 8), UInt8(truncatingIfNeeded: content.count)]
            default:
                out += [0x83, UInt8(truncatingIfNeeded: content.count >> 16), UInt8(truncatingIfNeeded: content.count >> 8),
                    UInt8(truncatingIfNeeded: content.count)]
            }
            out += content
        }
        return out
    }
}
