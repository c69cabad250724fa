import CorridorCore
import Foundation

/// Why a currency conversion was refused: an operating error handled as a value by the gateway, never a trap.
///
/// No case carries a PAN or any other sensitive datum, so `description` may go into logs and the trail.
public enum FXError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rate book has no direct pair and no cross through a third currency between the two currencies.
    case pairUnavailable(from: Currency, to: Currency)
    /// A conversion was asked for an amount that is zero or negative.
    case amountInvalid(Money)
    /// An intermediate or the result does not fit (a result must fit `Int64` minor units).
    case overflow
    /// A quote was used at or after the moment it expired.
    case quoteExpired(id: String, expiredAt: Date)
    /// A rate text that is not a positive decimal with at most 12 significant digits and 10 decimals.
    case rateInvalid(String)
    /// A spread or markup outside 0...``FXRateBook/spreadBpsMax`` basis points.
    case spreadInvalid(bps: Int)
    /// A pair whose two sides are the same currency, where a conversion is needed (a rate, a DCC offer).
    case conversionNotNeeded(Currency)

    /// A one-line reason for logs and the trail.
    public var description: String {
        switch self {
        case .pairUnavailable(let from, let to): "no FX rate from \(from.alphaCode) to \(to.alphaCode)"
        case .amountInvalid(let amount): "amount \(amount) must be positive"
        case .overflow: "FX conversion overflows"
        case .quoteExpired(let id, let expiredAt):
            "FX quote \(id) expired at \(expiredAt.timeIntervalSince1970) s (Unix time)"
        case .rateInvalid(let text):
            "FX rate \"\(text)\" is not a positive decimal (≤12 significant digits, ≤10 decimals)"
        case .spreadInvalid(let bps): "spread \(bps) bps is outside 0...\(FXRateBook.spreadBpsMax)"
        case .conversionNotNeeded(let currency): "\(currency.alphaCode) to \(currency.alphaCode) needs no conversion"
        }
    }
}
