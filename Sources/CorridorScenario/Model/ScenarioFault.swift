import CorridorCore

/// An injected fault (`faults:`), at times of the traffic day given as `"HH:MM"` (seconds from midnight UTC here).
public enum ScenarioFault: Sendable, Hashable {
    /// `issuer_delay`: a share of the issuer's card payments in the window are answered late (the issuer host's
    /// delayed-answer test mode, DESIGN.md §7); the report counts `seconds` of simulated latency for each.
    case issuerDelay(issuer: String, from: Int, to: Int, shareBps: Int, seconds: Int)
    /// `issuer_drop`: a share of the issuer's card payments in the window get no answer: the gateway reverses
    /// (0400) and declines 91/AB07.
    case issuerDrop(issuer: String, from: Int, to: Int, shareBps: Int)
    /// `bank_offline`: the bank (or card issuer) is offline in the window: its payers decline 91/AB07.
    case bankOffline(bank: String, from: Int, to: Int)
    /// `fx_jump`: from `at` on the pair's mid rate is `mid`.
    case fxJump(at: Int, base: Currency, quote: Currency, mid: String)
    /// `offline_wallets`: `tourists` wallet holders of a group fund an offline reserve, pay `payments` offline payments
    /// each to a merchant's wallet from `from`, and the platform syncs them at `syncAt`.
    case offlineWallets(
        group: String, tourists: Int, payments: Int, merchant: String, amount: Money, from: Int, syncAt: Int)
    /// `sanctions_hit`: at `at`, a bank-app payer with a listed name tries to pay a merchant.
    case sanctionsHit(at: Int, name: String, bank: String, merchant: String, amount: Money)

    /// The file's key for the fault.
    public var key: String {
        switch self {
        case .issuerDelay: "issuer_delay"
        case .issuerDrop: "issuer_drop"
        case .bankOffline: "bank_offline"
        case .fxJump: "fx_jump"
        case .offlineWallets: "offline_wallets"
        case .sanctionsHit: "sanctions_hit"
        }
    }
}
