import CorridorCore

/// The result of ``DigitalRublePlatform/verifyIssuance()``: digital rubles issued against where they are.
///
/// The invariant (issue 6 §1): the issuance account's credit balance = Σ wallets + Σ offline reserves +
/// Σ conditional (in-flight programmable) funds, and no holding account is negative.
public struct IssuanceVerification: Sendable, Hashable, Codable {
    /// The issuance account's credit balance: digital rubles outstanding.
    public let issued: Money
    /// The sum over wallets.
    public let wallets: Money
    /// The sum over offline reserves.
    public let offlineReserves: Money
    /// The sum over conditional (programmable-money) accounts.
    public let conditional: Money
    /// How many holding accounts were read.
    public let holdingAccountCount: Int
    /// Holding accounts whose balance is negative (never expected: they are flagged against overdraft).
    public let negativeHoldings: [String]

    /// True when the issued total equals the holdings and none is negative.
    public var holds: Bool {
        negativeHoldings.isEmpty
            && issued.minorUnits == wallets.minorUnits + offlineReserves.minorUnits + conditional.minorUnits
    }
}
