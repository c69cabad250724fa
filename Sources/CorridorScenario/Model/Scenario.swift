import CorridorCore
import Foundation

/// A scenario file (issue 7 §1), parsed and checked: the world it runs in, its scripted steps in order and the
/// expectations checked after the run. `Samples/scenarios/wallet-to-merchant.yaml` is the annotated example.
///
/// ```yaml
/// name: Wallet to merchant          # required
/// seed: 42                          # optional, default 1
/// world:                            # paths relative to the file
///   gateway: ../gateway             # required: participants.yaml, merchants.yaml, fx-rates.csv, watchlist.csv
///   cards: ../issuer/cards.yaml     # for card steps
///   cbdc: ../cbdc/platform.yaml     # for wallet_* steps
/// steps:                            # in order; each has one action key; `id` defaults to step-N
///   - card: { id, pan, expiry, merchant, amount, present: true, dcc: false }
///   - qr: { id, payer: bank/reference, merchant | payload, amount }
///   - wallet_open: { holder, name, type: person|soleTrader|company|government, bank, mcc }
///   - wallet_deposit: { id, holder, bank, amount }
///   - wallet_convert: { id, holder, bank, amount, to: digital|deposit }
///   - wallet_pay: { id, from, to | merchant, amount }
///   - refund: { id, payment, amount }   # amount optional: all of it
///   - clear: { id }
/// expect:                           # each has one key
///   - payment: { id, status: approved|declined, code: "51" }
///   - wallet_balance: { holder, equals }
///   - deposit_balance: { holder, bank, equals }
///   - customer_balance: { customer: bank/reference, equals }
///   - ledger_verify: true
///   - messages: { pacs.008: 2, pacs.002: 2, pacs.004: 1, pacs.009: 9, camt.053: 9, camt.054: 9 }
///   - approval_rate: { min: "0.75", max: "0.80" }
/// ```
/// Amounts are `"DECIMAL CUR"` with exactly the currency's fraction digits (`"268.00 CNY"`, `"500 JPY"`).
///
/// This slice covers scripted steps. Population and traffic generation, fault injection and the HTML report are
/// the next slices of issue 7; their keys (`population`, `traffic`, `faults`) are rejected as unknown until then.
///
/// Guarantees: every amount is exact in its currency's exponent; every world file named exists; step ids are
/// unique; a refund names an earlier payment step; card steps have `world.cards` and wallet steps `world.cbdc`;
/// every `payment` expectation names a step.
public struct Scenario: Sendable, Hashable {
    /// The scenario's name, for reports.
    public let name: String
    /// The seed used when the command line gives none.
    public let seed: UInt64
    /// The files the world is built from.
    public let world: ScenarioWorld
    /// The steps, in file order.
    public let steps: [ScenarioStep]
    /// The expectations, in file order.
    public let expectations: [ScenarioExpectation]

    /// The seed when the file gives none.
    public static let defaultSeed: UInt64 = 1
    /// The most steps one file may script (a scripted flow, not traffic: traffic is generated).
    public static let stepCountMax = 10_000
    /// The most expectations one file may hold.
    public static let expectationCountMax = 10_000

    /// Creates a scenario from parts already checked.
    public init(name: String, seed: UInt64, world: ScenarioWorld, steps: [ScenarioStep], expectations: [ScenarioExpectation]) {
        self.name = name
        self.seed = seed
        self.world = world
        self.steps = steps
        self.expectations = expectations
    }
}
