import CorridorCore

/// The outcome of multilateral netting: per currency, every participant's net position and the totals that prove
/// the netting balanced.
///
/// Guarantees: currencies are in ISO 4217 alphabetic order and appear once; within a currency the positions are
/// sorted by participant id and each participant appears once; every total was computed with checked arithmetic.
public struct NettingResult: Sendable, Hashable {
    /// The netting of one currency.
    public struct CurrencyNetting: Sendable, Hashable {
        /// The currency.
        public let currency: Currency
        /// Every participant named by an obligation in this currency, sorted by participant id.
        public let positions: [NetPosition]
        /// How many obligations were netted.
        public let obligationCount: Int
        /// Sum of all obligation amounts (what would move without netting), in minor units.
        public let grossTotal: Int64
        /// Sum of the positive net positions (what is paid in, and equally what is paid out), in minor units.
        public let netTotal: Int64
        /// Sum of all net positions; zero when the netting balanced (it always does unless the code is wrong).
        public let owesSum: Int64

        /// Creates a currency's netting.
        public init(currency: Currency, positions: [NetPosition], obligationCount: Int, grossTotal: Int64,
                    netTotal: Int64, owesSum: Int64) {
            self.currency = currency
            self.positions = positions
            self.obligationCount = obligationCount
            self.grossTotal = grossTotal
            self.netTotal = netTotal
            self.owesSum = owesSum
        }

        /// True when the positions sum to zero: whatever is paid in is paid out.
        public var isBalanced: Bool { owesSum == 0 }
    }

    /// The currencies, in ISO 4217 alphabetic order.
    public let currencies: [CurrencyNetting]
    /// How many items were netted.
    public let itemCount: Int

    /// Creates a result.
    public init(currencies: [CurrencyNetting], itemCount: Int) {
        self.currencies = currencies
        self.itemCount = itemCount
    }

    /// Every position, currency by currency.
    public var positions: [NetPosition] { currencies.flatMap(\.positions) }

    /// True when every currency's positions sum to zero.
    public var isBalanced: Bool { currencies.allSatisfy(\.isBalanced) }

    /// The netting of one currency, when any obligation was in it.
    public func netting(of currency: Currency) -> CurrencyNetting? {
        currencies.first { $0.currency == currency }
    }

    /// A participant's position in a currency, when an obligation named it.
    public func position(of participant: ParticipantID, currency: Currency) -> NetPosition? {
        netting(of: currency)?.positions.first { $0.participant == participant }
    }
}
