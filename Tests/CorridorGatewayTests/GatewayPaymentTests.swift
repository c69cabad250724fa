import CorridorCore
import CorridorGateway
import CorridorIssuer
import CorridorLedger
import CorridorTesting
import Foundation
import Testing

@Suite("Gateway payments end to end")
struct GatewayPaymentTests {
    @Test("RU→CN: a Russian bank app pays a Beijing EMV QR; RUB leaves, CNY arrives, pacs.008 validates")
    func russianTouristPaysBeijingQR() async throws {
        let fixture = try await GatewayFixture.make()
        let before = try await fixture.customerBalance("anna.smirnova", bank: "mirbank", .rubles)
        let payload = try GatewayFixture.payload("beijing-restaurant", amount: "100.00")
        let result = await fixture.gateway.submit(.qr(
            QRPaymentDetails(payload: payload, payer: BankPayer(bank: "mirbank", reference: "anna.smirnova")), id: "RU-CN-1"))
        #expect(result.status == .approved, "\(result)")
        #expect(result.responseCode == "00")
        // CNY/RUB mid 12.64; mirbank's CNY/RUB spread 45 bps: 100 × 12.64 × 1.0045 = 1269.688 → rounded up 1269.69.
        #expect(result.payerAmount == money("1269.69", .rubles))
        let after = try await fixture.customerBalance("anna.smirnova", bank: "mirbank", .rubles)
        #expect(before - after == 126_969)
        // The merchant gets 100.00 less its 1.80% discount: 98.20 CNY.
        #expect(try await fixture.balance(GatewayAccounts.merchant("beijing-restaurant", currency: .yuan)) == 9_820)
        // FX margin 1269.69 − 1264.00 = 5.69 RUB to the FX provider.
        #expect(try await fixture.balance(GatewayAccounts.feeIncome(of: "corridor-fx", kind: .fxMargin, currency: .rubles)) == 569)
        let record = try #require(try await fixture.gateway.record("RU-CN-1"))
        #expect(record.messages.count == 2)
        #expect(record.result.pacs008MessageID != nil)
        #expect(record.trail.route?.contains("SPFS→CIPS") == true)
        #expect(record.trail.payerName == "Анна Смирнова")
        try GatewayFixture.expectValid(record.messages)
        let xml = try record.messages[0].xml().document
        #expect(xml.contains("Anna Smirnova"))  // transliterated for CBPR+
        try await fixture.ledger.expectVerified()
    }

    @Test("CN→RU: a Chinese bank app pays a Moscow SBP link with a typed amount")
    func chineseTouristPaysSBP() async throws {
        let fixture = try await GatewayFixture.make()
        let payload = try GatewayFixture.payload("moscow-souvenirs")
        let result = await fixture.gateway.submit(.qr(QRPaymentDetails(
            payload: payload, payer: BankPayer(bank: "huaxiabank", reference: "li.wei"), amount: money("1264.00", .rubles))))
        #expect(result.status == .approved, "\(result)")
        // 1264.00 RUB / 12.64 = 100.00 CNY at mid; huaxiabank's spread 40 bps: 100.40 CNY.
        #expect(result.payerAmount == money("100.40", .yuan))
        #expect(try await fixture.customerBalance("li.wei", bank: "huaxiabank", .yuan) == 3_000_000 - 10_040)
        let record = try #require(try await fixture.gateway.record(result.paymentID))
        #expect(record.trail.route?.contains("CIPS→SPFS") == true)
        try GatewayFixture.expectValid(record.messages)
        try await fixture.ledger.expectVerified()
    }

    @Test("Domestic GOST transfer: no FX, no pacs.008")
    func domesticGOSTTransfer() async throws {
        let fixture = try await GatewayFixture.make()
        let payload = try GatewayFixture.payload("moscow-hotel")
        let result = await fixture.gateway.submit(.qr(QRPaymentDetails(
            payload: payload, payer: BankPayer(bank: "mirbank", reference: "anna.smirnova"))))
        #expect(result.status == .approved, "\(result)")
        #expect(result.payerAmount == money("12500.00", .rubles))
        #expect(result.pacs008MessageID == nil)
        #expect(try await fixture.gateway.record(result.paymentID)?.messages.isEmpty == true)
        try await fixture.ledger.expectVerified()
    }

    @Test("CN card in Moscow: the issuer host debits the card in CNY; the trail keeps the token, never the PAN")
    func unionPayCardInMoscow() async throws {
        let fixture = try await GatewayFixture.make()
        let pan = try PrimaryAccountNumber("6212340000007899")
        let token = GatewayFixture.tokenizer.token(for: pan)
        let cardBefore = try await fixture.balance(IssuerLedgerAccounts.cardAccount(token: token.token))
        let result = await fixture.gateway.submit(.card(CardPaymentDetails(
            pan: pan, expiry: "3001", cvv: "123", merchant: "moscow-souvenirs", amount: money("2528.00", .rubles)), id: "CARD-1"))
        #expect(result.status == .approved, "\(result)")
        #expect(result.approvalCode?.count == 6)
        // 2528 / 12.64 = 200.00 CNY at mid; the issuer's bank (huaxiabank) spread 40 bps → 200.80 CNY on the card.
        #expect(result.payerAmount == money("200.80", .yuan))
        let cardAfter = try await fixture.balance(IssuerLedgerAccounts.cardAccount(token: token.token))
        #expect(cardBefore - cardAfter == 20_080)
        let record = try #require(try await fixture.gateway.record("CARD-1"))
        #expect(record.trail.card?.lastFour == "7899")
        #expect(record.trail.iso8583.count >= 2)
        let everything = "\(record.trail)" + (record.cardRequest.map { "\($0)" } ?? "")
        #expect(!everything.contains("6212340000007899"))
        #expect(record.cardRequest?.fields[2] == nil)
        try GatewayFixture.expectValid(record.messages)
        try await fixture.ledger.expectVerified()
    }

