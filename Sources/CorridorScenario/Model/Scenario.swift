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
///   - traffic: { id }                 # runs the generated traffic here (needs `population` and `traffic`)
/// population:                       # tourist groups (see TouristGroup)
///   - { group, home: RU, size, balance, bank, wallet_bank, instruments: { mir_card: 0.5, … }, spending: […],
///       dcc: 0.2 }
/// traffic: { day: 2026-07-01, per_hour: { 9: 120, … }, payments: 2000, merchant_country: CN }
/// faults:                           # see ScenarioFault
///   - issuer_drop: { issuer, from: "12:00", to: "13:00", share: 0.1 }
/// expect:                           # each has one key
///   - payment: { id, status: approved|declined, code: "51" }
///   - wallet_balance: { holder, equals }
///   - deposit_balance: { holder, bank, equals }
///   - customer_balance: { customer: bank/reference, equals }
///   - ledger_verify: true
///   - messages: { pacs.008: 2, pacs.002: 2, pacs.004: 1, pacs.009: 9, camt.053: 9, camt.054: 9 }
///   - approval_rate: { min: "0.75", max: "0.80" }
///   - metric: { name: declined.91, min: 1, max: 50 }   # a counter of the run (see ScenarioMetrics)
/// ```
/// Amounts are `"DECIMAL CUR"` with exactly the currency's fraction digits (`"268.00 CNY"`, `"500 JPY"`).
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
    /// The tourist groups traffic is generated for.
    public let population: [TouristGroup]
    /// The generated traffic, run by the `traffic` step.
    public let traffic: ScenarioTraffic?
    /// The faults injected into the traffic.
    public let faults: [ScenarioFault]

    /// The seed when the file gives none.
    public static let defaultSeed: UInt64 = 1
    /// The most steps one file may script (a scripted flow, not traffic: traffic is generated).
    public static let stepCountMax = 10_000
    /// The most expectations one file may hold.
    public static let expectationCountMax = 10_000

    /// Creates a scenario from parts already checked.
    public init(
        name: String, seed: UInt64, world: ScenarioWorld, steps: [ScenarioStep], expectations: [ScenarioExpectation],
        population: [TouristGroup] = [], traffic: ScenarioTraffic? = nil, faults: [ScenarioFault] = []
    ) {
        self.population = population
        self.traffic = traffic
        self.faults = faults
        self.name = name
        self.seed = seed
        self.world = world
        self.steps = steps
        self.expectations = expectations
    }
}
