import CorridorCore

extension MerchantPresentedQR {
    /// Decodes and validates a payload: structure and CRC (see ``EMVPayload``), then mandatory tags (00 first,
    /// 52, 53, 58, 59, 60, a merchant account in 02–51, 63 last), lengths, character sets and values.
    /// - Parameters:
    ///   - text: the payload as scanned.
    /// - Throws: ``MerchantQRError`` naming the tag path and character offset.
    public init(decoding text: String) throws(MerchantQRError) {
        var text = text
        var failure: MerchantQRError? = nil
        // An optional rather than a `Result`: the decoded value is moved out, not copied (which retains every field).
        let decoded: MerchantPresentedQR? = text.withUTF8 { bytes in
            do throws(MerchantQRError) {
                return try MerchantPresentedQR(nodes: EMVNodeTree(parsing: bytes))
            } catch {
                failure = error
                return nil
            }
        }
        guard let decoded else {
            guard let failure else { preconditionFailure("no value and no error") }
            throw failure
        }
        self = decoded
    }

    /// Validates a decoded TLV payload into typed values.
    /// - Parameters:
    ///   - payload: a payload whose structure and CRC are already checked.
    /// - Throws: ``MerchantQRError`` naming the tag path and character offset.
    public init(payload: EMVPayload) throws(MerchantQRError) {
        let objects = payload.objects
        var seen = EMVTagSet()
        var pointOfInitiation: PointOfInitiation? = nil
        var accounts: [MerchantAccountInformation] = []
        var mcc: MerchantCategoryCode? = nil
        var currency: Currency? = nil
        var amountText: String? = nil
        var amountOffset = 0
        var indicatorText: String? = nil
        var fixedFeeText: String? = nil
        var percentageText: String? = nil
        var tipOffset = 0
        var country: Country? = nil
        var name: String? = nil
        var city: String? = nil
        var postalCode: String? = nil
        var additionalData: AdditionalDataField? = nil
        var alternateLanguage: MerchantInformationLanguage? = nil
        var otherObjects: [EMVDataObject] = []

        var offset = 0
        for object in objects {
            let id = object.id
            let tag = object.idText
            guard seen.insert(id) else { throw .duplicateTag(tag: tag, offset: offset) }
            let value = object.value
            switch id {
            case 0:
                try EMVFieldRule.payloadFormatIndicator.check(value, tag: tag, offset: offset)
            case 1:
                try EMVFieldRule.pointOfInitiation.check(value, tag: tag, offset: offset)
                guard let method = PointOfInitiation(rawValue: value) else {
                    throw .invalidValue(tag: tag, offset: offset, reason: "point of initiation must be 11 or 12")
                }
                pointOfInitiation = method
            case 2...25:
                try EMVFieldRule.merchantAccount.check(value, tag: tag, offset: offset)
                accounts.append(try MerchantAccountInformation(object))
            case 26...51:
                if let children = object.children {
                    guard let guid = children.first, guid.id == 0 else {
                        throw .missingMandatoryTag(tag: tag + ".00", offset: offset + 4)
                    }
                    let guidLengthMax = MerchantAccountInformation.globallyUniqueIdentifierLengthMax
                    guard !guid.value.isEmpty, EMVText.characterCount(guid.value) <= guidLengthMax else {
                        throw .valueTooLong(
                            tag: tag + ".00", offset: offset + 4, length: EMVText.characterCount(guid.value),
                            maximum: MerchantAccountInformation.globallyUniqueIdentifierLengthMax)
                    }
                }
                accounts.append(try MerchantAccountInformation(object))
            case 52:
                try EMVFieldRule.merchantCategoryCode.check(value, tag: tag, offset: offset)
                mcc = MerchantCategoryCode(text: value)
            case 53:
                try EMVFieldRule.currency.check(value, tag: tag, offset: offset)
                guard let found = Currency(numericText: value) else {
                    throw .invalidValue(tag: tag, offset: offset, reason: "\(value) is not an ISO 4217 currency")
                }
                currency = found
            case 54:
                try EMVFieldRule.amount.check(value, tag: tag, offset: offset)
                amountText = value
                amountOffset = offset
            case 55:
                try EMVFieldRule.tipIndicator.check(value, tag: tag, offset: offset)
                guard value == "01" || value == "02" || value == "03" else {
                    throw .invalidValue(tag: tag, offset: offset, reason: "tip indicator must be 01, 02 or 03")
                }
                indicatorText = value
                tipOffset = offset
            case 56:
                try EMVFieldRule.amount.check(value, tag: tag, offset: offset)
                fixedFeeText = value
            case 57:
                try EMVFieldRule.feePercentage.check(value, tag: tag, offset: offset)
                percentageText = value
            case 58:
                try EMVFieldRule.country.check(value, tag: tag, offset: offset)
                guard let found = Country(code: value), value.utf8.allSatisfy({ $0 &- 0x41 < 26 }) else {
                    throw .invalidValue(tag: tag, offset: offset, reason: "\(value) is not an ISO 3166 alpha-2 code")
                }
                country = found
            case 59:
                try EMVFieldRule.merchantName.check(value, tag: tag, offset: offset)
                name = value
            case 60:
                try EMVFieldRule.merchantCity.check(value, tag: tag, offset: offset)
                city = value
            case 61:
                try EMVFieldRule.postalCode.check(value, tag: tag, offset: offset)
                postalCode = value
            case 62:
                additionalData = try AdditionalDataField(decoding: object, offset: offset)
            case 63:
                break
            case 64:
                alternateLanguage = try MerchantInformationLanguage(decoding: object, offset: offset)
            default:
                otherObjects.append(object)
            }
            offset += 4 + EMVText.characterCount(value)
        }
        let crcOffset = offset - 8
        guard !accounts.isEmpty else { throw .missingMandatoryTag(tag: "02-51", offset: crcOffset) }
        guard let mcc else { throw .missingMandatoryTag(tag: "52", offset: crcOffset) }
        guard let currency else { throw .missingMandatoryTag(tag: "53", offset: crcOffset) }
        guard let country else { throw .missingMandatoryTag(tag: "58", offset: crcOffset) }
        guard let name else { throw .missingMandatoryTag(tag: "59", offset: crcOffset) }
        guard let city else { throw .missingMandatoryTag(tag: "60", offset: crcOffset) }

        var amount: Money? = nil
        if let amountText {
            amount = try MerchantPresentedQR.money(amountText, currency: currency, tag: "54", offset: amountOffset)
        }
        var indicator: TipOrConvenienceIndicator? = nil
        switch indicatorText {
        case "01"?:
            indicator = .promptForTip
        case "02"?:
            guard let fixedFeeText else { throw .missingMandatoryTag(tag: "56", offset: tipOffset) }
            indicator = .convenienceFeeFixed(
                try MerchantPresentedQR.money(fixedFeeText, currency: currency, tag: "56", offset: tipOffset))
        case "03"?:
            guard let percentageText else { throw .missingMandatoryTag(tag: "57", offset: tipOffset) }
            indicator = .convenienceFeePercentage(percentageText)
        default:
            break
        }
        if fixedFeeText != nil, indicatorText != "02" {
            throw .invalidValue(tag: "56", offset: tipOffset, reason: "a fixed fee needs tag 55 = 02")
        }
        if percentageText != nil, indicatorText != "03" {
            throw .invalidValue(tag: "57", offset: tipOffset, reason: "a fee percentage needs tag 55 = 03")
        }

        self.init(
            merchantName: name, merchantCity: city, country: country, merchantCategoryCode: mcc,
            currency: currency, merchantAccounts: accounts)
        self.pointOfInitiation = pointOfInitiation
        self.amount = amount
        self.tipOrConvenienceIndicator = indicator
        self.postalCode = postalCode
        self.additionalData = additionalData
        self.alternateLanguage = alternateLanguage
        self.otherObjects = otherObjects
    }

