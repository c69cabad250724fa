import CorridorCore

extension MerchantPresentedQR {
    /// Decodes and validates a payload: structure and CRC (see ``EMVPayload``), then mandatory tags (00 first,
    /// 52, 53, 58, 59, 60, a merchant account in 02–51, 63 last), lengths, character sets and values.
    ///
    /// One pass over the UTF-8 bytes: a `String` is built only for a value the typed model keeps. A structural or
    /// checksum error anywhere wins over a rule broken earlier in the payload, as if structure were checked first.
    /// - Parameters:
    ///   - text: the payload as scanned.
    /// - Throws: ``MerchantQRError`` naming the tag path and character offset.
    public init(decoding text: String) throws(MerchantQRError) {
        var source = text
        // A payload without errors is read in one tight pass; anything else is read again below, which names the
        // error or accepts what the tight pass is too strict for.
        if let box = source.withUTF8({ EMVValidPayloadScanner(text: text, bytes: $0).scan() }) {
            self.init(box: box)
            return
        }
        try self.init(generalDecoding: text)
    }

    /// Decodes a payload with the general reader, which names the first error.
    /// - Parameters:
    ///   - text: the payload as scanned.
    /// - Throws: ``MerchantQRError`` naming the tag path and character offset.
    init(generalDecoding text: String) throws(MerchantQRError) {
        var text = text
        var reader = Reader(text: text)
        // The value is built once, in `self`, from the reader's parts: a large struct returned through closures and
        // optionals was copied, field by field, several times.
        let failure: MerchantQRError? = text.withUTF8 { bytes in
            do throws(MerchantQRError) {
                _ = try EMVCursor.readPayload(bytes, into: &reader)
                try reader.finish(bytes)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        self.init(reader: &reader)
    }

    /// Validates a decoded TLV payload into typed values, by the same rules and with the same errors as
    /// ``init(decoding:)`` applied to the payload's text.
    /// - Parameters:
    ///   - payload: a payload whose structure and CRC are already checked.
    /// - Throws: ``MerchantQRError`` naming the tag path and character offset.
    public init(payload: EMVPayload) throws(MerchantQRError) {
        try self.init(decoding: payload.sourceText)
    }

    /// Moves a finished reader's ranges and typed scalars into a value that keeps the payload.
    private init(reader: inout Reader) {
        var others: [EMVDataObject] = []
        swap(&others, &reader.otherObjects)
        self.init(decoded: Decoded(
            text: reader.text, counting: reader.counting, isASCII: reader.isASCII,
            pointOfInitiation: reader.pointOfInitiation, accountRanges: reader.accounts,
            merchantCategoryCode: reader.mcc!, currency: reader.currency!, amount: reader.amountValue,
            tipOrConvenienceIndicator: reader.tip.take(), countryIndex: reader.countryIndex,
            merchantNameRange: reader.name!, merchantCityRange: reader.city!, postalCodeRange: reader.postalCode,
            additionalDataRange: reader.additionalData, alternateLanguageRange: reader.alternateLanguage,
            otherObjects: others))
    }

    /// Parses an amount's bytes exactly in the currency's exponent.
    static func money(
        _ bytes: UnsafeBufferPointer<UInt8>, currency: Currency, tag: String, offset: Int
    ) throws(MerchantQRError) -> Money {
        do {
            return try Money(decimalUTF8: bytes, currency: currency)
        } catch {
            let text = String(decoding: bytes, as: UTF8.self)
            throw .invalidValue(tag: tag, offset: offset, reason: "\(text) is not an exact \(currency) amount")
        }
    }
}

extension MerchantPresentedQR {
    /// The typed scalars of a payload and where its text fields lie, as its top-level data objects arrive, and the
    /// first rule they break. No `String` is built: the decoded value keeps the payload and slices it when read.
    ///
    /// A broken rule is kept, not thrown, until the whole payload has been read and its structure and CRC checked
    /// (``finish(_:)`` throws it): a structural error later in the payload wins over it.
    struct Reader: EMVPayloadReader {
        /// The payload whose bytes are being read; merchant accounts and other objects share it.
        let text: String
        /// True once a rule is broken; nothing more is read then.
        private var failed = false
        /// The first rule broken.
        private var failure: MerchantQRError? = nil
        private var seen = EMVTagSet()
        fileprivate var counting = EMVLengthCounting.characters
        fileprivate var isASCII = true
        fileprivate var pointOfInitiation: PointOfInitiation? = nil
        fileprivate var accounts = EMVAccountRanges()
        fileprivate var mcc: MerchantCategoryCode? = nil
        fileprivate var currency: Currency? = nil
        private var amount: EMVField? = nil
        private var indicator: UInt8 = 0
        private var tipOffset = 0
        private var fixedFee: EMVField? = nil
        private var percentage: EMVField? = nil
        fileprivate var countryIndex = -1
        fileprivate var name: EMVValueRange? = nil
        fileprivate var city: EMVValueRange? = nil
        fileprivate var postalCode: EMVValueRange? = nil
        fileprivate var additionalData: EMVValueRange? = nil
        fileprivate var alternateLanguage: EMVValueRange? = nil
        fileprivate var otherObjects: [EMVDataObject] = []
        /// Tag 54 parsed by ``finish(_:)``.
        fileprivate var amountValue: Money? = nil
        /// Tags 55–57 combined by ``finish(_:)``.
        fileprivate var tip: TipOrConvenienceIndicator? = nil
        /// The character offset of tag 63, the last object: where mandatory tags were looked for up to.
        private var crcOffset = 0

        /// A reader of `text`, whose UTF-8 bytes the cursor will hand it.
        init(text: String) {
            self.text = text
        }

        mutating func reset() {
            self = Reader(text: text)
        }

        mutating func take(_ field: EMVField, from cursor: EMVCursor) {
            crcOffset = field.offset
            guard !failed else { return }
            do throws(MerchantQRError) {
                try read(field, from: cursor)
            } catch {
                failed = true
                failure = error
            }
        }

        /// Checks one top-level data object and keeps its typed value or where it lies.
        private mutating func read(_ field: EMVField, from cursor: EMVCursor) throws(MerchantQRError) {
            let id = field.id
            let offset = field.offset
            guard seen.insert(id) else { throw .duplicateTag(tag: field.idText, offset: offset) }
            let value = cursor.value(field)
            switch id {
            case 0:
                counting = cursor.counting
                isASCII = cursor.isASCII
                try EMVFieldRule.payloadFormatIndicator.check(utf8: value, tag: field.idText, offset: offset)
            case 1:
                try EMVFieldRule.pointOfInitiation.check(utf8: value, tag: field.idText, offset: offset)
                switch (value[0], value[1]) {
                case (0x31, 0x31): pointOfInitiation = .staticQR
                case (0x31, 0x32): pointOfInitiation = .dynamicQR
                default:
                    throw .invalidValue(tag: field.idText, offset: offset, reason: "point of initiation must be 11 or 12")
                }
            case 2...25:
                try EMVFieldRule.merchantAccount.check(utf8: value, tag: field.idText, offset: offset)
                accounts.append(id: id, start: field.valueStart, end: field.valueEnd, isTemplate: field.isTemplate)
            case 26...51:
                if field.isTemplate {
                    var children = cursor.children(of: field)
                    guard let guid = try children.next(), guid.id == 0 else {
                        throw .missingMandatoryTag(tag: field.idText + ".00", offset: offset + 4)
                    }
                    let guidLengthMax = MerchantAccountInformation.globallyUniqueIdentifierLengthMax
                    guard guid.byteCount > 0, guid.characterCount <= guidLengthMax else {
                        throw .valueTooLong(
                            tag: field.idText + ".00", offset: offset + 4, length: guid.characterCount,
                            maximum: guidLengthMax)
                    }
                }
                accounts.append(id: id, start: field.valueStart, end: field.valueEnd, isTemplate: field.isTemplate)
            case 52:
                try EMVFieldRule.merchantCategoryCode.check(utf8: value, tag: field.idText, offset: offset)
                var code = 0
                for digit in value { code = code &* 10 &+ Int(digit &- 0x30) }
                mcc = MerchantCategoryCode(code)
            case 53:
                try EMVFieldRule.currency.check(utf8: value, tag: field.idText, offset: offset)
                guard let found = Currency(numericCodeUTF8: value) else {
                    throw .invalidValue(
                        tag: field.idText, offset: offset, reason: "\(cursor.string(field)) is not an ISO 4217 currency")
                }
                currency = found
            case 54:
                try EMVFieldRule.amount.check(utf8: value, tag: field.idText, offset: offset)
                amount = field
            case 55:
                try EMVFieldRule.tipIndicator.check(utf8: value, tag: field.idText, offset: offset)
                guard value[0] == 0x30, value[1] &- 0x31 < 3 else {
                    throw .invalidValue(tag: field.idText, offset: offset, reason: "tip indicator must be 01, 02 or 03")
                }
                indicator = value[1] &- 0x30
                tipOffset = offset
            case 56:
                try EMVFieldRule.amount.check(utf8: value, tag: field.idText, offset: offset)
                fixedFee = field
            case 57:
                try EMVFieldRule.feePercentage.check(utf8: value, tag: field.idText, offset: offset)
                percentage = field
            case 58:
                try EMVFieldRule.country.check(utf8: value, tag: field.idText, offset: offset)
                guard value[0] &- 0x41 < 26, value[1] &- 0x41 < 26, let index = Country.index(alpha2UTF8: value) else {
                    throw .invalidValue(
                        tag: field.idText, offset: offset,
                        reason: "\(cursor.string(field)) is not an ISO 3166 alpha-2 code")
                }
                countryIndex = index
            case 59:
                try EMVFieldRule.merchantName.check(utf8: value, tag: field.idText, offset: offset)
                name = EMVValueRange(field)
            case 60:
                try EMVFieldRule.merchantCity.check(utf8: value, tag: field.idText, offset: offset)
                city = EMVValueRange(field)
            case 61:
                try EMVFieldRule.postalCode.check(utf8: value, tag: field.idText, offset: offset)
                postalCode = EMVValueRange(field)
            case 62:
                try AdditionalDataField.check(field, from: cursor)
                additionalData = EMVValueRange(field)
            case 63:
                break
            case 64:
                try MerchantInformationLanguage.check(field, from: cursor)
                alternateLanguage = EMVValueRange(field)
            default:
                otherObjects.append(slice(field, cursor))
            }
        }

        /// The data object `field` as a range of the payload.
        private func slice(_ field: EMVField, _ cursor: EMVCursor) -> EMVDataObject {
            EMVDataObject(id: field.id, slice: EMVPayloadSlice(text: text, field: field, cursor: cursor))
        }

        /// Throws the first broken rule or a missing mandatory tag, then parses the amounts and combines the tip
        /// or fee (throwing what breaks their rules); after it returns, every mandatory part is present.
        /// - Parameters:
        ///   - bytes: the payload's bytes, which the amounts' fields point into.
        mutating func finish(_ bytes: UnsafeBufferPointer<UInt8>) throws(MerchantQRError) {
            if failed, let failure { throw failure }
            guard accounts.count > 0 else { throw .missingMandatoryTag(tag: "02-51", offset: crcOffset) }
            guard let currency = mcc != nil ? currency : nil else {
                throw .missingMandatoryTag(tag: mcc == nil ? "52" : "53", offset: crcOffset)
            }
            guard countryIndex >= 0 else { throw .missingMandatoryTag(tag: "58", offset: crcOffset) }
            guard case .some = name else { throw .missingMandatoryTag(tag: "59", offset: crcOffset) }
            guard case .some = city else { throw .missingMandatoryTag(tag: "60", offset: crcOffset) }

            func value(_ field: EMVField) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[field.valueStart..<field.valueEnd])
            }
            if let amount {
                amountValue = try MerchantPresentedQR.money(
                    value(amount), currency: currency, tag: "54", offset: amount.offset)
            }
            switch indicator {
            case 1:
                tip = .promptForTip
            case 2:
                guard let fixedFee else { throw .missingMandatoryTag(tag: "56", offset: tipOffset) }
                tip = .convenienceFeeFixed(
                    try MerchantPresentedQR.money(value(fixedFee), currency: currency, tag: "56", offset: tipOffset))
            case 3:
                guard let percentage else { throw .missingMandatoryTag(tag: "57", offset: tipOffset) }
                tip = .convenienceFeePercentage(String(decoding: value(percentage), as: UTF8.self))
            default:
                break
            }
            if fixedFee != nil, indicator != 2 {
                throw .invalidValue(tag: "56", offset: tipOffset, reason: "a fixed fee needs tag 55 = 02")
            }
            if percentage != nil, indicator != 3 {
                throw .invalidValue(tag: "57", offset: tipOffset, reason: "a fee percentage needs tag 55 = 03")
            }
        }
    }
}

