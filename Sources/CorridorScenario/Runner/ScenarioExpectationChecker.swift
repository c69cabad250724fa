import CorridorCBDC
import CorridorCore
import CorridorGateway
import CorridorLedger

/// Checks expectations against a finished run: step outcomes, balances read from the ledger, message counts.
struct ScenarioExpectationChecker {
    let outcomes: [ScenarioStepOutcome]
    let messageCounts: [String: Int]
    let paymentCount: Int
    let approvedCount: Int
    let platform: DigitalRublePlatform?
    let backend: any SettlementBackend
    let metrics: [String: Int]

    func check(_ expectation: ScenarioExpectation) async throws -> ScenarioExpectationOutcome {
        func result(
            _ kind: String, _ subject: String, expected: String, actual: String, _ passed: Bool
        ) -> ScenarioExpectationOutcome {
            ScenarioExpectationOutcome(
                line: expectation.line, kind: kind, subject: subject, expected: expected, actual: actual, passed: passed
            )
        }
        switch expectation.check {
        case .payment(let id, let approved, let code):
            let expected = (approved ? "approved" : "declined") + (code.map { " \($0)" } ?? "")
            guard let step = outcomes.first(where: { $0.id == id }) else {
                return result("payment", id, expected: expected, actual: "no such step", false)
            }
            let actual = step.status.rawValue + (step.responseCode.map { " \($0)" } ?? "")
            let statusHolds = approved ? step.status == .approved : step.status == .declined
            return result(
                "payment", id, expected: expected, actual: actual,
                statusHolds && (code == nil || code == step.responseCode))
        case .walletBalance(let holder, let amount):
            guard let platform, await platform.wallet(ofHolder: holder) != nil else {
                return result("wallet_balance", holder, expected: amount.description, actual: "no wallet", false)
            }
            let balance = try await platform.balance(of: DigitalRublePlatform.walletID(forHolder: holder))
            return result(
                "wallet_balance", holder, expected: amount.description, actual: balance.description, balance == amount)
        case .depositBalance(let holder, let bank, let amount):
            guard let platform else {
                return result(
                    "deposit_balance", "\(holder) at \(bank)", expected: amount.description, actual: "no platform",
                    false)
            }
            let balance = try await platform.depositBalance(customer: holder, bank: bank)
            return result(
                "deposit_balance", "\(holder) at \(bank)", expected: amount.description, actual: balance.description,
                balance == amount)
        case .customerBalance(let customer, let amount):
            let parts = customer.split(separator: "/").map(String.init)
            let account = GatewayAccounts.customer(parts[1], at: parts[0], currency: amount.currency)
            guard let balance = try await backend.balance(of: account) else {
                return result(
                    "customer_balance", customer, expected: amount.description,
                    actual: "no \(amount.currency.alphaCode) account", false)
            }
            return result(
                "customer_balance", customer, expected: amount.description, actual: balance.netCredit.description,
                balance.netCredit == amount)
        case .ledgerVerify(let expected):
            // `ledger verify`, and with a platform its invariant too: digital rubles issued = digital rubles held.
            let verification = try await backend.verify()
            var actual =
                verification.isBalanced
                ? "balanced"
                : "\(verification.problems.count) problem(s): \(verification.problems.first.map { "\($0)" } ?? "")"
            var holds = verification.isBalanced
            if let platform {
                let issuance = try await platform.verifyIssuance()
                holds = holds && issuance.holds
                actual +=
                    issuance.holds
                    ? "; issuance \(issuance.issued) = holdings" : "; issuance \(issuance.issued) ≠ holdings"
            }
            return result(
                "ledger_verify", "ledger", expected: expected ? "balanced" : "problems", actual: actual,
                holds == expected)
        case .messages(let kind, let count):
            let actual = messageCounts[kind] ?? 0
            return result("messages", kind, expected: String(count), actual: String(actual), actual == count)
        case .metric(let name, let low, let high):
            let actual = metrics[name] ?? 0
            let expected = low == high ? String(low) : "\(low)…\(high == Int(Int32.max) ? "" : String(high))"
            return result("metric", name, expected: expected, actual: String(actual), low <= actual && actual <= high)
        case .approvalRate(let minBps, let maxBps):
            let actual =
                paymentCount == 0
                ? "no payments"
                : "\(approvedCount)/\(paymentCount) = \(Self.share(approvedCount * 10_000 / paymentCount))"
            let holds =
                paymentCount > 0 && approvedCount * 10_000 >= minBps * paymentCount
                && approvedCount * 10_000 <= maxBps * paymentCount
            return result(
                "approval_rate", "payments", expected: "\(Self.share(minBps))…\(Self.share(maxBps))", actual: actual,
                holds)
        }
    }

    /// Basis points as a share with 4 decimals: 9500 → "0.9500".
    static func share(_ bps: Int) -> String {
        let fraction = String(bps % 10_000)
        return "\(bps / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
