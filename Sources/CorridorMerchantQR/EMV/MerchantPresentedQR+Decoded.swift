import CorridorCore

extension MerchantPresentedQR {
    /// A decoded value as it is stored: the validated payload once, the typed scalars, and where each text field
    /// lies. A field's `String` is built when the field is read, so decoding allocates no strings and freeing the
    /// value releases one payload.
    ///
    /// Guarantees: `text` passed ``MerchantPresentedQR/init(decoding:)``, so every range lies inside it and reading
    /// a range or a template's children again cannot fail.
    struct Decoded: Sendable {
        /// The payload text, as decoded.
        let text: String
        /// How its length fields counted.
        let counting: EMVLengthCounting
        /// True when every byte of `text` is ASCII.
        let isASCII: Bool
        let pointOfInitiation: PointOfInitiation?
        /// Tags 02–51 as ranges of `text`, in payload order.
        let accountRanges: EMVAccountRanges
        let merchantCategoryCode: MerchantCategoryCode
        let currency: Currency
        let amount: Money?
        let tipOrConvenienceIndicator: TipOrConvenienceIndicator?
        /// Tag 58 as a position in `Country.all`.
        let countryIndex: Int
        let merchantNameRange: EMVValueRange
        let merchantCityRange: EMVValueRange
        let postalCodeRange: EMVValueRange?
        let additionalDataRange: EMVValueRange?
        let alternateLanguageRange: EMVValueRange?
        /// Tags 65–99 as ranges of `text`, in payload order.
        let otherObjects: [EMVDataObject]

        var country: Country { Country.all[countryIndex] }
        /// Merchant account `index` (0..<`accountRanges.count`) as a range of `text`.
        func account(at index: Int) -> MerchantAccountInformation {
            let packed = accountRanges[index]
            let slice = EMVPayloadSlice(
                text: text, valueStart: EMVAccountRanges.start(packed), valueEnd: EMVAccountRanges.end(packed),
                path: EMVTagPath(), counting: counting, isASCII: isASCII,
                isTemplate: EMVAccountRanges.isTemplate(packed))
            return MerchantAccountInformation(
                uncheckedObject: EMVDataObject(id: EMVAccountRanges.id(packed), slice: slice))
        }
        var merchantName: String { string(merchantNameRange) }
        var merchantCity: String { string(merchantCityRange) }
        var postalCode: String? { postalCodeRange.map(string) }
        var additionalData: AdditionalDataField? { additionalDataRange.map { AdditionalDataField(slice: slice($0)) } }
        var alternateLanguage: MerchantInformationLanguage? {
            alternateLanguageRange.map { MerchantInformationLanguage(slice: slice($0)) }
        }

        /// Every part as typed values.
        var parts: Parts {
            Parts(
                pointOfInitiation: pointOfInitiation,
                merchantAccounts: (0..<accountRanges.count).map { account(at: $0) },
                merchantCategoryCode: merchantCategoryCode, currency: currency, amount: amount,
                tipOrConvenienceIndicator: tipOrConvenienceIndicator, country: country, merchantName: merchantName,
                merchantCity: merchantCity, postalCode: postalCode, additionalData: additionalData,
                alternateLanguage: alternateLanguage, otherObjects: otherObjects)
        }

        /// The text of a top-level value.
        private func string(_ range: EMVValueRange) -> String {
            slice(range).string
        }

        /// A top-level value as a slice of `text`.
        private func slice(_ range: EMVValueRange) -> EMVPayloadSlice {
            EMVPayloadSlice(
                text: text, valueStart: range.start, valueEnd: range.end, path: EMVTagPath(), counting: counting,
                isASCII: isASCII, isTemplate: range.isTemplate)
        }
    }
}

/// Where a top-level value lies in a payload's UTF-8 bytes, and whether it parsed as data objects.
struct EMVValueRange: Sendable {
    /// The first byte.
    let start: UInt16
    /// One past the last byte.
    let end: UInt16
    /// True when the value parsed as nested data objects.
    let isTemplate: Bool

    /// The range of `field`'s value (payloads are at most ``EMVPayload/byteCountMax`` bytes).
    init(_ field: EMVField) {
        start = UInt16(truncatingIfNeeded: field.valueStart)
        end = UInt16(truncatingIfNeeded: field.valueEnd)
        isTemplate = field.isTemplate
    }
}
