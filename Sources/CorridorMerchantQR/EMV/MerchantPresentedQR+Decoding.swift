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
        var text = text
        var reader = Reader()
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

    /// Moves a finished reader's parts into a value.
    private init(reader: inout Reader) {
        var accounts: [MerchantAccountInformation] = []
        var others: [EMVDataObject] = []
        swap(&accounts, &reader.accounts)
        swap(&others, &reader.otherObjects)
        self.init(parts: Parts(
            pointOfInitiation: reader.pointOfInitiation, merchantAccounts: accounts,
            merchantCategoryCode: reader.mcc!, currency: reader.currency!, amount: reader.amountValue,
            tipOrConvenienceIndicator: reader.tip.take(), country: reader.country.take()!,
            merchantName: reader.name.take()!, merchantCity: reader.city.take()!, postalCode: reader.postalCode.take(),
            additionalData: reader.additionalData.take(), alternateLanguage: reader.alternateLanguage.take(),
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
    /// The typed values of a payload as its top-level data objects arrive, and the first rule they break.
    ///
    /// A broken rule is kept, not thrown, until the whole payload has been read and its structure and CRC checked
    /// (``finish(_:)`` throws it): a structural error later in the payload wins over it.
    struct Reader: EMVPayloadReader {
        /// True once a rule is broken; nothing more is read then.
        private var failed = false
        /// The first rule broken.
        private var failure: MerchantQRError? = nil
        private var seen = EMVTagSet()
        fileprivate var pointOfInitiation: PointOfInitiation? = nil
        fileprivate var accounts: [MerchantAccountInformation] = []
        fileprivate var mcc: MerchantCategoryCode? = nil
        fileprivate var currency: Currency? = nil
        private var amount: EMVField? = nil
        private var indicator: UInt8 = 0
        private var tipOffset = 0
        private var fixedFee: EMVField? = nil
        private var percentage: EMVField? = nil
        fileprivate var country: Country? = nil
        fileprivate var name: String? = nil
        fileprivate var city: String? = nil
        fileprivate var postalCode: String? = nil
        fileprivate var additionalData: AdditionalDataField? = nil
        fileprivate var alternateLanguage: MerchantInformationLanguage? = nil
        fileprivate var otherObjects: [EMVDataObject] = []
        /// Tag 54 parsed by ``finish(_:)``.
        fileprivate var amountValue: Money? = nil
        /// Tags 55–57 combined by ``finish(_:)``.
        fileprivate var tip: TipOrConvenienceIndicator? = nil
        /// The character offset of tag 63, the last object: where mandatory tags were looked for up to.
        private var crcOffset = 0

        init() {}

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

        /// Checks one top-level data object and keeps its typed value.
        private mutating func read(_ field: EMVField, from cursor: EMVCursor) throws(MerchantQRError) {
            let id = field.id
            let offset = field.offset
            guard seen.insert(id) else { throw .duplicateTag(tag: field.idText, offset: offset) }
            let value = cursor.value(field)
            switch id {
            case 0:
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
                accounts.append(MerchantAccountInformation(uncheckedObject: cursor.object(field)))
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
                accounts.append(MerchantAccountInformation(uncheckedObject: cursor.object(field)))
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
                guard value[0] &- 0x41 < 26, value[1] &- 0x41 < 26, let found = Country(alpha2UTF8: value) else {
                    throw .invalidValue(
                        tag: field.idText, offset: offset,
                        reason: "\(cursor.string(field)) is not an ISO 3166 alpha-2 code")
                }
                country = found
            case 59:
                try EMVFieldRule.merchantName.check(utf8: value, tag: field.idText, offset: offset)
                name = cursor.string(field)
            case 60:
                try EMVFieldRule.merchantCity.check(utf8: value, tag: field.idText, offset: offset)
                city = cursor.string(field)
            case 61:
                try EMVFieldRule.postalCode.check(utf8: value, tag: field.idText, offset: offset)
                postalCode = cursor.string(field)
            case 62:
                additionalData = try AdditionalDataField(field, from: cursor)
            case 63:
                break
            case 64:
                alternateLanguage = try MerchantInformationLanguage(field, from: cursor)
            default:
                otherObjects.append(cursor.object(field))
            }
        }

        /// Throws the first broken rule or a missing mandatory tag, then parses the amounts and combines the tip
        /// or fee (throwing what breaks their rules); after it returns, every mandatory part is present.
        /// - Parameters:
        ///   - bytes: the payload's bytes, which the amounts' fields point into.
        mutating func finish(_ bytes: UnsafeBufferPointer<UInt8>) throws(MerchantQRError) {
            if failed, let failure { throw failure }
            guard !accounts.isEmpty else { throw .missingMandatoryTag(tag: "02-51", offset: crcOffset) }
            guard let currency = mcc != nil ? currency : nil else {
                throw .missingMandatoryTag(tag: mcc == nil ? "52" : "53", offset: crcOffset)
            }
            guard case .some = country else { throw .missingMandatoryTag(tag: "58", offset: crcOffset) }
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
    /// Reads tag 62's children; sub-IDs 01–09 must be 1...25 printable ASCII characters.
    /// - Parameters:
    ///   - field: tag 62, its subtree checked.
    ///   - cursor: the cursor that read it.
    init(_ field: EMVField, from cursor: EMVCursor) throws(MerchantQRError) {
        self.init()
        guard field.isTemplate else { return }
        var seen: UInt16 = 0
        var children = cursor.children(of: field)
        while let child = try children.next() {
            guard child.id &- 1 < 9 else {
                otherObjects.append(children.object(child))
                continue
            }
            // Each named sub-ID once. Properties are set directly: the subscript copied the whole struct.
            let bit: UInt16 = 1 << child.id
            guard seen & bit == 0 else { throw .duplicateTag(tag: "62." + child.idText, offset: child.offset) }
            seen |= bit
            try EMVFieldRule.additionalData.check(
                utf8: children.value(child), tag: "62." + child.idText, offset: child.offset)
            let value = children.string(child)
            switch child.id {
            case 1: billNumber = value
            case 2: mobileNumber = value
            case 3: storeLabel = value
            case 4: loyaltyNumber = value
            case 5: referenceLabel = value
            case 6: customerLabel = value
            case 7: terminalLabel = value
            case 8: purposeOfTransaction = value
            default: additionalConsumerDataRequest = value
            }
        }
    }
}

extension MerchantInformationLanguage {
    /// Reads tag 64's children: 00 language (mandatory), 01 name (mandatory), 02 city, 03–99 kept.
    /// - Parameters:
    ///   - field: tag 64, its subtree checked.
    ///   - cursor: the cursor that read it.
    init(_ field: EMVField, from cursor: EMVCursor) throws(MerchantQRError) {
        var language: String? = nil
        var name: String? = nil
        var city: String? = nil
        var others: [EMVDataObject] = []
        if field.isTemplate {
            var children = cursor.children(of: field)
            while let child = try children.next() {
                let value = children.value(child)
                switch child.id {
                case 0:
                    try EMVFieldRule.languagePreference.check(utf8: value, tag: "64." + child.idText, offset: child.offset)
                    language = children.string(child)
                case 1:
                    try EMVFieldRule.alternateName.check(utf8: value, tag: "64." + child.idText, offset: child.offset)
                    name = children.string(child)
                case 2:
                    try EMVFieldRule.alternateCity.check(utf8: value, tag: "64." + child.idText, offset: child.offset)
                    city = children.string(child)
                default:
                    others.append(children.object(child))
                }
            }
        }
        guard let language else { throw .missingMandatoryTag(tag: "64.00", offset: field.offset) }
        guard let name else { throw .missingMandatoryTag(tag: "64.01", offset: field.offset) }
        self.init(languagePreference: language, merchantName: name, merchantCity: city, otherObjects: others)
    }
}