    /// Parses an amount exactly in the currency's exponent.
    static func money(
        _ text: String, currency: Currency, tag: String, offset: Int
    ) throws(MerchantQRError) -> Money {
        do {
            return try Money(decimal: text, currency: currency)
        } catch {
            throw .invalidValue(tag: tag, offset: offset, reason: "\(text) is not an exact \(currency) amount")
        }
    }
}

/// Which top-level IDs a payload has used: 100 bits, no allocation.
struct EMVTagSet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Adds `id`; false when it was already there.
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
    init(decoding object: EMVDataObject, offset: Int) throws(MerchantQRError) {
        self.init()
        guard let children = object.children else { return }
        var childOffset = offset + 4
        for child in children {
            if (1...9).contains(child.id) {
                guard self[child.id] == nil else { throw .duplicateTag(tag: "62." + child.idText, offset: childOffset) }
                try EMVFieldRule.additionalData.check(child.value, tag: "62." + child.idText, offset: childOffset)
                self[child.id] = child.value
            } else {
                otherObjects.append(child)
            }
            childOffset += 4 + EMVText.characterCount(child.value)
        }
    }
}

extension MerchantInformationLanguage {
    /// Reads tag 64's children: 00 language (mandatory), 01 name (mandatory), 02 city, 03–99 kept.
    init(decoding object: EMVDataObject, offset: Int) throws(MerchantQRError) {
        var language: String? = nil
        var name: String? = nil
        var city: String? = nil
        var others: [EMVDataObject] = []
        var childOffset = offset + 4
        for child in object.children ?? [] {
            func tag() -> String { "64." + child.idText }
            switch child.id {
            case 0:
                try EMVFieldRule.languagePreference.check(child.value, tag: tag(), offset: childOffset)
                language = child.value
            case 1:
                try EMVFieldRule.alternateName.check(child.value, tag: tag(), offset: childOffset)
                name = child.value
            case 2:
                try EMVFieldRule.alternateCity.check(child.value, tag: tag(), offset: childOffset)
                city = child.value
            default:
                others.append(child)
            }
            childOffset += 4 + EMVText.characterCount(child.value)
        }
        guard let language else { throw .missingMandatoryTag(tag: "64.00", offset: offset) }
        guard let name else { throw .missingMandatoryTag(tag: "64.01", offset: offset) }
        self.init(languagePreference: language, merchantName: name, merchantCity: city, otherObjects: others)
    }
}
