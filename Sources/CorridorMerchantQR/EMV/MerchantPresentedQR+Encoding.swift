import CorridorCore

extension MerchantPresentedQR {
    /// The payload text: tags in ascending order (accounts and ``otherObjects`` in their own order), lengths in
    /// characters, CRC-16/CCITT-FALSE in tag 63 (EMV QRCPS MPM 4.7.3).
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` when a value breaks its length or character-set rule,
    ///   no merchant account is given, the amount is in another currency, or a template exceeds 99 characters.
    public func encoded() throws(MerchantQRError) -> String {
        try MerchantPresentedQR.encode(self)
    }

    /// Writes `model` into stack scratch space and makes the payload `String` once. A static function with a
    /// borrowed parameter, because a closure that captured `self` copied the whole value.
    private static func encode(_ model: borrowing MerchantPresentedQR) throws(MerchantQRError) -> String {
        // A decoded value is written from its typed parts, as any other.
        let box = model.box.isDecoded ? PartsBox(model.decodedBox.decoded.parts) : model.partsBox
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: EMVWriter.scratchByteCount) {
            scratch throws(MerchantQRError) -> String in
            var writer = EMVWriter(scratch: scratch)
            try box.write(to: &writer)
            writer.appendCRC()
            return writer.text()
        }
    }
}

extension MerchantPresentedQR.PartsBox {
    /// Writes every data object except the CRC, reading the parts in place in the box (a method on the parts
    /// copied the whole struct out of the box first, retaining each of its strings).
    func write(to writer: inout EMVWriter) throws(MerchantQRError) {
        guard !parts.merchantAccounts.isEmpty else {
            throw .cannotEncode(tag: "02-51", reason: "at least one merchant account is mandatory")
        }
        writer.append(id: 0, 0x30, 0x31)
        if let pointOfInitiation = parts.pointOfInitiation {
            writer.append(id: 1, 0x31, pointOfInitiation == .staticQR ? 0x31 : 0x32)
        }
        // By index: each account is borrowed in place, not copied out of the array.
        for index in parts.merchantAccounts.indices { writer.append(parts.merchantAccounts[index].object) }
        // An MCC is 0...9999 (MerchantCategoryCode guarantees it): four digits without a loop.
        let mcc = parts.merchantCategoryCode.code
        writer.appendASCII(id: 52, count: 4) { digits in
            digits[0] = 0x30 + UInt8(truncatingIfNeeded: mcc / 1000 % 10)
            digits[1] = 0x30 + UInt8(truncatingIfNeeded: mcc / 100 % 10)
            digits[2] = 0x30 + UInt8(truncatingIfNeeded: mcc / 10 % 10)
            digits[3] = 0x30 + UInt8(truncatingIfNeeded: mcc % 10)
        }
        let currencyDigits = parts.currency.numericCodeDigits
        writer.appendASCII(id: 53, count: 3) { digits in
            digits[0] = currencyDigits.0
            digits[1] = currencyDigits.1
            digits[2] = currencyDigits.2
        }
        if let amount = parts.amount {
            try MerchantPresentedQR.appendAmount(amount, currency: parts.currency, id: 54, to: &writer)
        }
        if let tipOrConvenienceIndicator = parts.tipOrConvenienceIndicator {
            switch tipOrConvenienceIndicator {
            case .promptForTip: writer.append(id: 55, 0x30, 0x31)
            case .convenienceFeeFixed: writer.append(id: 55, 0x30, 0x32)
            case .convenienceFeePercentage: writer.append(id: 55, 0x30, 0x33)
            }
            switch tipOrConvenienceIndicator {
            case .promptForTip:
                break
            case .convenienceFeeFixed(let fee):
                try MerchantPresentedQR.appendAmount(fee, currency: parts.currency, id: 56, to: &writer)
            case .convenienceFeePercentage(let percentage):
                try writer.append(id: 57, value: percentage, rule: .feePercentage, tag: "57")
            }
        }
        try writer.append(id: 58, value: parts.country.alpha2, rule: .country, tag: "58")
        try writer.append(id: 59, value: parts.merchantName, rule: .merchantName, tag: "59")
        try writer.append(id: 60, value: parts.merchantCity, rule: .merchantCity, tag: "60")
        if let postalCode = parts.postalCode {
            try writer.append(id: 61, value: postalCode, rule: .postalCode, tag: "61")
        }
        // Through methods on the optionals: `if let` copied each template's dozen strings first.
        try parts.additionalData?.write(to: &writer)
        try parts.alternateLanguage?.write(to: &writer)
        for object in parts.otherObjects {
            guard object.id >= 65 else {
                throw .cannotEncode(tag: object.idText, reason: "other objects use IDs 65 to 99")
            }
            writer.append(object)
        }
    }

}

extension MerchantPresentedQR {
    /// Appends tag `id` holding the amount with exactly the currency's fraction digits ("100.50", "5" for JPY),
    /// as `Money.decimalText` writes it, formatted straight into the payload.
    /// - Parameters:
    ///   - money: the amount.
    ///   - currency: the QR code's currency.
    ///   - id: 54 (amount) or 56 (fixed fee).
    ///   - writer: the payload being written.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` for another currency, a negative amount, or more than
    ///   ``amountTextLengthMax`` characters.
    static func appendAmount(
        _ money: Money, currency: Currency, id: UInt8, to writer: inout EMVWriter
    ) throws(MerchantQRError) {
        guard money.currency == currency else {
            throw .cannotEncode(
                tag: EMVText.idText(id), reason: "amount is in \(money.currency), the QR code in \(currency)")
        }
        guard !money.isNegative else { throw .cannotEncode(tag: EMVText.idText(id), reason: "amount is negative") }
        let exponent = currency.exponent
        let scale = UInt64(currency.minorUnitsPerMajor)
        let magnitude = money.minorUnits.magnitude
        let whole = magnitude / scale
        var wholeDigits = 1
        var rest = whole / 10
        while rest > 0 {
            wholeDigits += 1
            rest /= 10
        }
        let length = wholeDigits + (exponent > 0 ? 1 + exponent : 0)
        let maximum = MerchantPresentedQR.amountTextLengthMax
        guard length <= maximum else {
            throw .cannotEncode(tag: EMVText.idText(id), reason: "value is \(length) characters, at most \(maximum)")
        }
        writer.appendASCII(id: id, count: length) { digits in
            // Right to left: the fraction's digits, the point, then the whole part's.
            var index = length - 1
            if exponent > 0 {
                var fraction = magnitude % scale
                for _ in 0..<exponent {
                    digits[index] = 0x30 + UInt8(truncatingIfNeeded: fraction % 10)
                    fraction /= 10
                    index -= 1
                }
                digits[index] = UInt8(ascii: ".")
                index -= 1
            }
            var remaining = whole
            while index >= 0 {
                digits[index] = 0x30 + UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
                index -= 1
            }
        }
    }