/// Which top-level IDs a payload has used: 100 bits, no allocation.
struct EMVTagSet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Adds `id`; false when it was already there.
    @inline(__always)
    mutating func insert(_ id: UInt8) -> Bool {
        if id < 64 {
            let bit = UInt64(1) << id
            defer { low |= bit }
            return low & bit == 0
        }
        let bit = UInt64(1) << (id - 64)
        defer { high |= bit }
        return high & bit == 0
    }
}

extension AdditionalDataField {
    /// Checks tag 62's children without keeping them: sub-IDs 01–09 at most once each, 1...25 printable ASCII
    /// characters.
    /// - Parameters:
    ///   - field: tag 62, its subtree checked.
    ///   - cursor: the cursor that read it.
    /// - Throws: ``MerchantQRError`` naming the sub-ID (`62.05`) and its character offset.
    static func check(_ field: EMVField, from cursor: EMVCursor) throws(MerchantQRError) {
        guard field.isTemplate else { return }
        var seen: UInt16 = 0
        var children = cursor.children(of: field)
        while let child = try children.next() {
            guard child.id &- 1 < 9 else { continue }
            let bit: UInt16 = 1 << child.id
            guard seen & bit == 0 else { throw .duplicateTag(tag: "62." + child.idText, offset: child.offset) }
            seen |= bit
            try EMVFieldRule.additionalData.check(
                utf8: children.value(child), tag: "62." + child.idText, offset: child.offset)
        }
    }

