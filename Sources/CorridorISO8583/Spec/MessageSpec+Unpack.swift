extension MessageSpec {
    /// Decodes one message from the start of `bytes`.
    ///
    /// When every field of the spec is ASCII or binary, the message keeps the bytes it was decoded from (all of
    /// them when the message fills them, else a copy of its own prefix) and its fields point into them: no value
    /// is copied. Otherwise EBCDIC and BCD values are decoded into one buffer of their own.
    /// - Parameter bytes: the message (no framing); bytes after it are left alone.
    /// - Returns: the message and the number of bytes it took.
    /// - Throws: `ISO8583Error` naming the field and the offset where decoding stopped.
    public func unpack(_ bytes: [UInt8]) throws(ISO8583Error) -> (message: IsoMessage, bytesConsumed: Int) {
        try bytes.withUnsafeBufferPointer { (input) throws(ISO8583Error) -> (message: IsoMessage, bytesConsumed: Int) in
            let mti = try readMTI(input)
            var offset = mtiEncoding == .bcd ? 2 : 4
            var primary = try readBitmapWord(input, field: 0, offset: &offset)
            var secondary: UInt64 = 0
            if primary & (1 << 63) != 0 {
                secondary = try readBitmapWord(input, field: 1, offset: &offset)
                primary &= ~(1 << 63)
            }
            let valuesAreWireBytes = layout.valuesAreWireBytes
            var decoded: [UInt8] = []
            if !valuesAreWireBytes { decoded.reserveCapacity(2 * input.count) }
            var liveByteCount = 0
            // Slots gather in a scratch buffer on the stack (at most 128) and become one array at the end.
            let fieldCount = primary.nonzeroBitCount + secondary.nonzeroBitCount
            let slots = try withUnsafeTemporaryAllocation(of: IsoFields.Slot.self, capacity: fieldCount) {
                (slots) throws(ISO8583Error) -> [IsoFields.Slot] in
                try layout.plans.withUnsafeBufferPointer { (plans) throws(ISO8583Error) in
                    var cursor = MessageLayout.FieldCursor(primary: primary, secondary: secondary)
                    var index = 0
                    while let number = cursor.next() {
                        let plan = plans[number]
                        guard plan.isDefined else { throw .fieldNotInSpec(field: number, offset: offset) }
                        let count = try Self.readLength(input, field: number, plan: plan, offset: &offset)
                        let byteCount = plan.dataByteCount(count)
                        guard input.count - offset >= byteCount else {
                            throw .lengthPastEnd(field: number, offset: offset)
                        }
                        let slot: IsoFields.Slot
                        if plan.dataEncoding == .ascii || plan.dataEncoding == .binary {
                            let value = UnsafeBufferPointer(rebasing: input[offset..<offset + count])
                            try Self.checkForUnpacking(value, field: number, rule: plan.rule, offset: offset)
                            if valuesAreWireBytes {
                                slot = IsoFields.Slot(start: UInt32(offset), count: UInt32(count))
                            } else {
                                slot = IsoFields.Slot(start: UInt32(decoded.count), count: UInt32(count))
                                decoded.append(contentsOf: value)
                            }
                        } else {
                            let start = decoded.count
                            try Self.decodeValue(input, field: number, plan: plan, count: count, offset: offset,
                                                 into: &decoded)
                            slot = IsoFields.Slot(start: UInt32(start), count: UInt32(decoded.count - start))
                        }
                        (slots.baseAddress! + index).initialize(to: slot)
                        index += 1
                        liveByteCount += count
                        offset += byteCount
                    }
                }
                return Array(UnsafeBufferPointer(slots))
            }
            let storage: [UInt8]
            if valuesAreWireBytes {
                storage = offset == bytes.count ? bytes : Array(input[0..<offset])
            } else {
                storage = decoded
            }
            let fields = IsoFields(
                bytes: storage, primaryBits: primary, secondaryBits: secondary, slots: slots,
                liveByteCount: liveByteCount)
            return (IsoMessage(mti: mti, fields: fields), offset)
        }
    }

    /// Reads and checks the MTI at the start of the message.
    private func readMTI(_ input: UnsafeBufferPointer<UInt8>) throws(ISO8583Error) -> String {
        let characters: (UInt8, UInt8, UInt8, UInt8)
        switch mtiEncoding {
        case .ascii, .binary:
            guard input.count >= 4 else { throw .mtiInvalid(offset: input.count) }
            characters = (input[0], input[1], input[2], input[3])
        case .ebcdic:
            guard input.count >= 4 else { throw .mtiInvalid(offset: input.count) }
            // A byte outside the table reads as NUL, which the digit check rejects at its offset.
            characters = (
                EBCDIC.decode(input[0]) ?? 0, EBCDIC.decode(input[1]) ?? 0, EBCDIC.decode(input[2]) ?? 0,
                EBCDIC.decode(input[3]) ?? 0
            )
        case .bcd:
            guard input.count >= 2 else { throw .mtiInvalid(offset: input.count) }
            guard input[0] >> 4 <= 9, input[0] & 0x0F <= 9, input[1] >> 4 <= 9, input[1] & 0x0F <= 9 else {
                throw .mtiInvalid(offset: 0)
            }
            characters = (input[0] >> 4 | 0x30, input[0] & 0x0F | 0x30, input[1] >> 4 | 0x30, input[1] & 0x0F | 0x30)
        }
        do {
            _ = try MessageTypeIndicator(characters: characters)
        } catch {
            throw .mtiInvalid(offset: mtiEncoding == .bcd ? error.offset / 2 : error.offset)
        }
        return withUnsafeBytes(of: characters) { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads one bitmap (8 bytes or 16 hex digits) as a word, the first field at bit 63.
    private func readBitmapWord(_ input: UnsafeBufferPointer<UInt8>, field: Int, offset: inout Int)
        throws(ISO8583Error) -> UInt64
    {
        var word: UInt64 = 0
        switch bitmapEncoding {
        case .binary:
            guard input.count - offset >= 8 else { throw .bitmapTruncated(field: field, offset: offset) }
            for index in offset..<offset + 8 { word = word << 8 | UInt64(input[index]) }
            offset += 8
        case .asciiHex:
            guard input.count - offset >= 16 else { throw .bitmapTruncated(field: field, offset: offset) }
            guard let value = ASCIIBytes.readHex(UnsafeRawPointer(input.baseAddress! + offset)) else {
                let bad = (offset..<offset + 16).first { ASCIIBytes.hexValue(input[$0]) == nil } ?? offset
                throw .bitmapInvalid(field: field, offset: bad)
            }
            word = value
            offset += 16
        }
        return word
    }

    /// Reads a field's length: the fixed one, or the prefix (which `offset` moves past).
    @inline(__always)
    private static func readLength(_ input: UnsafeBufferPointer<UInt8>, field: Int, plan: MessageLayout.FieldPlan,
                                   offset: inout Int) throws(ISO8583Error) -> Int {
        guard plan.prefixDigits > 0 else { return plan.count }
        let start = offset
        guard input.count - offset >= plan.prefixByteCount else { throw .lengthPastEnd(field: field, offset: offset) }
        var count = 0
        switch plan.lengthEncoding {
        case .ascii, .ebcdic:
            let zero: UInt8 = plan.lengthEncoding == .ascii ? 0x30 : 0xF0
            for index in start..<start + plan.prefixByteCount {
                let digit = input[index] &- zero
                guard digit <= 9 else { throw .lengthDigitsInvalid(field: field, offset: start) }
                count = count * 10 + Int(digit)
            }
        case .bcd:
            for index in start..<start + plan.prefixByteCount {
                let byte = input[index]
                guard byte >> 4 <= 9, byte & 0x0F <= 9 else { throw .lengthDigitsInvalid(field: field, offset: start) }
                count = count * 100 + Int(byte >> 4) * 10 + Int(byte & 0x0F)
            }
        case .binary:
            for index in start..<start + plan.prefixByteCount { count = count << 8 | Int(input[index]) }
        }
        guard count <= plan.count else { throw .valueTooLong(field: field, offset: start) }
        offset += plan.prefixByteCount
        return count
    }

    /// Checks an ASCII or binary value's characters with the rule `pack` applies, so whatever unpacks also packs;
    /// the error's offset is the first bad byte's.
    @inline(__always)
    private static func checkForUnpacking(_ value: UnsafeBufferPointer<UInt8>, field: Int,
                                          rule: MessageLayout.CharacterRule, offset: Int) throws(ISO8583Error) {
        switch rule {
        case .any: break
        case .digits:
            if !ASCIIBytes.areDigits(value) {
                throw .nonNumeric(field: field, offset: offset + (ASCIIBytes.firstNonDigit(value) ?? 0))
            }
        case .printable, .printableDigits:
            if !ASCIIBytes.arePrintable(value) {
                throw .characterInvalid(field: field, offset: offset + (ASCIIBytes.firstNonPrintable(value) ?? 0))
            }
        }
    }

    /// Decodes an EBCDIC or BCD value to its ASCII characters, appended to `decoded`.
    private static func decodeValue(_ input: UnsafeBufferPointer<UInt8>, field: Int, plan: MessageLayout.FieldPlan,
                                    count: Int, offset: Int, into decoded: inout [UInt8]) throws(ISO8583Error) {
        let start = decoded.count
        switch plan.dataEncoding {
        case .ascii, .binary:
            decoded.append(contentsOf: UnsafeBufferPointer(rebasing: input[offset..<offset + count]))
        case .ebcdic:
            for index in offset..<offset + count {
                guard let character = EBCDIC.decode(input[index]) else {
                    throw .characterInvalid(field: field, offset: index)
                }
                decoded.append(character)
            }
            try decoded.withUnsafeBufferPointer { (all) throws(ISO8583Error) in
                let value = UnsafeBufferPointer(rebasing: all[start...])
                try checkForUnpacking(value, field: field, rule: plan.rule, offset: offset)
            }
        case .bcd:
            // Digits always satisfy the field's rule; an odd count drops the leading pad nibble.
            let byteCount = (count + 1) / 2
            for index in offset..<offset + byteCount {
                let byte = input[index]
                guard byte >> 4 <= 9, byte & 0x0F <= 9 else { throw .nonNumeric(field: field, offset: offset) }
                if index > offset || count % 2 == 0 { decoded.append(byte >> 4 | 0x30) }
                decoded.append(byte & 0x0F | 0x30)
            }
        }
    }
}