    @Test("DCC: a Mir card in Beijing pays in roubles with the markup disclosed and earned by the acquirer")
    func dynamicCurrencyConversion() async throws {
        let fixture = try await GatewayFixture.make()
        let result = await fixture.gateway.submit(.card(CardPaymentDetails(
            pan: try PrimaryAccountNumber("2200700000001239"), expiry: "2912", present: false, merchant: "beijing-restaurant",
            amount: money("50.00", .yuan), dcc: true)))
        #expect(result.status == .approved, "\(result)")
        // 50 × 12.64 = 632.00 RUB at mid; a 3% markup is 18.96 RUB (rounding may add a kopeck).
        let payer = try #require(result.payerAmount)
        #expect((65_096...65_097).contains(payer.minorUnits))
        let markup = try await fixture.balance(GatewayAccounts.feeIncome(of: "beijing-acquiring", kind: .fxMargin, currency: .rubles))
        #expect(markup == payer.minorUnits - 63_200)
        let record = try #require(try await fixture.gateway.record(result.paymentID))
        #expect(record.trail.quote?.contains("markup") == true)
        try await fixture.ledger.expectVerified()
    }

    @Test("The same payment id twice: one booking, the first answer; another request under it is refused")
    func idempotentByPaymentID() async throws {
        let fixture = try await GatewayFixture.make()
        let payload = try GatewayFixture.payload("beijing-restaurant", amount: "10.00")
        let request = PaymentRequest.qr(QRPaymentDetails(payload: payload, payer: BankPayer(bank: "mirbank", reference: "pavel.orlov")), id: "SAME")
        let first = await fixture.gateway.submit(request)
        let snapshot = try await fixture.ledger.snapshot()
        let second = await fixture.gateway.submit(request)
        #expect(first == second)
        #expect(try await fixture.ledger.snapshot() == snapshot)
        let other = await fixture.gateway.submit(.qr(QRPaymentDetails(
            payload: try GatewayFixture.payload("beijing-restaurant", amount: "11.00"),
            payer: BankPayer(bank: "mirbank", reference: "pavel.orlov")), id: "SAME"))
        #expect(other.status == .declined)
        #expect(try await fixture.ledger.snapshot() == snapshot)
    }

    @Test("Refunds: part, then the rest; the payer gets back exactly what was paid; pacs.004 validates")
    func refundsReturnExactly() async throws {
        let fixture = try await GatewayFixture.make()
        let opening = try await fixture.customerBalance("anna.smirnova", bank: "mirbank", .rubles)
        let payload = try GatewayFixture.payload("beijing-restaurant", amount: "333.33")
        let paid = await fixture.gateway.submit(.qr(QRPaymentDetails(payload: payload, payer: BankPayer(bank: "mirbank", reference: "anna.smirnova")), id: "P-REF"))
        #expect(paid.status == .approved)
        let part = try await fixture.gateway.refund(paymentID: "P-REF", amount: money("100.00", .yuan), refundID: "P-REF-1")
        #expect(part.status == .approved)
        let rest = try await fixture.gateway.refund(paymentID: "P-REF", refundID: "P-REF-2")
        #expect(rest.merchantAmount == money("233.33", .yuan))
        await #expect(throws: GatewayError.self) { try await fixture.gateway.refund(paymentID: "P-REF", amount: money("0.01", .yuan)) }
        #expect(try await fixture.customerBalance("anna.smirnova", bank: "mirbank", .rubles) == opening)
        #expect(try await fixture.balance(GatewayAccounts.merchant("beijing-restaurant", currency: .yuan)) == 0)
        let refund = try #require(try await fixture.gateway.record("P-REF-1"))
        #expect(refund.messages.count == 1)
        try GatewayFixture.expectValid(refund.messages)
        #expect(try await fixture.gateway.record("P-REF")?.result.status == .refunded)
        // A retried refund id is the first answer, not a second refund.
        let again = try await fixture.gateway.refund(paymentID: "P-REF", amount: money("100.00", .yuan), refundID: "P-REF-1")
        #expect(again == part)
        try await fixture.ledger.expectVerified()
    }

    @Test("A card payment reversed the same day: the card and every account are back where they were")
    func cardReversal() async throws {
        let fixture = try await GatewayFixture.make()
        let snapshotBalances = try await fixture.ledger.snapshot().balances
        let result = await fixture.gateway.submit(.card(CardPaymentDetails(
            pan: try PrimaryAccountNumber("2200700000001239"), expiry: "2912", merchant: "beijing-restaurant",
            amount: money("88.00", .yuan)), id: "REV-1"))
        #expect(result.status == .approved, "\(result)")
        let reversal = try await fixture.gateway.reverse(paymentID: "REV-1")
        #expect(reversal.status == .approved)
        let after = try await fixture.ledger.snapshot().balances
        func net(_ balances: [AccountBalance]) -> [AccountID: Int64] {
            Dictionary(uniqueKeysWithValues: balances.map { ($0.id, $0.creditsPosted - $0.debitsPosted - $0.debitsPending + $0.creditsPending) })
        }
        let before = net(snapshotBalances)
        for (id, value) in net(after) where (before[id] ?? 0) != value {
            Issue.record("account \(id) moved from \(before[id] ?? 0) to \(value)")
        }
        #expect(try await fixture.gateway.record("REV-1")?.result.status == .reversed)
        try await fixture.ledger.expectVerified()
    }
}
