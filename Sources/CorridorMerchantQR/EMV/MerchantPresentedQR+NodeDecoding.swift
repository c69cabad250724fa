import CorridorCore

// The decoder's hot path: the same rules as `init(payload:)`, in the same order and with the same errors, checked
// on byte ranges so that a `String` is built only for a value the typed model keeps. A test runs both over every
// sample, malformed and random payload and expects identical results.

extension MerchantPresentedQR {
    /// Validates a checked node tree into typed values.
    /// - Parameters:
    ///   - tree: the payload's data objects, structure and CRC already checked.
    /// - Throws: ``MerchantQRError`` naming the tag path and character offset.
    init(nodes tree: EMVNodeTree) throws(MerchantQRError) {
        let nodes = tree.nodes
        var seen = EMVTagSet()
        var pointOfInitiation: PointOfInitiation? = nil
        var accounts: [MerchantAccountInformation] = []
        var mcc: MerchantCategoryCode? = nil
        var currency: Currency? = nil
        var amountNode: EMVNode? = nil
        var amountOffset = 0
        var indicator: UInt8 = 0
        var fixedFeeNode: EMVNode? = nil
        var percentageNode: EMVNode? = nil
        var tipOffset = 0
        var country: Country? = nil
        var name: String? = nil
        var city: String? = nil
        var postalCode: String? = nil
        var additionalData: AdditionalDataField? = nil
        var alternateLanguage: MerchantInformationLanguage? = nil
        var otherObjects: [EMVDataObject] = []

        var offset = 0
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            let id = node.id
            guard seen.insert(id) else { throw .duplicateTag(tag: node.idText, offset: offset) }
            let value = tree.value(node)
            switch id {
            case 0:
                try EMVFieldRule.payloadFormatIndicator.check(utf8: value, tag: node.idText, offset: offset)
            case 1:
                try EMVFieldRule.pointOfInitiation.check(utf8: value, tag: node.idText, offset: offset)
                switch (value[0], value[1]) {
                case (0x31, 0x31): pointOfInitiation = .staticQR
                case (0x31, 0x32): pointOfInitiation = .dynamicQR
                default:
                    throw .invalidValue(
                        tag: node.idText, offset: offset, reason: "point of initiation must be 11 or 12")
                }
            case 2...25:
                try EMVFieldRule.merchantAccount.check(utf8: value, tag: node.idText, offset: offset)
                accounts.append(try MerchantAccountInformation(tree.object(at: index)))
            case 26...51:
                if node.hasChildren {
                    let guid = nodes[index + 1]
                    guard guid.id == 0 else { throw .missingMandatoryTag(tag: node.idText + ".00", offset: offset + 4) }
                    let guidLength = tree.characterCount(guid)
                    let guidLengthMax = MerchantAccountInformation.globallyUniqueIdentifierLengthMax
                    guard guid.byteCount > 0, guidLength <= guidLengthMax else {
                        throw .valueTooLong(
                            tag: node.idText + ".00", offset: offset + 4, length: guidLength, maximum: guidLengthMax)
                    }
                }
                accounts.append(try MerchantAccountInformation(tree.object(at: index)))
            case 52:
                try EMVFieldRule.merchantCategoryCode.check(utf8: value, tag: node.idText, offset: offset)
                var code = 0
                for digit in value { code = code * 10 + Int(digit - 0x30) }
                mcc = MerchantCategoryCode(code)
            case 53:
                try EMVFieldRule.currency.check(utf8: value, tag: node.idText, offset: offset)
                guard let found = Currency(numericCodeUTF8: value) else {
                    throw .invalidValue(
                        tag: node.idText, offset: offset, reason: "\(tree.string(node)) is not an ISO 4217 currency")
                }
                currency = found
            case 54:
                try EMVFieldRule.amount.check(utf8: value, tag: node.idText, offset: offset)
                amountNode = node
                amountOffset = offset
            case 55:
                try EMVFieldRule.tipIndicator.check(utf8: value, tag: node.idText, offset: offset)
                guard value[0] == 0x30, (0x31...0x33).contains(value[1]) else {
                    throw .invalidValue(tag: node.idText, offset: offset, reason: "tip indicator must be 01, 02 or 03")
                }
                indicator = value[1] - 0x30
                tipOffset = offset
            case 56:
                try EMVFieldRule.amount.check(utf8: value, tag: node.idText, offset: offset)
                fixedFeeNode = node
            case 57:
                try EMVFieldRule.feePercentage.check(utf8: value, tag: node.idText, offset: offset)
                percentageNode = node
            case 58:
                try EMVFieldRule.country.check(utf8: value, tag: node.idText, offset: offset)
                guard value[0] &- 0x41 < 26, value[1] &- 0x41 < 26, let found = Country(alpha2UTF8: value) else {
                    throw .invalidValue(
                        tag: node.idText, offset: offset,
                        reason: "\(tree.string(node)) is not an ISO 3166 alpha-2 code")
                }
                country = found
            case 59:
                try EMVFieldRule.merchantName.check(utf8: value, tag: node.idText, offset: offset)
                name = tree.string(node)
            case 60:
                try EMVFieldRule.merchantCity.check(utf8: value, tag: node.idText, offset: offset)
                city = tree.string(node)
            case 61:
                try EMVFieldRule.postalCode.check(utf8: value, tag: node.idText, offset: offset)
                postalCode = tree.string(node)
            case 62:
                additionalData = try AdditionalDataField(nodes: tree, at: index, offset: offset)
            case 63:
                break
            case 64:
                alternateLanguage = try MerchantInformationLanguage(nodes: tree, at: index, offset: offset)
            default:
                otherObjects.append(tree.object(at: index))
            }
            offset += 4 + tree.characterCount(node)
            index = node.subtreeEnd
        }
        let crcOffset = offset - 8
        guard !accounts.isEmpty else { throw .missingMandatoryTag(tag: "02-51", offset: crcOffset) }
        guard let mcc else { throw .missingMandatoryTag(tag: "52", offset: crcOffset) }
        guard let currency else { throw .missingMandatoryTag(tag: "53", offset: crcOffset) }
        guard let country else { throw .missingMandatoryTag(tag: "58", offset: crcOffset) }
        guard let name else { throw .missingMandatoryTag(tag: "59", offset: crcOffset) }
        guard let city else { throw .missingMandatoryTag(tag: "60", offset: crcOffset) }

