import CorridorCore
import CorridorGateway
import Foundation

/// The dashboard's pages, rendered from the service: what the operator and a "tourist" see in a browser.
struct DashboardPages {
    let service: CorridorService

    /// Today's business date as the gateway counts it.
    var today: String { service.gateway.businessDate(at: Date()).text }

    // MARK: Overview

    /// Balances per participant and currency (bar charts), today's recent payments, and today's net positions when
    /// the day has been cleared.
    func overview() async throws -> String {
        var body = "<h2>Balances per participant</h2>"
        let totals = try await service.balanceTotals(for: .admin)
        for currency in Set(totals.map(\.balance.currency)).sorted() {
            let rows = totals.filter { $0.balance.currency == currency }.sorted { $0.owner < $1.owner }
            let bars = rows.compactMap { total -> SVGBarChart.Bar? in
                guard let money = try? total.balance.money(field: "balance") else { return nil }
                return SVGBarChart.Bar(label: total.owner, value: money.minorUnits, text: "\(money)")
            }
            body += "<h3>\(HTMLPage.escape(currency))</h3>" + SVGBarChart(bars: bars).render()
        }
        body += try await recentPayments(limit: 20)
        if let run = service.clearingRuns.run(today) {
            body += "<h2>Net positions after clearing \(HTMLPage.escape(today))</h2>" + positions(run)
        } else {
            body += "<p class=\"muted\">Today is not cleared yet: <a href=\"/dashboard/clearing\">clearing</a>.</p>"
        }
        return HTMLPage.render(title: "Overview", body: body)
    }

    /// The last `limit` payments of today, newest first.
    func recentPayments(limit: Int) async throws -> String {
        let records = try await service.gateway.records(businessDate: service.gateway.businessDate(at: Date()))
        var html = "<h2>Recent payments</h2>"
        guard !records.isEmpty else { return html + "<p class=\"muted\">No payments today yet.</p>" }
        html += "<table><tr><th>Payment</th><th>Status</th><th>Merchant</th><th>Merchant receives</th>"
            + "<th>Payer pays</th><th>Route</th></tr>"
        for record in records.suffix(limit).reversed() {
            let result = record.result
            html += "<tr><td><a href=\"/dashboard/payments/\(Self.pathComponent(result.paymentID))\">"
                + "\(HTMLPage.escape(result.paymentID))</a></td>"
                + "<td class=\"\(result.isApproved ? "approved" : "declined")\">\(HTMLPage.escape(result.status.rawValue)) "
                + "\(HTMLPage.escape(result.responseCode))</td>"
                + "<td>\(HTMLPage.escape(result.merchantID ?? "-"))</td><td>\(HTMLPage.escape("\(result.merchantAmount)"))</td>"
                + "<td>\(HTMLPage.escape(result.payerAmount.map { "\($0)" } ?? "-"))</td>"
                + "<td>\(HTMLPage.escape(result.route ?? "-"))</td></tr>"
        }
        return html + "</table>"
    }

    // MARK: Merchants

    /// Every merchant with its static QR code.
    func merchants() async throws -> String {
        var body = "<p>Scan a code with a bank app, or open a merchant to pay it as a tourist.</p><div class=\"cards\">"
        for merchant in service.gateway.directory.merchants.values.sorted(by: { $0.id < $1.id }) {
            let image = (try? await qrSVG(merchant.id)) ?? "<p class=\"muted\">dynamic codes only: open it to pay</p>"
            body += "<div class=\"card\"><a href=\"/dashboard/merchants/\(Self.pathComponent(merchant.id))\">"
                + "<strong>\(HTMLPage.escape(merchant.name))</strong></a><br>"
                + "<span class=\"muted\">\(HTMLPage.escape(merchant.city)), \(HTMLPage.escape(merchant.country.alpha2))"
                + " · \(merchant.currency.alphaCode) · MCC \(merchant.mcc.text)</span><br>\(image)</div>"
        }
        return HTMLPage.render(title: "Merchants", body: body + "</div>")
    }

