import CorridorCore

/// One tight pass over a payload that has no error: it checks every rule ``MerchantPresentedQR/init(decoding:)``
/// checks, and gives up (returns nil) at the first thing that is wrong or unusual, without saying what.
///
/// The decoder runs it first. When it gives up, the general reader (``EMVCursor`` and ``MerchantPresentedQR/Reader``)
/// reads the payload again and throws the error that names the tag and offset, or accepts what this scanner is too
/// strict for (lengths counted in UTF-8 bytes, a lowercase country code that the general reader rejects with its
/// own message). So this scanner decides no error and no edge case; it must only never accept what the general
/// reader rejects, nor read anything differently (`ValidPayloadScannerTests` compares both on fuzzed input).
///
/// Lengths count characters (EMV QRCPS MPM 4.1). Loops are bounded by the payload, at most
/// ``EMVPayload/byteCountMax`` bytes.
struct EMVValidPayloadScanner {
    /// The payload text, which the decoded value keeps.
    let text: String
    /// Its UTF-8 bytes.
    let bytes: UnsafeBufferPointer<UInt8>
    /// True when every byte is ASCII, so characters and bytes coincide.
    let isASCII: Bool
    /// The offset of the first byte that is not ASCII (the byte count when there is none): characters and bytes
    /// coincide before it.
    let asciiPrefixByteCount: Int

    /// Reads `text`, whose UTF-8 bytes are `bytes`.
    init(text: String, bytes: UnsafeBufferPointer<UInt8>) {
        self.text = text
        self.bytes = bytes
        asciiPrefixByteCount = EMVText.asciiPrefixByteCount(bytes)
        isASCII = asciiPrefixByteCount == bytes.count
    }

