extension MessageSpec {
    /// Encodes a message.
    ///
    /// One pass over the fields in ascending order checks each value against its field spec and writes it into a
    /// scratch buffer sized for the longest possible encoding (on the stack for usual messages); the result is
    /// one array copied from it.
    /// - Parameter message: the message; its fields must all be in this spec.
    /// - Returns: the wire bytes (no framing).
    /// - Throws: `ISO8583Error` naming the field and the output offset.
    public func pack(_ message: IsoMessage) throws(ISO8583Error) -> [UInt8] {
        let mti = try MessageTypeIndicator.characters(of: message.mti)
        let mtiByteCount = mtiEncoding == .bcd ? 2 : 4
        let fields = message.fields
        if !fields.outOfRange.isEmpty || fields.primaryBits & ~layout.definedPrimaryBits != 0
            || fields.secondaryBits & ~layout.definedSecondaryBits != 0
        {
            // The lowest number the spec cannot carry, as the fields would be written in ascending order.
            let number = fields.keys.first { !(2...Self.fieldNumberMax).contains($0) || !layout.plans[$0].isDefined }
            throw .fieldNotInSpec(field: number ?? 0, offset: mtiByteCount)
        }
        // No encoding is longer than ASCII, and no length prefix longer than 4 bytes.
        let byteCountMax = 4 + 2 * 16 + fields.bytes.count + 4 * fields.slots.count

        return try layout.plans.withUnsafeBufferPointer { (plans) throws(ISO8583Error) -> [UInt8] in
            try fields.bytes.withUnsafeBufferPointer { (values) throws(ISO8583Error) -> [UInt8] in
                try fields.slots.withUnsafeBufferPointer { (slots) throws(ISO8583Error) -> [UInt8] in
                    try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: byteCountMax) {
                        (out) throws(ISO8583Error) -> [UInt8] in
                        var offset = writeHeader(mti, fields: fields, into: out)
                        var cursor = MessageLayout.FieldCursor(
                            primary: fields.primaryBits, secondary: fields.secondaryBits)
                        var index = 0
                        while let number = cursor.next() {
                            let plan = plans[number]
                            let value = UnsafeBufferPointer(rebasing: values[slots[index].range])
                            index += 1
                            try Self.checkForPacking(value, field: number, plan: plan, offset: offset)
                            Self.writeField(value, plan: plan, into: out, at: &offset)
                        }
                        assert(offset <= byteCountMax, "pack wrote past its scratch buffer")
                        return Array(UnsafeBufferPointer(rebasing: out[0..<offset]))
                    }
                }
            }
        }
    }

    /// Checks a value against its field's characters and length; the offset is where the field would start.
    @inline(__always)
    static func checkForPacking(_ value: UnsafeBufferPointer<UInt8>, field: Int, plan: MessageLayout.FieldPlan,
                                offset: Int) throws(ISO8583Error) {
        switch plan.rule {
        case .any: break
        case .digits:
            if !ASCIIBytes.areDigits(value) { throw .nonNumeric(field: field, offset: offset) }
        case .printable:
            if !ASCIIBytes.arePrintable(value) { throw .characterInvalid(field: field, offset: offset) }
        case .printableDigits:
            if !ASCIIBytes.areDigits(value) { throw .characterInvalid(field: field, offset: offset) }
        }
        if plan.prefixDigits == 0 {
            guard value.count == plan.count else { throw .valueLengthInvalid(field: field, offset: offset) }
        } else {
            guard value.count <= plan.count else { throw .valueTooLong(field: field, offset: offset) }
        }
    }

    /// Writes the MTI and the bitmaps; returns the bytes written.
    private func writeHeader(_ mti: (UInt8, UInt8, UInt8, UInt8), fields: IsoFields,
                             into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var offset = 0
        switch mtiEncoding {
        case .ascii, .binary, .ebcdic:
            // EBCDIC digits are F0...F9.
            let high: UInt8 = mtiEncoding == .ebcdic ? 0xF0 : 0x30
            out[0] = mti.0 &- 0x30 | high
            out[1] = mti.1 &- 0x30 | high
            out[2] = mti.2 &- 0x30 | high
            out[3] = mti.3 &- 0x30 | high
            offset = 4
        case .bcd:
            out[0] = (mti.0 &- 0x30) << 4 | (mti.1 &- 0x30)
            out[1] = (mti.2 &- 0x30) << 4 | (mti.3 &- 0x30)
            offset = 2
        }
        let hasSecondary = fields.secondaryBits != 0
        // Bit 63 of the primary word is field 1 in `IsoFields` and says "a secondary bitmap follows" on the wire.
        let primary = fields.primaryBits & ~(1 << 63) | (hasSecondary ? 1 << 63 : 0)
        writeBitmapWord(primary, into: out, at: &offset)
        if hasSecondary { writeBitmapWord(fields.secondaryBits, into: out, at: &offset) }
        return offset
    }

    private func writeBitmapWord(_ word: UInt64, into out: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int) {
        switch bitmapEncoding {
        case .binary:
            for index in 0..<8 { out[offset + index] = UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * index)) }
            offset += 8
        case .asciiHex:
            ASCIIBytes.writeUpperHex(word, to: UnsafeMutableRawPointer(out.baseAddress! + offset))
            offset += 16
        }
    }

    /// Writes a checked value with its length prefix.
    @inline(__always)
    static func writeField(_ value: UnsafeBufferPointer<UInt8>, plan: MessageLayout.FieldPlan,
                           into out: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int) {
        let count = value.count
        if plan.prefixDigits > 0 {
            var remainder = count
            switch plan.lengthEncoding {
            case .ascii, .ebcdic:
                let high: UInt8 = plan.lengthEncoding == .ebcdic ? 0xF0 : 0x30
                for index in (0..<plan.prefixByteCount).reversed() {
                    out[offset + index] = UInt8(truncatingIfNeeded: remainder % 10) | high
                    remainder /= 10
                }
            case .bcd:
                // An odd digit count leaves the first nibble zero, the pad ISO 8583 asks for.
                for index in (0..<plan.prefixByteCount).reversed() {
                    let low = UInt8(truncatingIfNeeded: remainder % 10)
                    remainder /= 10
                    out[offset + index] = UInt8(truncatingIfNeeded: remainder % 10) << 4 | low
                    remainder /= 10
                }
            case .binary:
                for index in (0..<plan.prefixByteCount).reversed() {
                    out[offset + index] = UInt8(truncatingIfNeeded: remainder)
                    remainder >>= 8
                }
            }
            offset += plan.prefixByteCount
        }
        switch plan.dataEncoding {
        case .ascii, .binary:
            if count > 0 {
                UnsafeMutableRawPointer(out.baseAddress! + offset)
                    .copyMemory(from: value.baseAddress!, byteCount: count)
            }
            offset += count
        case .ebcdic:
            for index in 0..<count { out[offset + index] = EBCDIC.encode(value[index]) ?? 0 }
            offset += count
        case .bcd:
            // Digits two per byte, an odd count left-padded with a zero nibble.
            var digit = 0
            if count % 2 == 1 {
                out[offset] = value[0] &- 0x30
                offset += 1
                digit = 1
            }
            while digit < count {
                out[offset] = (value[digit] &- 0x30) << 4 | (value[digit + 1] &- 0x30) & 0x0F
                offset += 1
                digit += 2
            }
        }
    }
}