    /// One merchant: its QR code and payload, and the tourist's two ways to pay it.
    func merchant(_ id: String, message: String? = nil) async throws -> String? {
        guard let merchant = service.gateway.directory.merchant(id) else { return nil }
        let payload = (try? await service.merchantPayload(id, amount: nil, for: .admin)) ?? ""
        let customers = service.gateway.directory.customers.values.sorted { $0.key < $1.key }
        let action = "/dashboard/merchants/\(Self.pathComponent(id))/pay"
        var body = message.map { "<p class=\"declined\">\(HTMLPage.escape($0))</p>" } ?? ""
        body += "<p>\(HTMLPage.escape(merchant.city)), \(HTMLPage.escape(merchant.country.alpha2)) · prices in "
            + "\(merchant.currency.alphaCode)</p>" + ((try? await qrSVG(id)) ?? "")
            + "<p class=\"muted\">Payload: <code>\(HTMLPage.escape(payload))</code></p>"
        let takesQR = !merchant.instruments.isDisjoint(with: [.emvQR, .sbpQR])
        if takesQR {
            body += "<h2>Pay by scanning the code</h2><form method=\"post\" action=\"\(action)\">"
            + "<input type=\"hidden\" name=\"method\" value=\"qr\"><label>Bank app of "
            + "<select name=\"payer\">"
            + customers.map { "<option value=\"\(HTMLPage.escape($0.key))\">\(HTMLPage.escape($0.name)) "
                + "(\(HTMLPage.escape($0.key)), \($0.currency.alphaCode))</option>" }.joined()
            + "</select></label><label>Amount in \(merchant.currency.alphaCode) <input name=\"amount\" value=\"100.00\">"
            + "</label><button type=\"submit\">Scan and pay</button></form>"
        }
        guard merchant.instruments.contains(.card) else { return HTMLPage.render(title: merchant.name, body: body) }
        body += "<h2>Pay by card</h2><form method=\"post\" action=\"\(action)\">"
            + "<input type=\"hidden\" name=\"method\" value=\"card\">"
            + "<label>Card number <input name=\"pan\" autocomplete=\"off\" value=\"\"></label>"
            + "<label>Expiry (YYMM) <input name=\"expiry\" value=\"\"></label>"
            + "<label>Amount in \(merchant.currency.alphaCode) <input name=\"amount\" value=\"100.00\"></label>"
            + "<button type=\"submit\">Pay by card</button></form>"
        return HTMLPage.render(title: merchant.name, body: body)
    }

    /// The merchant's static code as inline SVG (the XML declaration dropped).
    func qrSVG(_ id: String) async throws -> String {
        let bytes = try await service.merchantQRImage(id, amount: nil, format: .svg, for: .admin)
        let text = String(decoding: bytes, as: UTF8.self)
        guard let start = text.range(of: "<svg") else { return text }
        return String(text[start.lowerBound...])
    }

    // MARK: Payments

    /// A payment: its outcome and its trail.
    func payment(_ id: String) async throws -> String? {
        guard let record = try await service.gateway.record(id) else { return nil }
        let result = record.result
        var body = "<p class=\"\(result.isApproved ? "approved" : "declined")\">\(HTMLPage.escape(result.status.rawValue)) "
            + "(\(HTMLPage.escape(result.responseCode)) / \(HTMLPage.escape(result.iso20022Status)))</p><table>"
        var rows: [(String, String)] = [("Merchant", result.merchantID ?? "-"), ("Merchant receives", "\(result.merchantAmount)")]
        if let payer = result.payerAmount { rows.append(("Payer pays", "\(payer)")) }
        if let reason = result.declineReason { rows.append(("Reason", "\(reason)")) }
        if let fx = result.fxDisclosure { rows.append(("FX", fx)) }
        if let code = result.approvalCode { rows.append(("Approval code", code)) }
        if let route = result.route { rows.append(("Route", route)) }
        if let card = record.trail.card { rows.append(("Card", "\(card)")) }
        if let transfer = result.transferID { rows.append(("Ledger transfer", transfer)) }
        rows.append(("ISO 20022", record.trail.iso20022Messages.joined(separator: ", ")))
        body += rows.map { "<tr><th>\(HTMLPage.escape($0.0))</th><td>\(HTMLPage.escape($0.1))</td></tr>" }.joined()
        body += "</table><h2>Trail</h2><table><tr><th>Step</th><th>Detail</th></tr>"
            + record.trail.events.map { "<tr><td>\(HTMLPage.escape($0.step))</td><td>\(HTMLPage.escape($0.detail))</td></tr>" }
                .joined() + "</table>"
        return HTMLPage.render(title: "Payment \(result.paymentID)", body: body)
    }

    // MARK: Clearing

    /// The clearing button, and today's run when there is one.
    func clearing() -> String {
        var body = "<form method=\"post\" action=\"/dashboard/clearing\"><p>End of business day \(HTMLPage.escape(today)): "
            + "net the day's obligations per currency and write pacs.009, camt.053 and camt.054.</p>"
            + "<button type=\"submit\">Clear today</button></form>"
        if let run = service.clearingRuns.run(today) {
            let described = CorridorService.describe(run, for: .admin)
            body += "<h2>Net positions</h2>" + positions(run)
                + "<h2>Files</h2><ul>" + described.files.map {
                    "<li><a href=\"/dashboard/clearing/\(HTMLPage.escape(described.businessDate))/\(Self.pathComponent($0.name))\">"
                        + "\(HTMLPage.escape($0.name))</a> (\($0.bytes) bytes)</li>"
                }.joined() + "</ul>"
        }
        return HTMLPage.render(title: "Clearing", body: body)
    }

    /// Net positions per currency as bar charts (owes: to the left, red).
    func positions(_ run: ClearingRun) -> String {
        run.netting.currencies.map { netting in
            "<h3>\(netting.currency.alphaCode): \(netting.obligationCount) obligations</h3>"
                + SVGBarChart(bars: netting.positions.map { position in
                    SVGBarChart.Bar(label: position.participant, value: -position.owes,
                                    text: position.owes > 0 ? "owes \(position.owesAmount)"
                                        : "is owed \(Money(minorUnits: -position.owes, currency: position.currency))")
                }).render()
        }.joined()
    }

    /// `text` as one URL path segment.
    static func pathComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text
    }
}
