import CorridorCore

extension MerchantProfile {
    /// The payload text the merchant shows (for GOST, the text of its bytes).
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` naming the profile field that does not fit.
    public func payload() throws(MerchantQRError) -> String {
        switch format {
        case .emv: try merchantPresentedQR().encoded()
        case .sbp: try sbpLink().encoded()
        case .gost: try gostPaymentOrder().encodedText()
        }
    }

    /// The bytes a QR code carries: UTF-8 text, or a GOST payload in its declared encoding.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    public func payloadBytes() throws(MerchantQRError) -> [UInt8] {
        format == .gost ? try gostPaymentOrder().encoded() : Array(try payload().utf8)
    }

    /// The typed EMV value.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    public func merchantPresentedQR() throws(MerchantQRError) -> MerchantPresentedQR {
        guard let country = country.flatMap({ Country(code: $0) }) else {
            throw .cannotEncode(tag: "country", reason: "profile \(id) needs an ISO 3166 country")
        }
        guard let mcc = mcc.flatMap({ MerchantCategoryCode(text: $0) }) else {
            throw .cannotEncode(tag: "mcc", reason: "profile \(id) needs a four-digit MCC")
        }
        let currency = try profileCurrency()
        var accounts: [MerchantAccountInformation] = []
        if let unionPay = emv?.unionPay {
            accounts.append(try .unionPay(merchantIdentifier: unionPay))
        }
        for network in emv?.networks ?? [] {
            guard let tag = UInt8(exactly: network.tag) else {
                throw .cannotEncode(tag: "networks", reason: "tag \(network.tag) is not 26 to 51")
            }
            var fields: [(id: UInt8, value: String)] = []
            for (key, value) in network.fields.sorted(by: { $0.key < $1.key }) {
                guard let subID = UInt8(key) else {
                    throw .cannotEncode(tag: "networks.fields", reason: "sub-ID \(key) is not two digits")
                }
                fields.append((subID, value))
            }
            accounts.append(try .template(id: tag, globallyUniqueIdentifier: network.guid, fields: fields))
        }
        var qr = MerchantPresentedQR(
            merchantName: name, merchantCity: city ?? "", country: country, merchantCategoryCode: mcc,
            currency: currency, merchantAccounts: accounts)
        if let amount = try profileAmount(currency) { qr = qr.withAmount(amount) }
        if let language = emv?.alternateLanguage {
            qr.alternateLanguage = MerchantInformationLanguage(
                languagePreference: language.language, merchantName: language.name, merchantCity: language.city)
        }
        if let data = emv?.additionalData, !data.isEmpty {
            let names = [
                "billNumber": 1, "mobileNumber": 2, "storeLabel": 3, "loyaltyNumber": 4, "referenceLabel": 5,
                "customerLabel": 6, "terminalLabel": 7, "purpose": 8,
            ]
            var field = AdditionalDataField()
            for (key, value) in data {
                guard let subID = names[key] else {
                    throw .cannotEncode(tag: "additionalData.\(key)", reason: "not a tag 62 property")
                }
                field[UInt8(subID)] = value
            }
            qr.additionalData = field
        }
        return qr
    }

    /// The SBP link.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    public func sbpLink() throws(MerchantQRError) -> SBPLink {
        guard let sbp else { throw .cannotEncode(tag: "sbp", reason: "profile \(id) has no sbp section") }
        guard let type = SBPLinkType(rawValue: sbp.type) else {
            throw .cannotEncode(tag: "sbp.type", reason: "type is 01 or 02")
        }
        return SBPLink(
            identifier: sbp.identifier, type: type, bankMemberIdentifier: sbp.bank, amount: try profileAmount(.rub))
    }

    /// The GOST payment order.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    public func gostPaymentOrder() throws(MerchantQRError) -> GOSTPaymentOrder {
        guard let gost else { throw .cannotEncode(tag: "gost", reason: "profile \(id) has no gost section") }
        guard let encoding = UInt8(exactly: gost.encoding).flatMap({ GOSTCharacterEncoding(rawValue: $0) }) else {
            throw .cannotEncode(tag: "gost.encoding", reason: "encoding is 1, 2 or 3")
        }
        let separatorScalars = Array((gost.separator ?? "|").unicodeScalars)
        guard separatorScalars.count == 1 else {
            throw .cannotEncode(tag: "gost.separator", reason: "the separator is one character")
        }
        var order = GOSTPaymentOrder(
            name: name, personalAccount: gost.personalAccount, bankName: gost.bankName, bic: gost.bic,
            correspondentAccount: gost.correspondentAccount, encoding: encoding, separator: separatorScalars[0])
        order.sum = try profileAmount(.rub)
        order.payeeINN = gost.payeeINN
        order.kpp = gost.kpp
        order.purpose = gost.purpose
        return order
    }

    private func profileCurrency() throws(MerchantQRError) -> Currency {
        guard let currency = currency.flatMap({ Currency(alphaCode: $0) }) else {
            throw .cannotEncode(tag: "currency", reason: "profile \(id) needs an ISO 4217 currency")
        }
        return currency
    }

    private func profileAmount(_ currency: Currency) throws(MerchantQRError) -> Money? {
        guard let amount else { return nil }
        do {
            return try Money(decimal: amount, currency: currency)
        } catch {
            throw .cannotEncode(tag: "amount", reason: "\(amount) is not an exact \(currency) amount")
        }
    }
}
