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
///
/// The parts live in one immutable, shared box: copying a value is one reference count, not two dozen, and setting
/// a property replaces the box. A value built in code holds its ``Parts``; a decoded value holds its payload text
/// once, with the typed scalars and where each text field lies (``Decoded``), and builds a field's `String` only when
/// the field is read.
public struct MerchantPresentedQR: Sendable, Hashable {
    /// The longest merchant name (tag 59), in characters.
    public static let merchantNameLengthMax = 25
    /// The longest merchant city (tag 60), in characters.
    public static let merchantCityLengthMax = 15
    /// The longest amount text (tags 54 and 56), in characters.
    public static let amountTextLengthMax = 13

    /// The shared storage; replaced, never changed, when a property is set.
    private(set) var box: Box

    /// The parts of a value, stored once and shared by its copies.
    struct Parts: Sendable, Hashable {
        var pointOfInitiation: PointOfInitiation?
        var merchantAccounts: [MerchantAccountInformation]
        var merchantCategoryCode: MerchantCategoryCode
        var currency: Currency
        var amount: Money?
        var tipOrConvenienceIndicator: TipOrConvenienceIndicator?
        var country: Country
        var merchantName: String
        var merchantCity: String
        var postalCode: String?
        var additionalData: AdditionalDataField?
        var alternateLanguage: MerchantInformationLanguage?
        var otherObjects: [EMVDataObject]
    }

    /// The shared, immutable storage: a ``PartsBox`` or a ``DecodedBox``. Subclasses rather than an enum, because
    /// reading one property out of an enum payload copied the whole payload first.
    class Box: @unchecked Sendable {
        // Sendable: every subclass is final and holds only `let` properties of Sendable types.
        /// True for a ``DecodedBox``.
        final let isDecoded: Bool

        init(isDecoded: Bool) {
            self.isDecoded = isDecoded
        }
    }

    /// Typed parts, as built in code or after a property of a decoded value was set.
    final class PartsBox: Box, @unchecked Sendable {
        let parts: Parts

        init(_ parts: consuming Parts) {
            self.parts = parts
            super.init(isDecoded: false)
        }
    }

    /// A validated payload, read field by field when asked.
    final class DecodedBox: Box, @unchecked Sendable {
        let decoded: Decoded

        init(_ decoded: consuming Decoded) {
            self.decoded = decoded
            super.init(isDecoded: true)
        }
    }

    /// The box of a value built from parts.
    @inline(__always)
    var partsBox: PartsBox { unsafeDowncast(box, to: PartsBox.self) }

    /// The box of a decoded value.
    @inline(__always)
    var decodedBox: DecodedBox { unsafeDowncast(box, to: DecodedBox.self) }

    /// Every part as typed values (built from the payload for a decoded value).
    var parts: Parts {
        box.isDecoded ? decodedBox.decoded.parts : partsBox.parts
    }

    /// Sets a property: a new box with the change (copy on write without a uniqueness check, as the box is
    /// immutable and so `Sendable` without locks).
    private mutating func update(_ change: (inout Parts) -> Void) {
        var parts = parts
        change(&parts)
        box = PartsBox(parts)
    }

    /// Creates a value around its parts.
    init(parts: consuming Parts) {
        box = PartsBox(parts)
    }

    /// Creates a value around a validated payload.
    init(decoded: consuming Decoded) {
        box = DecodedBox(decoded)
    }

    /// Creates a value around a box built by the decoder.
    init(box: DecodedBox) {
        self.box = box
    }

