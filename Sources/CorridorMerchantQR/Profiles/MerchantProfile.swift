import CorridorCore

/// A sample merchant as `Samples/merchants.json` describes it, from which the demo and the CLI make payloads.
///
/// The file is `{"merchants": [ … ]}`; each merchant has:
/// - `id`, `description`: a short key and a sentence for people.
/// - `format`: `"emv"`, `"sbp"` or `"gost"`.
/// - `name`, `city`, `country` (alpha-2), `mcc` (4 digits), `currency` (alpha code), `amount` (decimal text,
///   optional; makes EMV codes dynamic). SBP and GOST are always RUB.
/// - `emv` (for format emv): `unionPay` (tag 15 identifier, optional), `networks` (optional list of
///   `{"tag": 26…51, "guid": "…", "fields": {"01": "…"}}`), `alternateLanguage` (optional
///   `{"language": "ZH", "name": "…", "city": "…"}`), `additionalData` (optional map of `billNumber`,
///   `mobileNumber`, `storeLabel`, `loyaltyNumber`, `referenceLabel`, `customerLabel`, `terminalLabel`,
///   `purpose`).
/// - `sbp` (for format sbp): `identifier` (32 characters), `type` (`"01"` or `"02"`), `bank` (12 digits).
/// - `gost` (for format gost): `encoding` (1, 2 or 3), `separator` (optional, `|`), `personalAccount`,
///   `bankName`, `bic`, `correspondentAccount`, `payeeINN`, `kpp`, `purpose` (the last three optional).
public struct MerchantProfile: Sendable, Hashable, Codable {
    /// A short unique key, e.g. `beijing-restaurant`.
    public var id: String
    /// One sentence for people.
    public var description: String?
    /// Which payload the merchant shows.
    public var format: MerchantQRFormat
    /// The merchant or payee name (EMV: Latin, ≤25).
    public var name: String
    /// The city (EMV: Latin, ≤15).
    public var city: String?
    /// The country, ISO 3166 alpha-2.
    public var country: String?
    /// The merchant category code, four digits.
    public var mcc: String?
    /// The currency, ISO 4217 alpha code.
    public var currency: String?
    /// A fixed amount as decimal text.
    public var amount: String?
    /// EMV specifics.
    public var emv: EMVProfile?
    /// SBP specifics.
    public var sbp: SBPProfile?
    /// GOST specifics.
    public var gost: GOSTProfile?

    /// The EMV part of a profile.
    public struct EMVProfile: Sendable, Hashable, Codable {
        /// The UnionPay identifier for tag 15.
        public var unionPay: String?
        /// Templates 26–51.
        public var networks: [NetworkTemplate]?
        /// Tag 64.
        public var alternateLanguage: AlternateLanguage?
        /// Tag 62 by property name.
        public var additionalData: [String: String]?
    }

    /// A merchant account template with a globally unique identifier.
    public struct NetworkTemplate: Sendable, Hashable, Codable {
        /// The tag, 26...51.
        public var tag: Int
        /// Sub-ID 00.
        public var guid: String
        /// Sub-IDs (two digits) to values; written in ascending sub-ID order.
        public var fields: [String: String]
    }

    /// Tag 64 in a profile.
    public struct AlternateLanguage: Sendable, Hashable, Codable {
        /// Two letters, e.g. `ZH`, `RU`.
        public var language: String
        /// The name in that language.
        public var name: String
        /// The city in that language.
        public var city: String?
    }

    /// The SBP part of a profile.
    public struct SBPProfile: Sendable, Hashable, Codable {
        /// The 32-character QR code id.
        public var identifier: String
        /// `01` static or `02` dynamic.
        public var type: String
        /// The 12-digit member id of the merchant's bank.
        public var bank: String
    }

    /// The GOST part of a profile.
    public struct GOSTProfile: Sendable, Hashable, Codable {
        /// 1 windows-1251, 2 UTF-8, 3 KOI8-R.
        public var encoding: Int
        /// The separator, `|` by default.
        public var separator: String?
        /// PersonalAcc.
        public var personalAccount: String
        /// BankName.
        public var bankName: String
        /// BIC.
        public var bic: String
        /// CorrespAcc.
        public var correspondentAccount: String
        /// PayeeINN.
        public var payeeINN: String?
        /// KPP.
        public var kpp: String?
        /// Purpose.
        public var purpose: String?
    }
}
