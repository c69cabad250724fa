import CorridorCore

/// One precomputed entry of an ``FXRateBook``'s conversion table: how one unit of a currency is priced in another.
///
/// Computed when the book is loaded or changed, so a quote does no route search, no inversion and no cross
/// multiplication.
struct FXConversion: Sendable, Hashable {
    /// Direct or cross, as the trail shows it.
    let route: FXRoute
    /// Units of the pricing currency per one unit of the priced currency (major units), exact.
    let rate: FXRatio
    /// The same in minor units: `rate × 10^(pricing exponent − priced exponent)`, exact.
    let minorRate: FXRatio
    /// The book's default spread for the pair; for a cross, the sum of the two legs' spreads (at most
    /// ``FXRateBook/spreadBpsMax``), since the payer's money crosses both spreads.
    let defaultSpreadBps: Int
}
