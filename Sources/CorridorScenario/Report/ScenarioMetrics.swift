/// The counters a `metric` expectation can check, computed from a finished run's steps and traffic.
public enum ScenarioMetrics {
    /// The names, besides `declined.CODE` (declines with an ISO 8583 response code, e.g. `declined.91`).
    public static let names = [
        "payments", "approved", "declined", "traffic.payments", "traffic.approved", "reversals", "delayed",
        "bank_offline.declined", "fx.jumps", "offline.signed", "offline.posted", "offline.rejected",
        "offline.conflicts",
        "sanctions.declined", "dcc.accepted",
    ]

    /// True for a name ``value(_:steps:traffic:)`` knows.
    public static func isKnown(_ name: String) -> Bool {
        names.contains(name) || (name.hasPrefix("declined.") && name.count == "declined.".count + 2)
    }

    /// Every metric of a run (`declined.CODE` for each code seen).
    static func all(steps: [ScenarioStepOutcome], traffic: TrafficStatistics?) -> [String: Int] {
        var values: [String: Int] = [:]
        for name in names { values[name] = value(name, steps: steps, traffic: traffic) }
        var codes = Set(steps.filter { $0.status == .declined }.compactMap(\.responseCode))
        for decline in traffic?.declines.values ?? [:].values { codes.insert(decline.iso8583Code) }
        for code in codes { values["declined." + code] = value("declined." + code, steps: steps, traffic: traffic) }
        return values
    }

    /// One metric's value.
    static func value(_ name: String, steps: [ScenarioStepOutcome], traffic: TrafficStatistics?) -> Int {
        let paymentSteps = steps.filter { ["card", "qr", "wallet_pay"].contains($0.action) }
        let stepApproved = paymentSteps.filter { $0.status == .approved }.count
        switch name {
        case "payments": return paymentSteps.count + (traffic?.payments ?? 0)
        case "approved": return stepApproved + (traffic?.approved ?? 0)
        case "declined": return paymentSteps.count - stepApproved + (traffic.map { $0.payments - $0.approved } ?? 0)
        case "traffic.payments": return traffic?.payments ?? 0
        case "traffic.approved": return traffic?.approved ?? 0
        default:
            if name.hasPrefix("declined.") {
                let code = String(name.dropFirst("declined.".count))
                let fromSteps = paymentSteps.filter { $0.status == .declined && $0.responseCode == code }.count
                return fromSteps
                    + (traffic?.declines.values.filter { $0.iso8583Code == code }.reduce(0) { $0 + $1.count } ?? 0)
            }
            return traffic?.counters[name] ?? 0
        }
    }
}