    /// The decoded value's storage, or nil when anything would need the general reader. The box is built here, so
    /// that the large storage struct is written once, in place.
    func scan() -> MerchantPresentedQR.DecodedBox? {
        let count = bytes.count
        // `000201` and `6304` + four hex digits at least.
        guard count >= 14, count <= EMVPayload.byteCountMax, let base = bytes.baseAddress else { return nil }
        guard base[0] == 0x30, base[1] == 0x30, base[2] == 0x30, base[3] == 0x32, base[4] == 0x30, base[5] == 0x31
        else { return nil }
        var seen = EMVTagSet()
        var index = 0
        var pointOfInitiation: PointOfInitiation? = nil
        var accounts = EMVAccountRanges()
        var others: [EMVDataObject] = []
        var merchantCategoryCode: MerchantCategoryCode? = nil
        var currency: Currency? = nil
        var amount: EMVValueRange? = nil
        var indicator: UInt8 = 0
        var fixedFee: EMVValueRange? = nil
        var percentage: EMVValueRange? = nil
        var countryIndex = -1
        var name: EMVValueRange? = nil
        var city: EMVValueRange? = nil
        var postalCode: EMVValueRange? = nil
        var additionalData: EMVValueRange? = nil
        var alternateLanguage: EMVValueRange? = nil
        var sawCRC = false
        var crcFound: UInt16 = 0
        while index < count {
            // Tag 63 must be the last object.
            guard !sawCRC, let (id, start, length) = header(at: index, end: count),
                let end = valueEnd(from: start, characters: length, end: count)
            else { return nil }
            guard seen.insert(id) else { return nil }
            index = end
            switch id {
            case 0:
                // Checked above: `000201` starts the payload, so tag 00 is first and reads `01`.
                guard start == 4 else { return nil }
            case 1:
                guard length == 2, base[start] == 0x31 else { return nil }
                switch base[start + 1] {
                case 0x31: pointOfInitiation = .staticQR
                case 0x32: pointOfInitiation = .dynamicQR
                default: return nil
                }
            case 2...25:
                guard length > 0, isCommon(start, end) else { return nil }
                accounts.append(id: id, start: start, end: end, isTemplate: false)
            case 26...51:
                let isTemplate = isFlatList(start, end)
                if isTemplate {
                    // Sub-ID 00 first, 1...32 characters.
                    guard let (guid, _, guidLength) = header(at: start, end: end), guid == 0, guidLength > 0,
                        guidLength <= MerchantAccountInformation.globallyUniqueIdentifierLengthMax
                    else { return nil }
                }
                accounts.append(id: id, start: start, end: end, isTemplate: isTemplate)
            case 52:
                guard length == 4, isNumeric(start, end) else { return nil }
                var code = 0
                for offset in start..<end { code = code &* 10 &+ Int(base[offset] &- 0x30) }
                guard let found = MerchantCategoryCode(code) else { return nil }
                merchantCategoryCode = found
            case 53:
                guard length == 3, let found = Currency(numericCodeUTF8: slice(start, end)) else { return nil }
                currency = found
            case 54:
                guard length <= MerchantPresentedQR.amountTextLengthMax, isDecimal(start, end) else { return nil }
                amount = range(start, end)
            case 55:
                guard length == 2, base[start] == 0x30, base[start + 1] &- 0x31 < 3 else { return nil }
                indicator = base[start + 1] &- 0x30
            case 56:
                guard length <= MerchantPresentedQR.amountTextLengthMax, isDecimal(start, end) else { return nil }
                fixedFee = range(start, end)
            case 57:
                guard length <= 5, isDecimal(start, end) else { return nil }
                percentage = range(start, end)
            case 58:
                guard length == 2, base[start] &- 0x41 < 26, base[start + 1] &- 0x41 < 26,
                    let found = Country.index(alpha2UTF8: slice(start, end))
                else { return nil }
                countryIndex = found
            case 59:
                guard length > 0, length <= MerchantPresentedQR.merchantNameLengthMax, isCommon(start, end) else {
                    return nil
                }
                name = range(start, end)
            case 60:
                guard length > 0, length <= MerchantPresentedQR.merchantCityLengthMax, isCommon(start, end) else {
                    return nil
                }
                city = range(start, end)
            case 61:
                guard length > 0, length <= 10, isCommon(start, end) else { return nil }
                postalCode = range(start, end)
            case 62:
                guard isAdditionalData(start, end) else { return nil }
                additionalData = EMVValueRange(start: start, end: end, isTemplate: start < end)
            case 63:
                guard length == 4, end == count, let found = uppercaseHexValue(start) else { return nil }
                crcFound = found
                sawCRC = true
            case 64:
                guard isAlternateLanguage(start, end) else { return nil }
                alternateLanguage = EMVValueRange(start: start, end: end, isTemplate: true)
            default:
                let isTemplate = id >= 80 && isFlatList(start, end)
                others.append(object(id, start, end, isTemplate: isTemplate))
            }
        }
        guard sawCRC, accounts.count > 0, let merchantCategoryCode, let currency, countryIndex >= 0, let name, let city
        else { return nil }
        // Indicator 02 goes with a fixed fee (56) only, 03 with a percentage (57) only.
        guard (indicator == 2) == (fixedFee != nil), (indicator == 3) == (percentage != nil) else { return nil }
        let crc = CRC16.checksum(UnsafeBufferPointer(start: base, count: count - 4))
        guard crc == crcFound else { return nil }
        var amountValue: Money? = nil
        if let amount {
            guard let minorUnits = exactMinorUnits(amount, exponent: currency.exponent) else { return nil }
            amountValue = Money(minorUnits: minorUnits, currency: currency)
        }
        var tip: TipOrConvenienceIndicator? = nil
        switch indicator {
        case 1:
            tip = .promptForTip
        case 2:
            guard let fixedFee, let fee = try? Money(decimalUTF8: slice(fixedFee), currency: currency) else {
                return nil
            }
            tip = .convenienceFeeFixed(fee)
        case 3:
            guard let percentage else { return nil }
            tip = .convenienceFeePercentage(String(decoding: slice(percentage), as: UTF8.self))
        default:
            break
        }
        return MerchantPresentedQR.DecodedBox(MerchantPresentedQR.Decoded(
            text: text, counting: .characters, isASCII: isASCII, pointOfInitiation: pointOfInitiation,
            accountRanges: accounts, merchantCategoryCode: merchantCategoryCode, currency: currency,
            amount: amountValue, tipOrConvenienceIndicator: tip, countryIndex: countryIndex,
            merchantNameRange: name, merchantCityRange: city, postalCodeRange: postalCode,
            additionalDataRange: additionalData, alternateLanguageRange: alternateLanguage, otherObjects: others))
    }

