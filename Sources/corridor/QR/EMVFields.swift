import CorridorCore
import CorridorMerchantQR

/// Builds an EMV merchant-presented payload from `qr make emv` options or `qr batch` columns (same keys).
///
/// Keys: `name`, `city`, `country` (alpha-2 or alpha-3), `mcc` (4 digits), `currency` (alpha or numeric ISO 4217),
/// `amount` (decimal in the currency, makes the code dynamic), `network` (a name from ``EMVNetworkName``) or
/// `template-id` (26…51) with `guid`, `account` (the network's merchant identifier, or sub-ID 01 of a template),
/// `dynamic` (yes/no), `bill`, `store`, `terminal`, `reference`, `purpose` (tag 62), `alt-language`, `alt-name`,
/// `alt-city` (tag 64), `tip` (`prompt`, `fixed AMOUNT` or `percent P`), `postal-code`.
struct EMVFields: Sendable {
    /// Every key an EMV row may fill.
    static let keys: Set<String> = [
        "name", "city", "country", "mcc", "currency", "amount", "network", "template-id", "guid", "account",
        "dynamic", "bill", "store", "terminal", "reference", "purpose", "alt-language", "alt-name", "alt-city",
        "tip", "postal-code",
    ]

    /// Tag paths of the encoder's errors → the keys that set them.
    static let keyByTag: [String: String] = [
        "58": "country", "59": "name", "60": "city", "61": "postal-code", "54": "amount", "55": "tip", "56": "tip",
        "57": "tip", "62.01": "bill", "62.03": "store", "62.05": "reference", "62.07": "terminal",
        "62.08": "purpose", "64": "alt-name", "64.00": "alt-language", "64.01": "alt-name", "64.02": "alt-city",
    ]

    let values: MerchantQRFieldValues

    /// The payload.
    /// - Throws: ``MerchantQRFieldError`` naming the key whose value cannot be used.
    func payload() throws(MerchantQRFieldError) -> MerchantQRPayload {
        try values.requireOnly(Self.keys, format: .emv)
        let name = try required("name")
        let city = try required("city")
        let countryText = try required("country")
        guard let country = Country(code: countryText) else {
            throw MerchantQRFieldError(key: "country", reason: "\"\(countryText)\" is not an ISO 3166 country code")
        }
        let mccText = try required("mcc")
        guard let mcc = MerchantCategoryCode(text: mccText) else {
            throw MerchantQRFieldError(key: "mcc", reason: "\"\(mccText)\" is not four digits")
        }
        let currencyText = try required("currency")
        guard let currency = Currency(alphaCode: currencyText.uppercased()) ?? Currency(numericText: currencyText)
        else {
            throw MerchantQRFieldError(key: "currency", reason: "\"\(currencyText)\" is not an ISO 4217 currency")
        }
        var qr = MerchantPresentedQR(
            merchantName: name, merchantCity: city, country: country, merchantCategoryCode: mcc, currency: currency,
            merchantAccounts: [try merchantAccount()])
        if let amountText = values["amount"] {
            qr = qr.withAmount(try Self.money(amountText, currency: currency, key: "amount"))
        }
        if try values.flag("dynamic") { qr.pointOfInitiation = .dynamicQR }
        if let tip = values["tip"] { qr.tipOrConvenienceIndicator = try Self.tip(tip, currency: currency) }
        qr.postalCode = values["postal-code"]
        let additional = AdditionalDataField(
            billNumber: values["bill"], storeLabel: values["store"], referenceLabel: values["reference"],
            terminalLabel: values["terminal"], purposeOfTransaction: values["purpose"])
        if !additional.isEmpty { qr.additionalData = additional }
        if let language = values["alt-language"] {
            guard language.utf8.count == 2, language.utf8.allSatisfy({ $0 &- 0x41 < 26 || $0 &- 0x61 < 26 }) else {
                throw MerchantQRFieldError(key: "alt-language", reason: "\"\(language)\" is not two letters (zh, ru)")
            }
            guard let alternateName = values["alt-name"] else {
                throw MerchantQRFieldError(key: "alt-name", reason: "is required with --alt-language")
            }
            qr.alternateLanguage = MerchantInformationLanguage(
                languagePreference: language.uppercased(), merchantName: alternateName,
                merchantCity: values["alt-city"])
        } else if values["alt-name"] != nil || values["alt-city"] != nil {
            throw MerchantQRFieldError(key: "alt-language", reason: "is required with --alt-name and --alt-city")
        }
        do {
            let text = try qr.encoded()
            return MerchantQRPayload(format: .emv, text: text, bytes: Array(text.utf8))
        } catch {
            if case .cannotEncode(let tag, let reason) = error, tag == "62" {
                throw MerchantQRFieldError(key: "bill", reason: "bill, store, terminal, reference and purpose: \(reason)")
            }
            throw MerchantQRFieldError.from(error, keys: Self.keyByTag)
        }
    }

