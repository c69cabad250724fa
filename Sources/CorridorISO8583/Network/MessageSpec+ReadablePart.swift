extension MessageSpec {
    /// What can still be read of a message that ``unpack(_:)`` rejected: its MTI and the fields before the one
    /// that failed, so that an error response can echo them.
    ///
    /// `unpack` reads fields in ascending order, so every field numbered below the failing one decoded. This
    /// reads them again through `unpack` itself, from a copy whose bitmap no longer names the failing field or any
    /// after it; `unpack` stays as strict as it is.
    /// - Parameters:
    ///   - bytes: the message that failed to unpack (no framing).
    ///   - failure: the error `unpack` threw for these bytes.
    /// - Returns: the MTI and the readable fields; only the MTI when a bitmap failed; nil when the MTI itself
    ///   cannot be read.
    public func unpackReadablePart(_ bytes: [UInt8], failure: ISO8583Error) -> IsoMessage? {
        if case .mtiInvalid = failure { return nil }
        let mtiByteCount = mtiEncoding == .bcd ? 2 : 4
        let bitmapByteCount = bitmapEncoding == .binary ? 8 : 16
        guard bytes.count >= mtiByteCount else { return nil }
        let emptyBitmap: [UInt8] = switch bitmapEncoding {
        case .binary: [UInt8](repeating: 0, count: 8)
        case .asciiHex: [UInt8](repeating: UInt8(ascii: "0"), count: 16)
        }
        guard let header = try? unpack(Array(bytes[0..<mtiByteCount]) + emptyBitmap).message else { return nil }
        let failedField = failure.field
        guard failedField >= 2 else { return header }

        // The bitmaps decoded (the failure is in a data element), so they are all here and well-formed.
        var edited = bytes
        var bitmapOffset = mtiByteCount
        var bitmapIndex = 0
        repeat {
            guard edited.count >= bitmapOffset + bitmapByteCount else { return header }
            var bitmap = readBitmapBytes(edited, at: bitmapOffset)
            guard bitmap.count == 8 else { return header }
            for bit in 0..<64 {
                let field = bitmapIndex * 64 + bit + 1
                // Bit 1 stays: it says whether a secondary bitmap follows, and that bitmap's bytes are there.
                if field >= 2, field >= failedField { bitmap[bit / 8] &= ~(0x80 >> UInt8(bit % 8)) }
            }
            let encoded: [UInt8] = switch bitmapEncoding {
            case .binary: bitmap
            case .asciiHex: Array(Hex.upper(bitmap).utf8)
            }
            edited.replaceSubrange(bitmapOffset..<bitmapOffset + bitmapByteCount, with: encoded)
            let hasSecondary = bitmapIndex == 0 && bitmap[0] & 0x80 != 0
            bitmapOffset += bitmapByteCount
            bitmapIndex += 1
            if !hasSecondary { break }
        } while bitmapIndex < 2
        return (try? unpack(edited).message) ?? header
    }

    /// The 8 bitmap bytes at an offset, decoding ASCII hex; fewer than 8 when a hex digit is bad.
    private func readBitmapBytes(_ bytes: [UInt8], at offset: Int) -> [UInt8] {
        switch bitmapEncoding {
        case .binary:
            return Array(bytes[offset..<offset + 8])
        case .asciiHex:
            var out: [UInt8] = []
            for index in stride(from: offset, to: offset + 16, by: 2) {
                guard let high = Hex.nibble(bytes[index]), let low = Hex.nibble(bytes[index + 1]) else { return out }
                out.append(high << 4 | low)
            }
            return out
        }
    }
}
