import CorridorCore
import Foundation

/// A firm price for paying a merchant in one currency from a payer's account in another, valid until
/// ``expiresAt`` (DESIGN.md §1 step 4).
///
/// Guarantees: `payerAmount ≥ midPayerAmount`; `margin = payerAmount − midPayerAmount ≥ 0`, in the payer's
/// currency; `payerAmount` is the exact conversion at the customer rate rounded up, `midPayerAmount` the exact
/// conversion at the mid rate rounded half up (see ``FXQuoter``). The rate texts are computed when read, not when
/// quoting.
public struct FXQuote: Sendable, Hashable {
    /// The quote id, as the trail shows it.
    public let id: String
    /// The currency the payer pays in.
    public let payerCurrency: Currency
    /// What the merchant is owed, in the merchant's currency.
    public let payeeAmount: Money
    /// What the payer pays, spread included, rounded up.
    public let payerAmount: Money
    /// What the payer would pay at the mid rate, rounded half up.
    public let midPayerAmount: Money
    /// `payerAmount − midPayerAmount`: the FX provider's earnings, in the payer's currency.
    public let margin: Money
    /// The spread applied, in basis points of the mid rate.
    public let spreadBps: Int
    /// How the rate was found.
    public let route: FXRoute
    /// The participant whose spread applied, when the quote was for one.
    public let participant: ParticipantID?
    /// When the quote was made.
    public let createdAt: Date
    /// The first moment the quote is no longer valid.
    public let expiresAt: Date
    /// Payer units per one payee unit at mid (major units), exact.
    let midRate: FXRatio

    /// The merchant's currency.
    public var payeeCurrency: Currency { payeeAmount.currency }

    /// Whether the quote can no longer be used: true from ``expiresAt`` on.
    public func isExpired(at now: Date) -> Bool { now >= expiresAt }

    /// Checks that the quote can still be used.
    /// - Parameter now: the moment of use.
    /// - Throws: ``FXError/quoteExpired(id:expiredAt:)`` from ``expiresAt`` on.
    public func checkUsable(at now: Date) throws(FXError) {
        guard !isExpired(at: now) else { throw .quoteExpired(id: id, expiredAt: expiresAt) }
    }

    /// The mid rate, payer units per one payee unit, 6 decimals, rounded half up: "12.640000".
    public var midRateText: String { midRate.decimalText(fractionDigits: 6, rounding: .halfUp) }

    /// The customer rate (mid × (10000 + spread) / 10000), payer units per one payee unit, 6 decimals, rounded
    /// down, so the payee amount at this rate never exceeds ``payerAmount``: "12.741120".
    public var customerRateText: String {
        midRate.decimalText(fractionDigits: 6, spreadBps: spreadBps, rounding: .down)
    }
}
