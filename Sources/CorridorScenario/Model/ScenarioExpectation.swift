import CorridorCore

/// One assertion checked after the run, at a line of the file.
public struct ScenarioExpectation: Sendable, Hashable {
    /// The 1-based line in the file.
    public let line: Int?
    /// What is asserted.
    public let check: Check

    /// What an expectation asserts.
    public enum Check: Sendable, Hashable {
        /// `payment`: the step `id` was approved, or declined (with this ISO 8583 response code when given).
        case payment(id: String, approved: Bool, responseCode: String?)
        /// `wallet_balance`: a holder's digital-ruble wallet holds exactly this.
        case walletBalance(holder: String, amount: Money)
        /// `deposit_balance`: a holder's deposit at a bank holds exactly this.
        case depositBalance(holder: String, bank: String, amount: Money)
        /// `customer_balance`: a bank-app customer's (`bank/reference`) account holds exactly this.
        case customerBalance(customer: String, amount: Money)
        /// `ledger_verify`: `ledger verify` holds, and with a platform digital rubles issued equal those held (true),
        /// or one of them fails (false).
        case ledgerVerify(Bool)
        /// `messages`: how many ISO 20022 messages of each kind were emitted (`pacs.008`, `pacs.002`, `pacs.004`,
        /// `pacs.009`, `camt.053`, `camt.054`).
        case messages(kind: String, count: Int)
        /// `approval_rate`: the share of payment steps approved, within bounds in basis points (0…10000).
        case approvalRate(minBps: Int, maxBps: Int)
        /// `metric`: a counter of the run (``ScenarioMetrics/names``) lies within bounds.
        case metric(name: String, min: Int, max: Int)
    }

    /// Creates an expectation.
    public init(line: Int?, check: Check) {
        self.line = line
        self.check = check
    }

    /// The ISO 20022 message kinds `messages` counts.
    public static let messageKinds = ["pacs.008", "pacs.002", "pacs.004", "pacs.009", "camt.053", "camt.054"]
}
