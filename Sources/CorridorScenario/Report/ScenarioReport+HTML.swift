import CorridorCore

extension ScenarioReport {
    /// `report.html`: one self-contained page (no script, no external file) with inline-SVG charts — volume per hour
    /// by instrument, approvals and decline reasons, FX volume per corridor, net positions per participant after
    /// clearing, latency distribution — and the expectations and steps as tables.
    public var html: String {
        let e = SVGChart.escape
        var body =
            "<h1>Scenario: \(e(name))</h1><p>Seed \(seed). "
            + (passed
                ? "<strong class=\"ok\">All expectations hold.</strong>"
                : "<strong class=\"fail\">\(failures.count) expectation(s) failed.</strong>")
            + " Payments: \(approvedCount) of \(paymentCount) approved.</p>"
        if let traffic {
            body +=
                "<h2>Traffic on \(e(traffic.day))</h2>" + Self.volumeChart(traffic) + Self.outcomeChart(traffic)
                + Self.fxChart(traffic) + Self.latencyChart(traffic)
            body += "<h3>Counters</h3><table><tr><th>counter</th><th>value</th></tr>"
            for (key, value) in traffic.counters.sorted(by: { $0.key < $1.key }) {
                body += "<tr><td>\(e(key))</td><td>\(value)</td></tr>"
            }
            body += "</table>"
        }
        if !netPositions.isEmpty { body += "<h2>Clearing</h2>" + Self.netPositionChart(netPositions) }
        body +=
            "<h2>Expectations</h2><table><tr><th>line</th><th>check</th>"
            + "<th>subject</th><th>expected</th><th>actual</th><th>result</th></tr>"
        for outcome in expectations {
            body +=
                "<tr class=\"\(outcome.passed ? "ok" : "fail")\"><td>\(outcome.line.map(String.init) ?? "")</td>"
                + "<td>\(e(outcome.kind))</td>"
                + "<td>\(e(outcome.subject))</td><td>\(e(outcome.expected))</td><td>\(e(outcome.actual))</td>"
                + "<td>\(outcome.passed ? "✓" : "✗")</td></tr>"
        }
        body += "</table><h2>ISO 20022 messages</h2><table><tr><th>kind</th><th>count</th></tr>"
        for (kind, count) in messageCounts.sorted(by: { $0.key < $1.key }) {
            body += "<tr><td>\(kind)</td><td>\(count)</td></tr>"
        }
        body +=
            "</table><h2>Steps</h2><table><tr><th>#</th><th>id</th>"
            + "<th>action</th><th>status</th><th>code</th><th>detail</th></tr>"
        for step in steps {
            body +=
                "<tr><td>\(step.index)</td><td>\(e(step.id))</td>"
                + "<td>\(e(step.action))</td><td>\(step.status.rawValue)</td>"
                + "<td>\(e(step.responseCode ?? ""))</td><td>\(e(step.detail))</td></tr>"
        }
        body += "</table>"
        return
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>\(e(name)) — Corridor scenario report</title>"
            + "<style>body{font-family:sans-serif;margin:24px;background:#fff;color:#222}"
            + "table{border-collapse:collapse;margin:8px 0}"
            + "td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}"
            + "th{background:#eef}.ok{color:#176117}.fail{color:#b00020}"
            + "svg{display:block;margin:12px 0;border:1px solid #ddd;max-width:100%;height:auto}</style></head><body>\n"
            + body + "\n</body></html>\n"
    }

    static let instrumentNames: [(key: String, label: String)] = [
        ("mir_card", "Mir card"), ("unionpay_card", "UnionPay card"), ("bank_qr", "bank app QR"),
        ("cbdc_wallet", "digital-ruble wallet"),
    ]

    static func volumeChart(_ traffic: TrafficStatistics) -> String {
        let columns = (0..<24).map { hour in
            instrumentNames.enumerated().map { index, instrument in
                SVGChart.Segment(
                    value: Int64(traffic.instruments[instrument.key]?.perHour[hour] ?? 0),
                    color: SVGChart.palette[index])
            }
        }
        let legend = instrumentNames.enumerated().map { ($0.element.label, SVGChart.palette[$0.offset]) }
        return SVGChart.stackedColumns(
            columns, labels: (0..<24).map { String(format2($0)) + "h" }, legend: legend,
            title: "Payments per hour (UTC) by instrument")
    }

    static func outcomeChart(_ traffic: TrafficStatistics) -> String {
        var bars = [
            SVGChart.Bar(
                label: "approved", value: Int64(traffic.approved), text: "\(traffic.approved)", color: "#2ca02c")
        ]
        for decline in traffic.declines.values.sorted(by: { ($0.count, $1.iso8583Code) > ($1.count, $0.iso8583Code) }) {
            bars.append(
                SVGChart.Bar(
                    label: "\(decline.iso8583Code)/\(decline.iso20022Code) \(String(decline.text.prefix(34)))",
                    value: Int64(decline.count), text: "\(decline.count)", color: "#d62728"))
        }
        return SVGChart.horizontalBars(bars, title: "Approvals and decline reasons (ISO 8583 / ISO 20022)")
    }

    static func fxChart(_ traffic: TrafficStatistics) -> String {
        let bars = traffic.fx.values.sorted(by: { $0.corridor < $1.corridor }).map { corridor in
            let payer = Currency(alphaCode: corridor.payerCurrency).map {
                Money(minorUnits: corridor.payerMinorUnits, currency: $0).description
            }
            let merchant = Currency(alphaCode: corridor.merchantCurrency).map {
                Money(minorUnits: corridor.merchantMinorUnits, currency: $0).description
            }
            return SVGChart.Bar(
                label: "\(corridor.corridor) (\(corridor.payments) payments)", value: corridor.merchantMinorUnits,
                text: "\(payer ?? "") → \(merchant ?? "")", color: "#1f77b4")
        }
        return SVGChart.horizontalBars(bars, title: "FX volume per corridor (bar: merchant amount)")
    }

    static func latencyChart(_ traffic: TrafficStatistics) -> String {
        let bounds = TrafficStatistics.latencyBoundsMicroseconds
        let labels =
            bounds.map { "< " + Self.duration(microseconds: $0) } + [
                "≥ " + Self.duration(microseconds: bounds.last ?? 0)
            ]
        let bars = zip(labels, traffic.latencyBuckets).map {
            SVGChart.Bar(label: $0, value: Int64($1), text: "\($1)", color: "#9467bd")
        }
        return SVGChart.horizontalBars(
            bars, title: "Latency (time in Gateway.submit on this machine, plus simulated issuer delays)")
    }

    static func netPositionChart(_ positions: [NetPositionLine]) -> String {
        var svg = ""
        for currency in Set(positions.map(\.currency)).sorted() {
            let bars = positions.filter { $0.currency == currency && $0.owesMinorUnits != 0 }.map {
                SVGChart.Bar(
                    label: "\($0.participant) (\($0.businessDate))", value: $0.owesMinorUnits,
                    text: $0.owes + ($0.owesMinorUnits > 0 ? " pays in" : " is paid"),
                    color: $0.owesMinorUnits > 0 ? "#d62728" : "#2ca02c")
            }
            svg += SVGChart.horizontalBars(
                bars, title: "Net positions after clearing, \(currency) (right: pays in, left: is paid)")
        }
        return svg
    }

    static func duration(microseconds: Int64) -> String {
        microseconds >= 1_000_000
            ? "\(microseconds / 1_000_000) s"
            : microseconds >= 1000 ? "\(microseconds / 1000) ms" : "\(microseconds) µs"
    }
}

/// Two digits.
private func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
