import CorridorCore

/// Amounts in scenario files: a decimal string and an ISO 4217 alpha code, `"268.00 CNY"`, with exactly the
/// currency's number of fraction digits (2 for RUB and CNY, 0 for JPY), so a file never relies on rounding, and never
/// negative (a refund is its own step).
enum ScenarioAmount {
    static func parse(_ text: String, line: Int?, key: String) throws(ScenarioError) -> Money {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else {
            throw ScenarioError(
                line: line, key: key, "expected a decimal amount and a currency, e.g. \"268.00 CNY\"; got \"\(text)\"")
        }
        guard let currency = Currency(alphaCode: String(parts[1])) else {
            throw ScenarioError(line: line, key: key, "unknown currency \"\(parts[1])\" (ISO 4217 alpha code expected)")
        }
        let number = String(parts[0])
        guard !number.hasPrefix("-") else {
            throw ScenarioError(line: line, key: key, "amounts are not negative; got \"\(number)\"")
        }
        let fraction =
            number.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first.map(\.count) ?? 0
        guard fraction == currency.exponent else {
            let example = currency.exponent == 0 ? "no fraction digits" : "\(currency.exponent) fraction digits"
            throw ScenarioError(
                line: line, key: key, "\(currency.alphaCode) amounts are written with \(example); got \"\(number)\"")
        }
        do {
            return try Money(decimal: number, currency: currency)
        } catch {
            throw ScenarioError(line: line, key: key, "not a decimal amount: \"\(number)\" (\(error))")
        }
    }
}