    /// Reads tag 62's children from a checked payload: sub-IDs 01–09 into their properties, the rest kept.
    /// - Parameters:
    ///   - slice: tag 62's value.
    init(slice: EMVPayloadSlice) {
        self.init()
        guard slice.isTemplate else { return }
        var others: [EMVDataObject] = []
        let text = slice.text
        slice.withChildren(id: 62) { children in
            while let child = try? children.next() {
                guard child.id &- 1 < 9 else {
                    others.append(
                        EMVDataObject(id: child.id, slice: EMVPayloadSlice(text: text, field: child, cursor: children)))
                    continue
                }
                self[child.id] = children.string(child)
            }
        }
        otherObjects = others
    }
}

extension MerchantInformationLanguage {
    /// Checks tag 64's children without keeping them: 00 language (mandatory), 01 name (mandatory), 02 city.
    /// - Parameters:
    ///   - field: tag 64, its subtree checked.
    ///   - cursor: the cursor that read it.
    /// - Throws: ``MerchantQRError`` naming the sub-ID (`64.01`) and its character offset.
    static func check(_ field: EMVField, from cursor: EMVCursor) throws(MerchantQRError) {
        var hasLanguage = false
        var hasName = false
        if field.isTemplate {
            var children = cursor.children(of: field)
            while let child = try children.next() {
                let value = children.value(child)
                switch child.id {
                case 0:
                    try EMVFieldRule.languagePreference.check(utf8: value, tag: "64." + child.idText, offset: child.offset)
                    hasLanguage = true
                case 1:
                    try EMVFieldRule.alternateName.check(utf8: value, tag: "64." + child.idText, offset: child.offset)
                    hasName = true
                case 2:
                    try EMVFieldRule.alternateCity.check(utf8: value, tag: "64." + child.idText, offset: child.offset)
                default:
                    break
                }
            }
        }
        guard hasLanguage else { throw .missingMandatoryTag(tag: "64.00", offset: field.offset) }
        guard hasName else { throw .missingMandatoryTag(tag: "64.01", offset: field.offset) }
    }

    /// Reads tag 64's children from a checked payload: 00 language, 01 name, 02 city, 03–99 kept (a repeated
    /// sub-ID: the last one wins).
    /// - Parameters:
    ///   - slice: tag 64's value, a template with 00 and 01.
    init(slice: EMVPayloadSlice) {
        var language = ""
        var name = ""
        var city: String? = nil
        var others: [EMVDataObject] = []
        let text = slice.text
        slice.withChildren(id: 64) { children in
            while let child = try? children.next() {
                switch child.id {
                case 0: language = children.string(child)
                case 1: name = children.string(child)
                case 2: city = children.string(child)
                default:
                    others.append(
                        EMVDataObject(id: child.id, slice: EMVPayloadSlice(text: text, field: child, cursor: children)))
                }
            }
        }
        self.init(languagePreference: language, merchantName: name, merchantCity: city, otherObjects: others)
    }
}
