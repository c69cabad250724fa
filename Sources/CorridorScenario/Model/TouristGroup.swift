import CorridorCore

/// A group of tourists (`population:` in a scenario file): where they come from, how many, how they pay, how much
/// money each has and what they buy.
///
/// Guarantees: instrument shares and spending shares are basis points summing to 10,000; every basket's range is
/// positive, `min ≤ max` and in one currency; `size` is 1…``sizeMax``.
public struct TouristGroup: Sendable, Hashable {
    /// How a tourist pays.
    public enum Instrument: String, Sendable, Hashable, CaseIterable, Codable {
        /// A Mir card (ISO 8583 to the issuer host).
        case mirCard = "mir_card"
        /// A UnionPay card.
        case unionPayCard = "unionpay_card"
        /// A bank app scanning the merchant's EMV or SBP code.
        case bankQR = "bank_qr"
        /// A digital-ruble wallet app scanning the merchant's code (paid on the platform).
        case cbdcWallet = "cbdc_wallet"

        /// True for the card instruments.
        public var isCard: Bool { self == .mirCard || self == .unionPayCard }
    }

    /// One instrument and its share of the group, in basis points.
    public struct InstrumentShare: Sendable, Hashable {
        /// The instrument.
        public let instrument: Instrument
        /// Its share, 0…10,000.
        public let shareBps: Int
    }

    /// What the group buys in one merchant category: its share of payments and the basket (price) range.
    public struct Spending: Sendable, Hashable {
        /// The merchant category code.
        public let merchantCategoryCode: Int
        /// The share of the group's payments, 0…10,000 basis points.
        public let shareBps: Int
        /// The smallest basket, in the merchants' currency.
        public let basketMin: Money
        /// The largest basket.
        public let basketMax: Money
    }

    /// The group's id (used in payer references).
    public let id: String
    /// Where its tourists live.
    public let home: Country
    /// How many tourists.
    public let size: Int
    /// What each tourist starts with (on the card, the bank account or, for wallets, the deposit converted at start).
    public let balance: Money
    /// The bank that issues their cards and runs their bank app (a directory participant).
    public let bank: String
    /// The digital-ruble platform bank that opens their wallets (needed for `cbdc_wallet`).
    public let walletBank: String?
    /// The instruments and their shares.
    public let instruments: [InstrumentShare]
    /// What they buy.
    public let spending: [Spending]
    /// The share of card payments where the tourist accepts dynamic currency conversion, basis points.
    public let dccBps: Int
    /// The line of the group in the file.
    public let line: Int?

    /// The most tourists one group may have.
    public static let sizeMax = 1_000_000

    /// Creates a group from checked parts.
    public init(
        id: String, home: Country, size: Int, balance: Money, bank: String, walletBank: String?,
        instruments: [InstrumentShare], spending: [Spending], dccBps: Int, line: Int?
    ) {
        self.id = id
        self.home = home
        self.size = size
        self.balance = balance
        self.bank = bank
        self.walletBank = walletBank
        self.instruments = instruments
        self.spending = spending
        self.dccBps = dccBps
        self.line = line
    }
}