    // MARK: Structure

    /// The ID, the value's first byte and its length in characters of the data object at `index`, or nil when the
    /// four header bytes are not all digits or do not fit before `end`.
    @inline(__always)
    private func header(at index: Int, end: Int) -> (id: UInt8, start: Int, length: Int)? {
        guard end - index >= 4 else { return nil }
        // The four bytes at once (little-endian: the first byte is the lowest): each is a digit when its high nibble
        // is 3 and adding 6 leaves it 3 (a low nibble of at most 9). No byte carries into the next unless its high
        // nibble was not 3 already.
        let raw = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + index)
        let word = UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self))
        guard word & 0xF0F0_F0F0 == 0x3030_3030, (word &+ 0x0606_0606) & 0xF0F0_F0F0 == 0x3030_3030 else { return nil }
        let digits = word & 0x0F0F_0F0F
        let id = UInt8(truncatingIfNeeded: digits) &* 10 &+ UInt8(truncatingIfNeeded: digits >> 8)
        let length = UInt8(truncatingIfNeeded: digits >> 16) &* 10 &+ UInt8(truncatingIfNeeded: digits >> 24)
        return (id, index + 4, Int(length))
    }

    /// One past the value of `length` characters from `start`, or nil when that passes `end` (as
    /// ``EMVCursor`` counts characters).
    @inline(__always)
    private func valueEnd(from start: Int, characters length: Int, end: Int) -> Int? {
        let asciiEnd = start + length
        // Every byte before the first non-ASCII one is a character (the payload is valid UTF-8).
        guard asciiEnd > asciiPrefixByteCount else { return asciiEnd <= end ? asciiEnd : nil }
        return EMVText.characterEnd(in: bytes, from: start, characters: length, end: end)
    }

    /// True when `start..<end` is one or more data objects with nothing left over (a template whose children
    /// are plain values: 26–51 and 80–99 at the top level).
    private func isFlatList(_ start: Int, _ end: Int) -> Bool {
        guard start < end else { return false }
        var index = start
        while index < end {
            guard let (_, valueStart, length) = header(at: index, end: end),
                let valueEnd = valueEnd(from: valueStart, characters: length, end: end)
            else { return false }
            index = valueEnd
        }
        return true
    }

    /// Tag 62: children that parse, sub-IDs 01–09 at most once and 1...25 printable ASCII characters. (Children
    /// 50–99 may be templates or raw; neither is an error.)
    private func isAdditionalData(_ start: Int, _ end: Int) -> Bool {
        var seen: UInt16 = 0
        var index = start
        while index < end {
            guard let (id, valueStart, length) = header(at: index, end: end),
                let valueEnd = valueEnd(from: valueStart, characters: length, end: end)
            else { return false }
            if id &- 1 < 9 {
                let bit: UInt16 = 1 << id
                guard seen & bit == 0, length > 0, length <= AdditionalDataField.valueLengthMax,
                    isCommon(valueStart, valueEnd)
                else { return false }
                seen |= bit
            }
            index = valueEnd
        }
        return true
    }

    /// Tag 64: children that parse, with 00 (two letters) and 01 (1...25 characters without control characters);
    /// 02 is 1...15 such characters.
    private func isAlternateLanguage(_ start: Int, _ end: Int) -> Bool {
        var hasLanguage = false
        var hasName = false
        var index = start
        while index < end {
            guard let (id, valueStart, length) = header(at: index, end: end),
                let valueEnd = valueEnd(from: valueStart, characters: length, end: end)
            else { return false }
            switch id {
            case 0:
                guard valueEnd - valueStart == 2, EMVText.isAlpha(slice(valueStart, valueEnd)) else { return false }
                hasLanguage = true
            case 1:
                guard isPrintableUnicode(
                    valueStart, valueEnd, length: length, lengthMax: MerchantInformationLanguage.merchantNameLengthMax)
                else { return false }
                hasName = true
            case 2:
                guard isPrintableUnicode(
                    valueStart, valueEnd, length: length, lengthMax: MerchantInformationLanguage.merchantCityLengthMax)
                else { return false }
            default:
                break
            }
            index = valueEnd
        }
        return hasLanguage && hasName
    }

    // MARK: Values

    @inline(__always)
    private func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes.baseAddress.unsafelyUnwrapped + start, count: end - start)
    }

    @inline(__always)
    private func slice(_ range: EMVValueRange) -> UnsafeBufferPointer<UInt8> {
        slice(Int(range.start), Int(range.end))
    }

    @inline(__always)
    private func range(_ start: Int, _ end: Int) -> EMVValueRange {
        EMVValueRange(start: start, end: end, isTemplate: false)
    }

    /// A top-level data object as a range of the payload.
    private func object(_ id: UInt8, _ start: Int, _ end: Int, isTemplate: Bool) -> EMVDataObject {
        EMVDataObject(
            id: id,
            slice: EMVPayloadSlice(
                text: text, valueStart: UInt16(truncatingIfNeeded: start), valueEnd: UInt16(truncatingIfNeeded: end),
                path: EMVTagPath(), counting: .characters, isASCII: isASCII, isTemplate: isTemplate))
    }

    /// Printable ASCII 0x20–0x7E (format ans).
    @inline(__always)
    private func isCommon(_ start: Int, _ end: Int) -> Bool {
        EMVText.isCommonCharacterSet(slice(start, end))
    }

    /// ASCII digits, at least one (format N).
    @inline(__always)
    private func isNumeric(_ start: Int, _ end: Int) -> Bool {
        EMVText.isNumeric(slice(start, end))
    }

    /// Digits with at most one point, at least one digit.
    @inline(__always)
    private func isDecimal(_ start: Int, _ end: Int) -> Bool {
        EMVText.isDecimalAmount(slice(start, end))
    }

    /// 1...`lengthMax` characters without control characters, for a value `length` characters long (as its header
    /// said and ``valueEnd(from:characters:end:)`` measured).
    @inline(__always)
    private func isPrintableUnicode(_ start: Int, _ end: Int, length: Int, lengthMax: Int) -> Bool {
        length > 0 && length <= lengthMax && EMVText.isPrintableUnicode(slice(start, end))
    }

    /// The four digits 0–9 or A–F at `start` as a number, or nil when one is anything else.
    @inline(__always)
    private func uppercaseHexValue(_ start: Int) -> UInt16? {
        let base = bytes.baseAddress.unsafelyUnwrapped + start
        var value: UInt16 = 0
        for index in 0..<4 {
            let byte = base[index]
            let digit = byte &- 0x30
            let letter = byte &- 0x41
            let nibble: UInt8
            if digit < 10 {
                nibble = digit
            } else if letter < 6 {
                nibble = letter &+ 10
            } else {
                return nil
            }
            value = value << 4 | UInt16(nibble)
        }
        return value
    }

    /// The amount at `range` (digits with at most one point, at most 13 characters: checked when it was read) in
    /// minor units of a currency with `exponent` fraction digits, or nil for anything `Money(decimalUTF8:currency:)`
    /// would not accept as it is (no digit before the point, none after it, more fraction digits than the exponent):
    /// the general reader then names the error.
    @inline(__always)
    private func exactMinorUnits(_ range: EMVValueRange, exponent: Int) -> Int64? {
        let base = bytes.baseAddress.unsafelyUnwrapped
        var value: Int64 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var sawPoint = false
        for index in Int(range.start)..<Int(range.end) {
            let byte = base[index]
            if byte == UInt8(ascii: ".") {
                guard integerDigits > 0 else { return nil }
                sawPoint = true
                continue
            }
            // At most 13 digits: no overflow.
            value = value &* 10 &+ Int64(byte &- 0x30)
            if sawPoint { fractionDigits &+= 1 } else { integerDigits &+= 1 }
        }
        guard integerDigits > 0, !sawPoint || fractionDigits > 0, fractionDigits <= exponent else { return nil }
        for _ in fractionDigits..<exponent { value &*= 10 }
        return value
    }
}

extension EMVValueRange {
    /// The range `start..<end` of a payload's bytes.
    init(start: Int, end: Int, isTemplate: Bool) {
        self.start = UInt16(truncatingIfNeeded: start)
        self.end = UInt16(truncatingIfNeeded: end)
        self.isTemplate = isTemplate
    }
}
