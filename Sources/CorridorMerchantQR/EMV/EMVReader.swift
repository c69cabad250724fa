/// Reads EMV data objects from a UTF-8 buffer (EMV QRCPS MPM 4.1), descending into templates.
///
/// The reader records byte ranges (``EMVNode``), not strings: callers build a `String` only for the values they
/// keep. Offsets inside are byte offsets; errors convert them to character offsets before they leave.
struct EMVReader {
    /// How deep templates nest at most: top level, a template, a template inside 62.
    static let depthMax = 3

    /// What the reader does with a data object's value.
    enum TemplateRule {
        /// A plain value.
        case primitive
        /// A template whose content must be TLV (62, 64): an overrun is an error.
        case strict
        /// A template whose content is kept raw when it is not TLV (26–51, 80–99, 62's 50–99).
        case lenient
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let counting: EMVLengthCounting
    /// True when every byte is ASCII, so characters and bytes coincide.
    let isASCII: Bool

    /// The rule for `id` inside a template with ID `parent` (nil at the top level).
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

    /// Reads the data objects in `start..<end`, appending them to `nodes` in payload order, each followed by its
    /// children (see ``EMVNode/subtreeEnd``).
    /// - Parameters:
    ///   - start: the first byte.
    ///   - end: one past the last byte.
    ///   - parent: the enclosing template's ID, nil at the top level.
    ///   - pathPrefix: the enclosing path with a trailing dot (`"62."`), empty at the top level; built lazily,
    ///     only when an error names it.
    ///   - depth: how many templates enclose this list.
    ///   - nodes: where the nodes go.
    /// - Returns: the index of the list's last node.
    /// - Throws: the structural cases of ``MerchantQRError``.
    @discardableResult
    func readList(
        from start: Int, to end: Int, parent: UInt8?, pathPrefix: @autoclosure () -> String, depth: Int,
        into nodes: inout [EMVNode]
    ) throws(MerchantQRError) -> Int {
        var index = start
        var last = nodes.count
        let nested = parent != nil
        while index < end {
            guard end - index >= 4 else {
                let tag = pathPrefix() + String(decoding: bytes[index..<min(index + 2, end)], as: UTF8.self)
                throw nested
                    ? .nestedTemplateOverrun(tag: tag, offset: characterOffset(index))
                    : .truncatedObject(tag: tag, offset: characterOffset(index))
            }
            let d0 = bytes[index] &- 0x30
            let d1 = bytes[index + 1] &- 0x30
            guard d0 < 10, d1 < 10 else {
                throw .nonNumericTag(tag: pathPrefix() + tagText(at: index), offset: characterOffset(index))
            }
            let id = d0 * 10 + d1
            let l0 = bytes[index + 2] &- 0x30
            let l1 = bytes[index + 3] &- 0x30
            guard l0 < 10, l1 < 10 else {
                throw .nonNumericLength(tag: pathPrefix() + EMVText.idText(id), offset: characterOffset(index))
            }
            let length = Int(l0 * 10 + l1)
            let valueStart = index + 4
            guard let valueEnd = advance(from: valueStart, by: length, limit: end) else {
                let tag = pathPrefix() + EMVText.idText(id)
                throw nested
                    ? .nestedTemplateOverrun(tag: tag, offset: characterOffset(index))
                    : .lengthPastEnd(tag: tag, offset: characterOffset(index), length: length)
            }
            last = nodes.count
            nodes.append(EMVNode(id: id, valueStart: valueStart, valueEnd: valueEnd, subtreeEnd: last + 1))
            if depth < EMVReader.depthMax, valueEnd > valueStart {
                switch EMVReader.rule(id: id, parent: parent) {
                case .primitive:
                    break
                case .strict:
                    try readList(
                        from: valueStart, to: valueEnd, parent: id,
                        pathPrefix: pathPrefix() + EMVText.idText(id) + ".", depth: depth + 1, into: &nodes)
                    nodes[last].setChildren(end: nodes.count)
                case .lenient:
                    do {
                        try readList(
                            from: valueStart, to: valueEnd, parent: id,
                            pathPrefix: pathPrefix() + EMVText.idText(id) + ".", depth: depth + 1, into: &nodes)
                        nodes[last].setChildren(end: nodes.count)
                    } catch {
                        // Not TLV: the value stays raw, as issuers put signatures in these templates.
                        nodes.removeSubrange((last + 1)...)
                    }
                }
            }
            index = valueEnd
        }
        return last
    }

    /// The byte offset `count` characters (or bytes) after `start`, or nil when that passes `limit`.
    @inline(__always)
    private func advance(from start: Int, by count: Int, limit: Int) -> Int? {
        if isASCII || counting == .utf8Bytes {
            let end = start + count
            return end <= limit ? end : nil
        }
        // Most values of a non-ASCII payload are ASCII: then characters and bytes coincide here too. (The byte
        // after must not be a continuation byte, which the loop below would have skipped.)
        let asciiEnd = start + count
        if asciiEnd <= limit, EMVText.isASCII(UnsafeBufferPointer(rebasing: bytes[start..<asciiEnd])),
            asciiEnd == limit || bytes[asciiEnd] & 0xC0 != 0x80
        {
            return asciiEnd
        }
        var index = start
        var remaining = count
        while remaining > 0 {
            guard index < limit else { return nil }
            index += 1
            while index < limit, bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    /// The (up to) two characters at `index`, for naming a bad ID.
    private func tagText(at index: Int) -> String {
        String(decoding: bytes[index..<min(index + 2, bytes.count)], as: UTF8.self)
    }

    /// The character offset of byte offset `byteOffset`.
    func characterOffset(_ byteOffset: Int) -> Int {
        if isASCII { return byteOffset }
        return EMVText.characterCount(UnsafeBufferPointer(rebasing: bytes[0..<byteOffset]))
    }
}