    /// Tags 02–51 from `network` or `template-id`/`guid`, with `account`.
    private func merchantAccount() throws(MerchantQRFieldError) -> MerchantAccountInformation {
        let networkText = values["network"]
        let templateText = values["template-id"]
        guard (networkText == nil) != (templateText == nil) else {
            let reason = networkText == nil ? "give --network or --template-id" : "give only one of them"
            throw MerchantQRFieldError(key: "network", reason: reason)
        }
        let account = try required("account")
        if let networkText {
            guard let network = EMVNetworkName(rawValue: networkText.lowercased()) else {
                let names = EMVNetworkName.allCases.map(\.rawValue).joined(separator: ", ")
                throw MerchantQRFieldError(key: "network", reason: "\"\(networkText)\" is not one of \(names)")
            }
            if values["guid"] != nil {
                throw MerchantQRFieldError(key: "guid", reason: "applies to --template-id only")
            }
            do {
                return try network.account(account)
            } catch {
                throw MerchantQRFieldError(key: "account", reason: Self.reason(error))
            }
        }
        guard let templateText, let id = UInt8(templateText), (26...51).contains(id) else {
            throw MerchantQRFieldError(key: "template-id", reason: "\"\(templateText ?? "")\" is not 26 to 51")
        }
        let guid = try required("guid")
        do {
            return try .template(id: id, globallyUniqueIdentifier: guid, fields: [(id: UInt8(1), value: account)])
        } catch {
            let isGUID = error.tag?.hasSuffix(".00") ?? false
            throw MerchantQRFieldError(key: isGUID ? "guid" : "account", reason: Self.reason(error))
        }
    }

    private func required(_ key: String) throws(MerchantQRFieldError) -> String {
        guard let value = values[key] else { throw MerchantQRFieldError(key: key, reason: "is required") }
        return value
    }

    /// An exact amount in the currency; zero and negative amounts are refused.
    static func money(_ text: String, currency: Currency, key: String) throws(MerchantQRFieldError) -> Money {
        let money: Money
        do {
            money = try Money(decimal: text, currency: currency)
        } catch {
            throw MerchantQRFieldError(key: key, reason: error.description)
        }
        guard money.minorUnits > 0 else {
            throw MerchantQRFieldError(key: key, reason: "\"\(text)\" is not a positive amount")
        }
        return money
    }

    /// `prompt`, `fixed AMOUNT` or `percent P` (a space, `:` or `=` between the words).
    static func tip(_ text: String, currency: Currency) throws(MerchantQRFieldError) -> TipOrConvenienceIndicator {
        let words = text.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "=" }).map(String.init)
        switch (words.first?.lowercased(), words.count) {
        case ("prompt", 1):
            return .promptForTip
        case ("fixed", 2):
            return .convenienceFeeFixed(try money(words[1], currency: currency, key: "tip"))
        case ("percent", 2):
            return .convenienceFeePercentage(words[1])
        default:
            throw MerchantQRFieldError(key: "tip", reason: "\"\(text)\" is not prompt, fixed AMOUNT or percent P")
        }
    }

    private static func reason(_ error: MerchantQRError) -> String {
        if case .cannotEncode(_, let reason) = error { return reason }
        return error.description
    }
}

/// The payment networks `--network` names, and where each puts `--account` (EMV QRCPS MPM 4.3).
enum EMVNetworkName: String, CaseIterable, Sendable {
    /// Tag 02, the Visa merchant identifier.
    case visa
    /// Tag 04, the Mastercard merchant identifier.
    case mastercard
    /// Tag 09.
    case discover
    /// Tag 11.
    case amex
    /// Tag 13.
    case jcb
    /// Tag 15, the UnionPay merchant identifier.
    case unionpay
    /// Template 27 with GUID `com.alipay`; `--account` is the payment URL.
    case alipay
    /// Template 26 with GUID `br.gov.bcb.pix`; `--account` is the PIX key.
    case pix
    /// Template 29 with the PromptPay AID; `--account` is a Thai mobile number.
    case promptpay
    /// Template 51 with GUID `ID.CO.QRIS.WWW`; `--account` is the NMID.
    case qris

    /// The merchant account information for an identifier.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    func account(_ identifier: String) throws(MerchantQRError) -> MerchantAccountInformation {
        switch self {
        case .visa: try .primitive(id: 2, merchantIdentifier: identifier)
        case .mastercard: try .primitive(id: 4, merchantIdentifier: identifier)
        case .discover: try .primitive(id: 9, merchantIdentifier: identifier)
        case .amex: try .primitive(id: 11, merchantIdentifier: identifier)
        case .jcb: try .primitive(id: 13, merchantIdentifier: identifier)
        case .unionpay: try .unionPay(merchantIdentifier: identifier)
        case .alipay: try .alipay(paymentURL: identifier)
        case .pix: try .pix(key: identifier)
        case .promptpay: try .promptPay(mobileNumber: identifier)
        case .qris: try .qris(nationalMerchantIdentifier: identifier)
        }
    }
}