        var amount: Money? = nil
        if let amountNode {
            amount = try MerchantPresentedQR.money(
                tree.value(amountNode), currency: currency, tag: "54", offset: amountOffset)
        }
        var tip: TipOrConvenienceIndicator? = nil
        switch indicator {
        case 1:
            tip = .promptForTip
        case 2:
            guard let fixedFeeNode else { throw .missingMandatoryTag(tag: "56", offset: tipOffset) }
            tip = .convenienceFeeFixed(
                try MerchantPresentedQR.money(tree.value(fixedFeeNode), currency: currency, tag: "56", offset: tipOffset))
        case 3:
            guard let percentageNode else { throw .missingMandatoryTag(tag: "57", offset: tipOffset) }
            tip = .convenienceFeePercentage(tree.string(percentageNode))
        default:
            break
        }
        if fixedFeeNode != nil, indicator != 2 {
            throw .invalidValue(tag: "56", offset: tipOffset, reason: "a fixed fee needs tag 55 = 02")
        }
        if percentageNode != nil, indicator != 3 {
            throw .invalidValue(tag: "57", offset: tipOffset, reason: "a fee percentage needs tag 55 = 03")
        }

        self.init(
            merchantName: name, merchantCity: city, country: country, merchantCategoryCode: mcc,
            currency: currency, merchantAccounts: accounts)
        self.pointOfInitiation = pointOfInitiation
        self.amount = amount
        self.tipOrConvenienceIndicator = tip
        self.postalCode = postalCode
        self.additionalData = additionalData
        self.alternateLanguage = alternateLanguage
        self.otherObjects = otherObjects
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

extension AdditionalDataField {
    /// Reads tag 62's children from the node tree; sub-IDs 01–09 must be 1...25 printable ASCII characters.
    init(nodes tree: EMVNodeTree, at index: Int, offset: Int) throws(MerchantQRError) {
        self.init()
        let template = tree.nodes[index]
        guard template.hasChildren else { return }
        var childOffset = offset + 4
        var child = index + 1
        while child < template.subtreeEnd {
            let node = tree.nodes[child]
            if (1...9).contains(node.id) {
                guard self[node.id] == nil else { throw .duplicateTag(tag: "62." + node.idText, offset: childOffset) }
                try EMVFieldRule.additionalData.check(
                    utf8: tree.value(node), tag: "62." + node.idText, offset: childOffset)
                self[node.id] = tree.string(node)
            } else {
                otherObjects.append(tree.object(at: child))
            }
            childOffset += 4 + tree.characterCount(node)
            child = node.subtreeEnd
        }
    }
}

extension MerchantInformationLanguage {
    /// Reads tag 64's children from the node tree: 00 language (mandatory), 01 name (mandatory), 02 city, 03–99 kept.
    init(nodes tree: EMVNodeTree, at index: Int, offset: Int) throws(MerchantQRError) {
        var language: String? = nil
        var name: String? = nil
        var city: String? = nil
        var others: [EMVDataObject] = []
        let template = tree.nodes[index]
        var childOffset = offset + 4
        var child = template.hasChildren ? index + 1 : template.subtreeEnd
        while child < template.subtreeEnd {
            let node = tree.nodes[child]
            let value = tree.value(node)
            switch node.id {
            case 0:
                try EMVFieldRule.languagePreference.check(utf8: value, tag: "64." + node.idText, offset: childOffset)
                language = tree.string(node)
            case 1:
                try EMVFieldRule.alternateName.check(utf8: value, tag: "64." + node.idText, offset: childOffset)
                name = tree.string(node)
            case 2:
                try EMVFieldRule.alternateCity.check(utf8: value, tag: "64." + node.idText, offset: childOffset)
                city = tree.string(node)
            default:
                others.append(tree.object(at: child))
            }
            childOffset += 4 + tree.characterCount(node)
            child = node.subtreeEnd
        }
        guard let language else { throw .missingMandatoryTag(tag: "64.00", offset: offset) }
        guard let name else { throw .missingMandatoryTag(tag: "64.01", offset: offset) }
        self.init(languagePreference: language, merchantName: name, merchantCity: city, otherObjects: others)
    }
}
