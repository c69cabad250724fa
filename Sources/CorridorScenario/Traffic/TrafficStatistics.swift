import CorridorCore

/// What the generated traffic did, as counters and histograms only (never one record per payment), so a run of a
/// million payments holds as much as a run of ten. Encoded into `report.json`.
public struct TrafficStatistics: Sendable, Hashable, Codable {
    /// Payments and approvals of one instrument.
    public struct InstrumentCounts: Sendable, Hashable, Codable {
        /// Payments submitted.
        public var payments = 0
        /// Payments approved.
        public var approved = 0
        /// Payments per hour of the day (UTC), 24 entries.
        public var perHour = Array(repeating: 0, count: 24)
    }

    /// Declines with one pair of codes.
    public struct DeclineCounts: Sendable, Hashable, Codable {
        /// ISO 8583 field 39.
        public let iso8583Code: String
        /// ISO 20022 status reason.
        public let iso20022Code: String
        /// The reason's text, as first seen.
        public let text: String
        /// How many.
        public var count: Int
    }

    /// Converted payments of one corridor (payer currency → merchant currency).
    public struct FXCorridor: Sendable, Hashable, Codable {
        /// E.g. `RUB→CNY`.
        public let corridor: String
        /// Approved converted payments.
        public var payments = 0
        /// What payers paid, minor units of the payer currency.
        public var payerMinorUnits: Int64 = 0
        /// What merchants were owed, minor units of the merchant currency.
        public var merchantMinorUnits: Int64 = 0
        /// The payer currency.
        public let payerCurrency: String
        /// The merchant currency.
        public let merchantCurrency: String
    }

    /// Upper bounds of the latency buckets, in microseconds; the last bucket holds everything above.
    public static let latencyBoundsMicroseconds: [Int64] = [
        100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000, 10_000_000,
    ]

    /// By instrument (`mir_card`, `unionpay_card`, `bank_qr`, `cbdc_wallet`).
    public var instruments: [String: InstrumentCounts] = [:]
    /// By `iso8583/iso20022 reason`.
    public var declines: [String: DeclineCounts] = [:]
    /// By corridor.
    public var fx: [String: FXCorridor] = [:]
    /// Payments per latency bucket (one more entry than ``latencyBoundsMicroseconds``).
    public var latencyBuckets = Array(repeating: 0, count: latencyBoundsMicroseconds.count + 1)
    /// Named counters: `reversals`, `delayed`, `bank_offline.declined`, `fx.jumps`, `offline.signed`,
    /// `offline.posted`, `offline.rejected`, `sanctions.declined`, `dcc.accepted`, `offline.conflicts`,
    /// `offline.unfunded`.
    public var counters: [String: Int] = [:]
    /// The simulated day, `YYYY-MM-DD`.
    public var day = ""

    /// Creates empty statistics.
    public init() {}

    /// All payments.
    public var payments: Int { instruments.values.reduce(0) { $0 + $1.payments } }
    /// All approvals.
    public var approved: Int { instruments.values.reduce(0) { $0 + $1.approved } }

    /// Counts one payment.
    mutating func count(instrument: TouristGroup.Instrument, hour: Int, approved: Bool) {
        var counts = instruments[instrument.rawValue] ?? InstrumentCounts()
        counts.payments += 1
        if approved { counts.approved += 1 }
        counts.perHour[hour] += 1
        instruments[instrument.rawValue] = counts
    }

    /// Counts one decline.
    /// Declines are told apart by codes and reason (a bank offline and an issuer not answering are both 91/AB07); past
    /// ``declineKindCountMax`` kinds, new reasons are counted under their codes with the text "other reasons".
    mutating func decline(iso8583: String, iso20022: String, text: String) {
        var key = iso8583 + "/" + iso20022 + " " + text
        var reason = text
        if declines[key] == nil, declines.count >= Self.declineKindCountMax {
            reason = "other reasons"
            key = iso8583 + "/" + iso20022 + " " + reason
        }
        if declines[key] == nil {
            declines[key] = DeclineCounts(iso8583Code: iso8583, iso20022Code: iso20022, text: reason, count: 0)
        }
        declines[key]?.count += 1
    }

    /// The most decline kinds told apart by their text.
    public static let declineKindCountMax = 64

    /// Counts one approved converted payment.
    mutating func convert(payer: Money, merchant: Money) {
        let key = payer.currency.alphaCode + "→" + merchant.currency.alphaCode
        var entry =
            fx[key]
            ?? FXCorridor(
                corridor: key, payerCurrency: payer.currency.alphaCode,
                merchantCurrency: merchant.currency.alphaCode)
        entry.payments += 1
        entry.payerMinorUnits &+= payer.minorUnits
        entry.merchantMinorUnits &+= merchant.minorUnits
        fx[key] = entry
    }

    /// Counts one latency.
    mutating func latency(microseconds: Int64) {
        let bucket =
            Self.latencyBoundsMicroseconds.firstIndex { microseconds < $0 } ?? Self.latencyBoundsMicroseconds.count
        latencyBuckets[bucket] += 1
    }

    /// Adds to a named counter.
    mutating func add(_ name: String, _ amount: Int = 1) { counters[name, default: 0] += amount }
}
