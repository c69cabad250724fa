import CorridorCore
import Foundation

/// A dynamic currency conversion offer: a card purchase priced in the card's home currency, so the tourist sees
/// what their account will be charged.
///
/// The amounts follow the quoter's rules with the markup as the spread: `homeAmount` is the exact conversion at
/// mid × (10000 + markup) / 10000 rounded up, `midHomeAmount` the exact conversion at mid rounded half up, and
/// `markup = homeAmount − midHomeAmount ≥ 0`. The disclosure states the amount, the rate and the markup over the
/// mid rate, and that the cardholder may pay in the local currency instead, as DCC rules require.
public struct DCCOffer: Sendable, Hashable {
    /// The offer id, as the trail shows it.
    public let id: String
    /// The price in the merchant's (local) currency.
    public let localAmount: Money
    /// What the card would be charged in its home currency, markup included, rounded up.
    public let homeAmount: Money
    /// The same at the mid rate, rounded half up.
    public let midHomeAmount: Money
    /// The markup over the mid rate, in basis points.
    public let markupBps: Int
    /// `homeAmount − midHomeAmount`, in the home currency.
    public let markup: Money
    /// How the rate was found.
    public let route: FXRoute
    /// When the offer was made.
    public let createdAt: Date
    /// The first moment the offer is no longer valid.
    public let expiresAt: Date
    /// Home units per one local unit at mid (major units), exact.
    let midRate: FXRatio

    /// Whether the offer can no longer be accepted: true from ``expiresAt`` on.
    public func isExpired(at now: Date) -> Bool { now >= expiresAt }

    /// The offered rate, home units per one local unit, markup included, 6 decimals, rounded down: "12.892800".
    public var rateText: String { midRate.decimalText(fractionDigits: 6, spreadBps: markupBps, rounding: .down) }

    /// The mid rate, home units per one local unit, 6 decimals, rounded half up.
    public var midRateText: String { midRate.decimalText(fractionDigits: 6, rounding: .halfUp) }

    /// What the cardholder is shown: "CNY 100.00 = RUB 1,289.28 at 12.892800 RUB per CNY, including a 2.00% markup
    /// over the mid rate; you may pay in CNY instead".
    public var disclosure: String {
        let local = localAmount.currency.alphaCode
        let home = homeAmount.currency.alphaCode
        let percent = "\(markupBps / 100).\(markupBps % 100 < 10 ? "0" : "")\(markupBps % 100)"
        return "\(local) \(DCCOffer.grouped(localAmount)) = \(home) \(DCCOffer.grouped(homeAmount)) at \(rateText) "
            + "\(home) per \(local), including a \(percent)% markup over the mid rate; you may pay in \(local) instead"
    }

    /// The decimal text with a comma between thousands: "1,289.28", "192,266".
    static func grouped(_ amount: Money) -> String {
        let text = amount.decimalText
        let sign = text.hasPrefix("-") ? "-" : ""
        let unsigned = text.drop { $0 == "-" }
        let point = unsigned.firstIndex(of: ".") ?? unsigned.endIndex
        let whole = Array(unsigned[..<point])
        var grouped = ""
        for (offset, digit) in whole.enumerated() {
            if offset > 0, (whole.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return sign + grouped + unsigned[point...]
    }
}
