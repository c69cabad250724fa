/// A payload's data objects as byte ranges over its UTF-8 bytes, structure and CRC checked (EMV QRCPS MPM 4.1,
/// 4.2.1, 4.7.3); the common first step of ``EMVPayload`` and ``MerchantPresentedQR/init(decoding:)``.
///
/// Only valid while `bytes` is: build it and use it inside one `withUTF8` (or buffer) scope.
///
/// Guarantees: `nodes[0]` is tag 00 with value `01`; the last top-level node, `nodes[lastTopLevelIndex]`, is tag 63
/// with four uppercase hex digits that equal the CRC of the bytes up to and including `6304`.
struct EMVNodeTree {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Every node in payload order, children after their template.
    let nodes: [EMVNode]
    /// How the length fields counted their values.
    let counting: EMVLengthCounting
    /// True when every byte is ASCII, so characters and bytes coincide.
    let isASCII: Bool

    /// Reads and checks a payload; lengths in characters first, then in UTF-8 bytes when only that reading works.
    /// - Parameters:
    ///   - bytes: the payload's UTF-8 bytes.
    /// - Throws: a structural or checksum case of ``MerchantQRError`` naming the tag and character offset; ``empty``
    ///   and ``valueTooLong`` (tag `payload`) beyond ``EMVPayload/byteCountMax`` bytes.
    init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(MerchantQRError) {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= EMVPayload.byteCountMax else {
            throw .valueTooLong(tag: "payload", offset: 0, length: bytes.count, maximum: EMVPayload.byteCountMax)
        }
        let isASCII = EMVText.isASCII(bytes)
        var nodes: [EMVNode] = []
        nodes.reserveCapacity(min(bytes.count / 4 + 1, 64))
        let reader = EMVReader(bytes: bytes, counting: .characters, isASCII: isASCII)
        do {
            let last = try reader.readList(from: 0, to: bytes.count, parent: nil, pathPrefix: "", depth: 0, into: &nodes)
            try EMVNodeTree.checkFrame(nodes, last: last, reader: reader)
            self.init(bytes: bytes, nodes: nodes, counting: .characters, isASCII: isASCII)
        } catch {
            // Some issuers count UTF-8 bytes; accept that only when the character reading failed.
            guard !isASCII else { throw error }
            let byteReader = EMVReader(bytes: bytes, counting: .utf8Bytes, isASCII: false)
            var byteNodes: [EMVNode] = []
            guard let last = try? byteReader.readList(
                from: 0, to: bytes.count, parent: nil, pathPrefix: "", depth: 0, into: &byteNodes),
                (try? EMVNodeTree.checkFrame(byteNodes, last: last, reader: byteReader)) != nil
            else { throw error }
            self.init(bytes: bytes, nodes: byteNodes, counting: .utf8Bytes, isASCII: false)
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, nodes: [EMVNode], counting: EMVLengthCounting, isASCII: Bool) {
        self.bytes = bytes
        self.nodes = nodes
        self.counting = counting
        self.isASCII = isASCII
    }

    /// The value bytes of `node`.
    @inline(__always)
    func value(_ node: EMVNode) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[node.valueStart..<node.valueEnd])
    }

    /// The value of `node` as text.
    @inline(__always)
    func string(_ node: EMVNode) -> String {
        String(decoding: value(node), as: UTF8.self)
    }

    /// The value's length in characters (Unicode scalars).
    @inline(__always)
    func characterCount(_ node: EMVNode) -> Int {
        isASCII ? node.byteCount : EMVText.characterCount(value(node))
    }

    /// The data object at `index` with its children, as the public model carries it.
    func object(at index: Int) -> EMVDataObject {
        let node = nodes[index]
        var children: [EMVDataObject]? = nil
        if node.hasChildren {
            var list: [EMVDataObject] = []
            var child = index + 1
            while child < node.subtreeEnd {
                list.append(object(at: child))
                child = nodes[child].subtreeEnd
            }
            children = list
        }
        return EMVDataObject(uncheckedID: node.id, value: string(node), children: children)
    }

    /// Every top-level data object, in payload order.
    func topLevelObjects() -> [EMVDataObject] {
        var objects: [EMVDataObject] = []
        objects.reserveCapacity(16)
        var index = 0
        while index < nodes.count {
            objects.append(object(at: index))
            index = nodes[index].subtreeEnd
        }
        return objects
    }

    /// Checks 00 first, 63 last with four uppercase hex digits, and the CRC.
    private static func checkFrame(_ nodes: [EMVNode], last: Int, reader: EMVReader) throws(MerchantQRError) {
        let bytes = reader.bytes
        guard let first = nodes.first, first.id == 0 else { throw .missingPayloadFormatIndicator(offset: 0) }
        guard first.byteCount == 2, bytes[first.valueStart] == 0x30, bytes[first.valueStart + 1] == 0x31 else {
            throw .invalidValue(tag: "00", offset: 0, reason: "payload format indicator must be 01")
        }
        let crcNode = nodes[last]
        let crcByteCount = crcNode.byteCount
        let crcByteOffset = bytes.count - crcByteCount - 4
        guard crcNode.id == 63 else {
            throw .missingCRC(tag: crcNode.idText, offset: reader.characterOffset(crcByteOffset))
        }
        // The character offset is needed only for an error; counting it costs a pass over non-ASCII payloads.
        var offset: Int { reader.characterOffset(crcByteOffset) }
        func found() -> String { String(decoding: bytes[crcNode.valueStart..<crcNode.valueEnd], as: UTF8.self) }
        guard crcByteCount == 4 else {
            if crcByteCount < 4 {
                throw .truncatedValue(tag: "63", offset: offset, length: crcByteCount, required: 4)
            }
            throw .valueTooLong(tag: "63", offset: offset, length: crcByteCount, maximum: 4)
        }
        var value: UInt16 = 0
        var sawLowercase = false
        for byte in bytes[crcNode.valueStart..<crcNode.valueEnd] {
            let nibble: UInt8
            switch byte {
            case 0x30...0x39: nibble = byte - 0x30
            case 0x41...0x46: nibble = byte - 0x37
            case 0x61...0x66:
                nibble = byte - 0x57
                sawLowercase = true
            default: throw .nonHexCRC(tag: "63", offset: offset, found: found())
            }
            value = value << 4 | UInt16(nibble)
        }
        let expected = CRC16.checksum(UnsafeBufferPointer(rebasing: bytes[0..<(crcByteOffset + 4)]))
        if sawLowercase {
            throw .lowercaseCRC(tag: "63", offset: offset, found: found())
        }
        guard expected == value else {
            throw .badCRC(tag: "63", offset: offset, expected: CRC16.hexText(expected), found: found())
        }
    }
}
