import CorridorCore

extension SBPLink {
    /// Decodes and checks a link.
    /// - Parameters:
    ///   - link: the link text as scanned.
    /// - Throws: ``MerchantQRError`` naming the parameter (`"bank"`, `"crc"`, …) and its character offset.
    public init(decoding link: String) throws(MerchantQRError) {
        let bytes = Array(link.utf8)
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= SBPLink.byteCountMax else {
            throw .sbpInvalidField(field: "link", offset: 0, reason: "longer than \(SBPLink.byteCountMax) bytes")
        }
        func offset(_ byteOffset: Int) -> Int {
            var continuation = 0
            for byte in bytes[..<byteOffset] where byte & 0xC0 == 0x80 { continuation += 1 }
            return byteOffset - continuation
        }
        let prefix = Array(SBPLink.prefix.utf8)
        guard bytes.starts(with: prefix) else { throw .sbpBadPrefix(field: "prefix", offset: 0) }
        let idStart = prefix.count
        var idEnd = idStart
        while idEnd < bytes.count, bytes[idEnd] != UInt8(ascii: "?") { idEnd += 1 }
        let identifier = String(decoding: bytes[idStart..<idEnd], as: UTF8.self)
        guard SBPLink.isIdentifier(identifier) else { throw .sbpBadPrefix(field: "id", offset: offset(idStart)) }
        guard idEnd < bytes.count else { throw .sbpMissingField(field: "type", offset: offset(idEnd)) }

        var type: SBPLinkType? = nil
        var bank: String? = nil
        var sumText: String? = nil
        var sumOffset = 0
        var currencyText: String? = nil
        var crc: (text: String, offset: Int, signedEnd: Int)? = nil
        var others: [MerchantQRObject] = []
        var seen: Set<String> = []
        var start = idEnd + 1
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "&") { end += 1 }
            let pair = bytes[start..<end]
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")), equals > start else {
                let name = String(decoding: pair, as: UTF8.self)
                throw .sbpInvalidField(field: name, offset: offset(start), reason: "not name=value")
            }
            let name = String(decoding: bytes[start..<equals], as: UTF8.self)
            let value = String(decoding: bytes[(equals + 1)..<end], as: UTF8.self)
            guard seen.insert(name).inserted else {
                throw .sbpInvalidField(field: name, offset: offset(start), reason: "appears twice")
            }
            if crc != nil {
                throw .sbpInvalidField(field: "crc", offset: crc!.offset, reason: "crc must be the last parameter")
            }
            switch name {
            case "type":
                guard let found = SBPLinkType(rawValue: value) else {
                    throw .sbpInvalidField(field: name, offset: offset(start), reason: "type must be 01 or 02")
                }
                type = found
            case "bank":
                guard value.utf8.count == SBPLink.bankMemberIdentifierLength,
                    value.utf8.allSatisfy({ $0 &- 0x30 < 10 })
                else {
                    throw .sbpInvalidField(field: name, offset: offset(start), reason: "bank must be 12 digits")
                }
                bank = value
            case "sum":
                sumText = value
                sumOffset = offset(start)
            case "cur":
                guard value == "RUB" else {
                    throw .sbpInvalidField(field: name, offset: offset(start), reason: "cur must be RUB")
                }
                currencyText = value
            case "crc":
                // The checked text ends where "&crc=" starts.
                crc = (value, offset(start), start - 1)
            default:
                others.append(MerchantQRObject(path: name, value: value))
            }
            start = end + 1
        }
        guard let type else { throw .sbpMissingField(field: "type", offset: offset(bytes.count)) }
        guard let bank else { throw .sbpMissingField(field: "bank", offset: offset(bytes.count)) }
        var amount: Money? = nil
        if let sumText {
            guard !sumText.isEmpty, sumText.utf8.count <= 18, sumText.utf8.allSatisfy({ $0 &- 0x30 < 10 }),
                let kopecks = Int64(sumText), kopecks > 0
            else { throw .sbpInvalidField(field: "sum", offset: sumOffset, reason: "sum must be positive kopecks") }
            amount = Money(minorUnits: kopecks, currency: .rub)
        } else if type == .dynamicLink {
            throw .sbpMissingField(field: "sum", offset: offset(bytes.count))
        }
        _ = currencyText
        if let crc {
            let valueOffset = crc.offset + 4
            let found = crc.text
            guard found.utf8.count == 4, found.utf8.allSatisfy({ $0.isHexDigit }) else {
                throw .nonHexCRC(tag: "crc", offset: valueOffset, found: found)
            }
            guard !found.utf8.contains(where: { $0 &- 0x61 < 6 }) else {
                throw .lowercaseCRC(tag: "crc", offset: valueOffset, found: found)
            }
            let expected = CRC16.hexText(bytes.withUnsafeBufferPointer {
                CRC16.checksum(UnsafeBufferPointer(rebasing: $0[0..<crc.signedEnd]))
            })
            guard expected == found else {
                throw .badCRC(tag: "crc", offset: valueOffset, expected: expected, found: found)
            }
        }
        self.init(
            identifier: identifier, type: type, bankMemberIdentifier: bank, amount: amount, otherParameters: others)
        // The link as the encoder writes it adds what a scanned one may leave out (`&crc=…`, `&cur=RUB`): it must fit
        // the same limit, or a link this decoder accepted would be written as one it refuses.
        guard let written = try? encoded(), written.utf8.count <= SBPLink.byteCountMax else {
            throw .sbpInvalidField(
                field: "link", offset: 0,
                reason: "longer than \(SBPLink.byteCountMax) bytes once written with its crc and currency")
        }
    }
}

extension UInt8 {
    /// True for ASCII 0-9, A-F and a-f.
    var isHexDigit: Bool { self &- 0x30 < 10 || self &- 0x41 < 6 || self &- 0x61 < 6 }
}
