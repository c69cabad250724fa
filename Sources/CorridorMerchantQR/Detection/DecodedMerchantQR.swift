import CorridorCore

/// A payload of any supported format, decoded: the typed value plus a flat, format-neutral view for printing.
///
/// The CLI prints it as JSON: `format`, `objects` (ordered path → value), `merchant` (`name`, `city`, `country`),
/// `mcc`, `currency` (alpha code) and `amount` (decimal string) where present.
public struct DecodedMerchantQR: Sendable, Hashable {
    /// Which format the payload is in.
    public let format: MerchantQRFormat
    /// Every data object or field in payload order: EMV tag paths (`"62.05"`) or SBP/GOST names (`"bank"`, `"Name"`).
    public let objects: [MerchantQRObject]
    /// The merchant or payee name: EMV tag 59, GOST Name; nil for SBP links, which carry none.
    public let merchantName: String?
    /// The merchant city: EMV tag 60.
    public let merchantCity: String?
    /// The merchant country: EMV tag 58; Russia for SBP and GOST.
    public let country: Country?
    /// The merchant category code: EMV tag 52.
    public let merchantCategoryCode: MerchantCategoryCode?
    /// The currency: EMV tag 53; RUB for SBP and GOST.
    public let currency: Currency?
    /// The amount: EMV tag 54, SBP sum, GOST Sum.
    public let amount: Money?
    /// For EMV, how lengths were counted.
    public let lengthCounting: EMVLengthCounting?
    /// The typed EMV value (nil for other formats, and for EMV decoded with ``MerchantQRDecoder/Validation/structural``
    /// when the payload breaks a mandatory-tag rule).
    public let emv: MerchantPresentedQR?
    /// The EMV payload at the TLV level.
    public let emvPayload: EMVPayload?
    /// The SBP link.
    public let sbp: SBPLink?
    /// The GOST payment order.
    public let gost: GOSTPaymentOrder?

    /// The alternate-language merchant name (EMV tag 64.01), when present.
    public var alternateMerchantName: String? { emv?.alternateLanguage?.merchantName }

    /// Wraps an EMV payload.
    init(emvPayload: EMVPayload, typed: MerchantPresentedQR?) {
        format = .emv
        objects = emvPayload.flattenedObjects
        merchantName = typed?.merchantName ?? emvPayload[59]?.value
        merchantCity = typed?.merchantCity ?? emvPayload[60]?.value
        country = typed?.country ?? emvPayload[58].flatMap { Country(code: $0.value) }
        merchantCategoryCode =
            typed?.merchantCategoryCode ?? emvPayload[52].flatMap { MerchantCategoryCode(text: $0.value) }
        let currency = typed?.currency ?? emvPayload[53].flatMap { Currency(numericText: $0.value) }
        self.currency = currency
        amount = typed?.amount ?? emvPayload[54].flatMap { object in
            currency.flatMap { try? Money(decimal: object.value, currency: $0) }
        }
        lengthCounting = emvPayload.lengthCounting
        emv = typed
        self.emvPayload = emvPayload
        sbp = nil
        gost = nil
    }

    /// Wraps an SBP link.
    init(sbp link: SBPLink) {
        format = .sbp
        objects = link.flattenedObjects
        merchantName = nil
        merchantCity = nil
        country = .russia
        merchantCategoryCode = nil
        currency = .rub
        amount = link.amount
        lengthCounting = nil
        emv = nil
        emvPayload = nil
        sbp = link
        gost = nil
    }

    /// Wraps a GOST payment order.
    init(gost order: GOSTPaymentOrder) {
        format = .gost
        objects = order.fields.map { MerchantQRObject(path: $0.key, value: $0.value) }
        merchantName = order.name
        merchantCity = nil
        country = .russia
        merchantCategoryCode = nil
        currency = .rub
        amount = order.sum
        lengthCounting = nil
        emv = nil
        emvPayload = nil
        sbp = nil
        gost = order
    }
}