    /// Closes the template opened at `mark`.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` naming `tag` when the template exceeds 99 characters.
    @inline(__always)
    static func closeTemplate(
        _ mark: EMVWriter.TemplateMark, tag: @autoclosure () -> String, writer: inout EMVWriter
    ) throws(MerchantQRError) {
        let length = writer.endTemplate(mark)
        guard length <= EMVText.valueLengthMax else {
            throw .cannotEncode(tag: tag(), reason: "template is \(length) characters, at most 99")
        }
    }
}

extension AdditionalDataField {
    /// Writes tag 62 with sub-IDs 01–09 in order and then ``otherObjects``; nothing when empty.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` for a value that breaks its rule, a sub-ID below 10
    ///   in ``otherObjects``, or a template over 99 characters.
    func write(to writer: inout EMVWriter) throws(MerchantQRError) {
        guard !isEmpty else { return }
        let mark = writer.beginTemplate(id: 62)
        if let billNumber { try writer.append(id: 1, value: billNumber, rule: .additionalData, tag: "62.01") }
        if let mobileNumber { try writer.append(id: 2, value: mobileNumber, rule: .additionalData, tag: "62.02") }
        if let storeLabel { try writer.append(id: 3, value: storeLabel, rule: .additionalData, tag: "62.03") }
        if let loyaltyNumber { try writer.append(id: 4, value: loyaltyNumber, rule: .additionalData, tag: "62.04") }
        if let referenceLabel {
            try writer.append(id: 5, value: referenceLabel, rule: .additionalData, tag: "62.05")
        }
        if let customerLabel { try writer.append(id: 6, value: customerLabel, rule: .additionalData, tag: "62.06") }
        if let terminalLabel { try writer.append(id: 7, value: terminalLabel, rule: .additionalData, tag: "62.07") }
        if let purposeOfTransaction {
            try writer.append(id: 8, value: purposeOfTransaction, rule: .additionalData, tag: "62.08")
        }
        if let additionalConsumerDataRequest {
            try writer.append(id: 9, value: additionalConsumerDataRequest, rule: .additionalData, tag: "62.09")
        }
        for index in otherObjects.indices {
            let id = otherObjects[index].id
            guard id >= 10 else {
                throw .cannotEncode(tag: "62." + EMVText.idText(id), reason: "sub-IDs 01-09 have named properties")
            }
            writer.append(otherObjects[index])
        }
        try MerchantPresentedQR.closeTemplate(mark, tag: "62", writer: &writer)
    }
}

extension MerchantInformationLanguage {
    /// Writes tag 64: 00 language, 01 name, 02 city when set, then ``otherObjects``.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` for a value that breaks its rule, a sub-ID below 03
    ///   in ``otherObjects``, or a template over 99 characters.
    func write(to writer: inout EMVWriter) throws(MerchantQRError) {
        let mark = writer.beginTemplate(id: 64)
        try writer.append(id: 0, value: languagePreference, rule: .languagePreference, tag: "64.00")
        try writer.append(id: 1, value: merchantName, rule: .alternateName, tag: "64.01")
        if let merchantCity { try writer.append(id: 2, value: merchantCity, rule: .alternateCity, tag: "64.02") }
        for index in otherObjects.indices {
            let id = otherObjects[index].id
            guard id >= 3 else {
                throw .cannotEncode(tag: "64." + EMVText.idText(id), reason: "sub-IDs 00-02 have named properties")
            }
            writer.append(otherObjects[index])
        }
        try MerchantPresentedQR.closeTemplate(mark, tag: "64", writer: &writer)
    }
}
