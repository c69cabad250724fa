import CorridorCore
import Foundation

/// Prices cross-currency payments from an ``FXRateBook`` and participant spreads: quotes for QR and bank-app
/// payments, DCC offers for cards (DESIGN.md §1 step 4).
///
/// Rounding rules, for every pair of exponents (JPY 0, RUB and CNY 2, KWD 3 and any mix):
/// 1. The conversion is exact: a rational in 128-bit integers from the payee amount and the rates (the inverse of a
///    pair is exact; a cross multiplies its two exact rates before any rounding), rounded once.
/// 2. The mid payer amount is rounded half up to the payer currency's minor unit.
/// 3. The customer payer amount applies the spread to the exact value (× (10000 + spread) / 10000) and is rounded
///    up, so the payer never pays less than the disclosed rate.
/// 4. The margin is the difference of the two rounded amounts, never negative.
/// Overflow anywhere (a result beyond `Int64` minor units) is ``FXError/overflow``, never a trap.
///
/// A quote costs two array reads, a few participant-id comparisons when spreads are set, and two 128-bit
/// multiply-divides: no strings are built, no dictionaries are hashed, no Foundation decimals are used.
public struct FXQuoter: Sendable {
    /// The mid rates and pair spreads.
    public let book: FXRateBook
    /// The participant overrides.
    public let spreads: FXSpreadTable
    /// How long a quote or DCC offer stays valid, in seconds.
    public let lifetimeSeconds: Int

    /// Creates a quoter.
    /// - Parameters:
    ///   - book: the mid rates.
    ///   - spreads: participant overrides of the book's spreads.
    ///   - lifetimeSeconds: how long quotes stay valid; positive.
    public init(book: FXRateBook, spreads: FXSpreadTable = FXSpreadTable(), lifetimeSeconds: Int = 60) {
        precondition(lifetimeSeconds > 0, "an FX quote lives a positive number of seconds")
        self.book = book
        self.spreads = spreads
        self.lifetimeSeconds = lifetimeSeconds
    }

    /// Prices a payment of `payeeAmount` to a merchant, paid in `payerCurrency`.
    ///
    /// The spread is the participant's override for the pair, else the book's pair default (for a cross, the sum
    /// of its legs' defaults). Paying in the merchant's own currency gives an identity quote: no spread, no margin.
    /// - Parameters:
    ///   - payeeAmount: what the merchant is owed, positive.
    ///   - payerCurrency: the currency of the payer's account.
    ///   - participant: the payer's bank, whose spread overrides apply.
    ///   - id: the quote id.
    ///   - now: the moment of quoting; the quote expires `lifetimeSeconds` later.
    /// - Throws: ``FXError/amountInvalid(_:)``, ``FXError/pairUnavailable(from:to:)``, ``FXError/overflow``.
    public func quote(
        payeeAmount: Money, payerCurrency: Currency, participant: ParticipantID?, id: String, at now: Date
    ) throws(FXError) -> FXQuote {
        guard payeeAmount.minorUnits > 0 else { throw .amountInvalid(payeeAmount) }
        let expiresAt = now.addingTimeInterval(TimeInterval(lifetimeSeconds))
        let payeeCurrency = payeeAmount.currency
        guard payeeCurrency != payerCurrency else {
            return FXQuote(
                id: id, payerCurrency: payerCurrency, payeeAmount: payeeAmount, payerAmount: payeeAmount,
                midPayerAmount: payeeAmount, margin: .zero(payerCurrency), spreadBps: 0, route: .identity,
                participant: participant, createdAt: now, expiresAt: expiresAt, midRate: .one)
        }
        guard let conversion = book.conversion(pricing: payeeCurrency, in: payerCurrency) else {
            throw .pairUnavailable(from: payerCurrency, to: payeeCurrency)
        }
        let spreadBps = spreads.isEmpty
            ? conversion.defaultSpreadBps
            : spreads.spreadBps(
                for: participant, from: payerCurrency, to: payeeCurrency, default: conversion.defaultSpreadBps)
        let (mid, customer) = try FXQuoter.convert(payeeAmount.minorUnits, by: conversion, spreadBps: spreadBps)
        return FXQuote(
            id: id, payerCurrency: payerCurrency, payeeAmount: payeeAmount,
            payerAmount: Money(minorUnits: customer, currency: payerCurrency),
            midPayerAmount: Money(minorUnits: mid, currency: payerCurrency),
            margin: Money(minorUnits: customer - mid, currency: payerCurrency), spreadBps: spreadBps,
            route: conversion.route, participant: participant, createdAt: now, expiresAt: expiresAt,
            midRate: conversion.rate)
    }

    /// Offers a card holder the price in the card's home currency (dynamic currency conversion).
    ///
    /// The markup takes the place of the spread; participant spreads do not apply. The rounding rules are the
    /// quote's: home amount rounded up, mid home amount half up.
    /// - Parameters:
    ///   - localAmount: the price in the merchant's currency, positive.
    ///   - homeCurrency: the card's billing currency; not the local currency.
    ///   - markupBps: the markup over the mid rate, 0...``FXRateBook/spreadBpsMax``.
    ///   - id: the offer id.
    ///   - now: the moment of the offer; it expires `lifetimeSeconds` later.
    /// - Throws: ``FXError/amountInvalid(_:)``, ``FXError/spreadInvalid(bps:)``,
    ///   ``FXError/conversionNotNeeded(_:)`` when the card is in the local currency,
    ///   ``FXError/pairUnavailable(from:to:)``, ``FXError/overflow``.
    public func dccOffer(
        localAmount: Money, homeCurrency: Currency, markupBps: Int, id: String, at now: Date
    ) throws(FXError) -> DCCOffer {
        guard localAmount.minorUnits > 0 else { throw .amountInvalid(localAmount) }
        guard (0...FXRateBook.spreadBpsMax).contains(markupBps) else { throw .spreadInvalid(bps: markupBps) }
        guard localAmount.currency != homeCurrency else { throw .conversionNotNeeded(homeCurrency) }
        guard let conversion = book.conversion(pricing: localAmount.currency, in: homeCurrency) else {
            throw .pairUnavailable(from: homeCurrency, to: localAmount.currency)
        }
        let (mid, home) = try FXQuoter.convert(localAmount.minorUnits, by: conversion, spreadBps: markupBps)
        return DCCOffer(
            id: id, localAmount: localAmount, homeAmount: Money(minorUnits: home, currency: homeCurrency),
            midHomeAmount: Money(minorUnits: mid, currency: homeCurrency), markupBps: markupBps,
            markup: Money(minorUnits: home - mid, currency: homeCurrency), route: conversion.route, createdAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(lifetimeSeconds)), midRate: conversion.rate)
    }

    /// The mid amount (half up) and the customer amount (spread applied to the exact value, then up), in minor units.
    private static func convert(
        _ minorUnits: Int64, by conversion: FXConversion, spreadBps: Int
    ) throws(FXError) -> (mid: Int64, customer: Int64) {
        guard let mid = conversion.minorRate.apply(to: minorUnits, rounding: .halfUp),
            let customer = conversion.minorRate.apply(to: minorUnits, spreadBps: spreadBps, rounding: .up)
        else { throw .overflow }
        // ceil(x × (1 + s)) ≥ ceil(x) ≥ round(x) for s ≥ 0: the margin cannot be negative.
        assert(customer >= mid, "customer amount below mid amount")
        return (mid, customer)
    }
}