    /// 01: static or dynamic; nil when the payload omits tag 01 (PIX static codes do).
    public var pointOfInitiation: PointOfInitiation? {
        get { box.isDecoded ? decodedBox.decoded.pointOfInitiation : partsBox.parts.pointOfInitiation }
        set { update { $0.pointOfInitiation = newValue } }
    }
    /// 02–51: the networks and wallets that accept the payment, in payload order.
    public var merchantAccounts: MerchantAccountList {
        get {
            box.isDecoded
                ? MerchantAccountList(decoded: decodedBox) : MerchantAccountList(partsBox.parts.merchantAccounts)
        }
        set { update { $0.merchantAccounts = newValue.array } }
    }
    /// 52: the merchant category code.
    public var merchantCategoryCode: MerchantCategoryCode {
        get { box.isDecoded ? decodedBox.decoded.merchantCategoryCode : partsBox.parts.merchantCategoryCode }
        set { update { $0.merchantCategoryCode = newValue } }
    }
    /// 53: the transaction currency.
    public var currency: Currency {
        get { box.isDecoded ? decodedBox.decoded.currency : partsBox.parts.currency }
        set { update { $0.currency = newValue } }
    }
    /// 54: the amount, exact in the currency's minor units; nil lets the payer enter it.
    public var amount: Money? {
        get { box.isDecoded ? decodedBox.decoded.amount : partsBox.parts.amount }
        set { update { $0.amount = newValue } }
    }
    /// 55–57: tip prompt or convenience fee.
    public var tipOrConvenienceIndicator: TipOrConvenienceIndicator? {
        get { box.isDecoded ? decodedBox.decoded.tipOrConvenienceIndicator : partsBox.parts.tipOrConvenienceIndicator }
        set { update { $0.tipOrConvenienceIndicator = newValue } }
    }
    /// 58: the merchant's country.
    public var country: Country {
        get { box.isDecoded ? decodedBox.decoded.country : partsBox.parts.country }
        set { update { $0.country = newValue } }
    }
    /// 59: the merchant name in the EMV common character set.
    public var merchantName: String {
        get { box.isDecoded ? decodedBox.decoded.merchantName : partsBox.parts.merchantName }
        set { update { $0.merchantName = newValue } }
    }
    /// 60: the merchant city in the EMV common character set.
    public var merchantCity: String {
        get { box.isDecoded ? decodedBox.decoded.merchantCity : partsBox.parts.merchantCity }
        set { update { $0.merchantCity = newValue } }
    }
    /// 61: the postal code.
    public var postalCode: String? {
        get { box.isDecoded ? decodedBox.decoded.postalCode : partsBox.parts.postalCode }
        set { update { $0.postalCode = newValue } }
    }
    /// 62: bill number, store, terminal, reference and purpose.
    public var additionalData: AdditionalDataField? {
        get { box.isDecoded ? decodedBox.decoded.additionalData : partsBox.parts.additionalData }
        set { update { $0.additionalData = newValue } }
    }
    /// 64: name and city in another language and script.
    public var alternateLanguage: MerchantInformationLanguage? {
        get { box.isDecoded ? decodedBox.decoded.alternateLanguage : partsBox.parts.alternateLanguage }
        set { update { $0.alternateLanguage = newValue } }
    }
    /// 65–99: reserved and unreserved templates, in payload order.
    public var otherObjects: [EMVDataObject] {
        get { box.isDecoded ? decodedBox.decoded.otherObjects : partsBox.parts.otherObjects }
        set { update { $0.otherObjects = newValue } }
    }

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
        box = PartsBox(Parts(
            pointOfInitiation: .staticQR, merchantAccounts: merchantAccounts, merchantCategoryCode: merchantCategoryCode,
            currency: currency, amount: nil, tipOrConvenienceIndicator: nil, country: country,
            merchantName: merchantName, merchantCity: merchantCity, postalCode: nil, additionalData: nil,
            alternateLanguage: nil, otherObjects: []))
    }

    /// Makes the code dynamic (tag 01 = 12) with a fixed amount, as a till does for one sale.
    /// - Parameters:
    ///   - amount: the amount; its currency replaces ``currency``.
    public func withAmount(_ amount: Money) -> MerchantPresentedQR {
        var copy = self
        copy.update { parts in
            parts.pointOfInitiation = .dynamicQR
            parts.currency = amount.currency
            parts.amount = amount
        }
        return copy
    }

    /// True when both have the same parts, however they are held.
    /// - Parameters:
    ///   - lhs: a value.
    ///   - rhs: another value.
    public static func == (lhs: MerchantPresentedQR, rhs: MerchantPresentedQR) -> Bool {
        lhs.box === rhs.box || lhs.parts == rhs.parts
    }

    /// Hashes the parts.
    /// - Parameters:
    ///   - hasher: the hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(parts)
    }
}

extension MerchantPresentedQR: CustomReflectable {
    /// The parts as the struct's own children, so that printing and debugging show the fields, not the box.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: parts).children, displayStyle: .struct)
    }
}
