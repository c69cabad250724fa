/// EMV tag 64, the merchant information in an alternate language (EMV QRCPS MPM 4.9): a Chinese or Cyrillic name
/// and city beside the Latin ones in tags 59 and 60.
///
/// Guarantees on values decoded or built here: `languagePreference` is two letters (ISO 639-1, e.g. `ZH`, `RU`);
/// `merchantName` is 1...25 characters and `merchantCity` 1...15, in any script, without control characters.
public struct MerchantInformationLanguage: Sendable, Hashable {
    /// The longest name, in characters.
    public static let merchantNameLengthMax = 25
    /// The longest city, in characters.
    public static let merchantCityLengthMax = 15

    /// 00: the ISO 639-1 language code, two letters.
    public var languagePreference: String
    /// 01: the merchant name in that language.
    public var merchantName: String
    /// 02: the merchant city in that language.
    public var merchantCity: String?
    /// Sub-IDs 03–99 (reserved for future use), in order.
    public var otherObjects: [EMVDataObject]

    /// Creates the template's content.
    /// - Parameters:
    ///   - languagePreference: two letters, e.g. `ZH`.
    ///   - merchantName: the name in that language.
    ///   - merchantCity: the city in that language.
    ///   - otherObjects: sub-IDs 03–99.
    public init(
        languagePreference: String, merchantName: String, merchantCity: String? = nil,
        otherObjects: [EMVDataObject] = []
    ) {
        self.languagePreference = languagePreference
        self.merchantName = merchantName
        self.merchantCity = merchantCity
        self.otherObjects = otherObjects
    }
}
