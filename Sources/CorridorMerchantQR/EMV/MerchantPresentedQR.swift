import CorridorCore

/// An EMVCo merchant-presented QR code as typed values (EMV QRCPS Merchant-Presented Mode 1.1).
///
/// Build one with ``init(merchantName:merchantCity:country:merchantCategoryCode:currency:merchantAccounts:)`` and
/// the optional properties, write it with ``encoded()``, read one with ``init(decoding:)``.
///
/// Guarantees for a value returned by ``init(decoding:)`` (and required by ``encoded()``): at least one merchant
/// account (tags 02–51); `merchantName` is 1...25 and `merchantCity` 1...15 characters of the EMV common character
/// set; `amount`, when present, is in `currency` and fits 13 characters; tags 65–99 are kept in ``otherObjects``
/// in payload order. Re-encoding writes tags in ascending order (merchant accounts and ``otherObjects`` in their
/// own order), so a decoded payload whose tags were out of order re-encodes to a different, equivalent text.
public struct MerchantPresentedQR: Sendable, Hashable {
    /// The longest merchant name (tag 59), in characters.
    public static let merchantNameLengthMax = 25
    /// The longest merchant city (tag 60), in characters.
    public static let merchantCityLengthMax = 15
    /// The longest amount text (tags 54 and 56), in characters.
    public static let amountTextLengthMax = 13

    /// 01: static or dynamic; nil when the payload omits tag 01 (PIX static codes do).
    public var pointOfInitiation: PointOfInitiation?
    /// 02–51: the networks and wallets that accept the payment, in payload order.
    public var merchantAccounts: [MerchantAccountInformation]
    /// 52: the merchant category code.
    public var merchantCategoryCode: MerchantCategoryCode
    /// 53: the transaction currency.
    public var currency: Currency
    /// 54: the amount, exact in the currency's minor units; nil lets the payer enter it.
    public var amount: Money?
    /// 55–57: tip prompt or convenience fee.
    public var tipOrConvenienceIndicator: TipOrConvenienceIndicator?
    /// 58: the merchant's country.
    public var country: Country
    /// 59: the merchant name in the EMV common character set.
    public var merchantName: String
    /// 60: the merchant city in the EMV common character set.
    public var merchantCity: String
    /// 61: the postal code.
    public var postalCode: String?
    /// 62: bill number, store, terminal, reference and purpose.
    public var additionalData: AdditionalDataField?
    /// 64: name and city in another language and script.
    public var alternateLanguage: MerchantInformationLanguage?
    /// 65–99: reserved and unreserved templates, in payload order.
    public var otherObjects: [EMVDataObject]

    /// Creates a static QR code with the mandatory data; set the optional properties afterwards.
    /// - Parameters:
    ///   - merchantName: tag 59.
    ///   - merchantCity: tag 60.
    ///   - country: tag 58.
    ///   - merchantCategoryCode: tag 52.
    ///   - currency: tag 53.
    ///   - merchantAccounts: tags 02–51, at least one.
    public init(
        merchantName: String, merchantCity: String, country: Country, merchantCategoryCode: MerchantCategoryCode,
        currency: Currency, merchantAccounts: [MerchantAccountInformation]
    ) {
        self.pointOfInitiation = .staticQR
        self.merchantAccounts = merchantAccounts
        self.merchantCategoryCode = merchantCategoryCode
        self.currency = currency
        self.amount = nil
        self.tipOrConvenienceIndicator = nil
        self.country = country
        self.merchantName = merchantName
        self.merchantCity = merchantCity
        self.postalCode = nil
        self.additionalData = nil
        self.alternateLanguage = nil
        self.otherObjects = []
    }

    /// Creates a value from decoded parts; the decoder has already checked every rule.
    init(
        pointOfInitiation: PointOfInitiation?, merchantAccounts: [MerchantAccountInformation],
        merchantCategoryCode: MerchantCategoryCode, currency: Currency, amount: Money?,
        tipOrConvenienceIndicator: TipOrConvenienceIndicator?, country: Country, merchantName: String,
        merchantCity: String, postalCode: String?, additionalData: AdditionalDataField?,
        alternateLanguage: MerchantInformationLanguage?, otherObjects: [EMVDataObject]
    ) {
        self.pointOfInitiation = pointOfInitiation
        self.merchantAccounts = merchantAccounts
        self.merchantCategoryCode = merchantCategoryCode
        self.currency = currency
        self.amount = amount
        self.tipOrConvenienceIndicator = tipOrConvenienceIndicator
        self.country = country
        self.merchantName = merchantName
        self.merchantCity = merchantCity
        self.postalCode = postalCode
        self.additionalData = additionalData
        self.alternateLanguage = alternateLanguage
        self.otherObjects = otherObjects
    }

    /// Makes the code dynamic (tag 01 = 12) with a fixed amount, as a till does for one sale.
    /// - Parameters:
    ///   - amount: the amount; its currency replaces ``currency``.
    public func withAmount(_ amount: Money) -> MerchantPresentedQR {
        var copy = self
        copy.pointOfInitiation = .dynamicQR
        copy.currency = amount.currency
        copy.amount = amount
        return copy
    }
}
