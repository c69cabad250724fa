import CorridorCore
import CorridorGateway
import CorridorLedger
import CorridorTesting
import Foundation
import Testing

@Suite("Gateway declines leave the ledger untouched")
struct GatewayDeclineTests {
    /// The money on the ledger: every transfer record and every non-zero balance.
    static func money(_ fixture: GatewayFixture) async throws -> ([TransferRecord], [AccountID: [Int64]]) {
        let snapshot = try await fixture.ledger.snapshot()
        var balances: [AccountID: [Int64]] = [:]
        for b in snapshot.balances where b.debitsPosted != 0 || b.creditsPosted != 0 || b.debitsPending != 0 || b.creditsPending != 0 {
            balances[b.id] = [b.debitsPosted, b.creditsPosted, b.debitsPending, b.creditsPending]
        }
        return (snapshot.records, balances)
    }

    static func expectDeclined(
        _ fixture: GatewayFixture, _ request: PaymentRequest, code: String, iso20022: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = try await money(fixture)
        let result = await fixture.gateway.submit(request)
        #expect(result.status == .declined, "\(result)", sourceLocation: sourceLocation)
        #expect(result.responseCode == code, "\(result.declineReason.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
        #expect(result.declineReason?.iso20022Code == iso20022, sourceLocation: sourceLocation)
        #expect(result.transferID == nil, sourceLocation: sourceLocation)
        let after = try await money(fixture)
        #expect(after.0 == before.0, "a transfer was recorded", sourceLocation: sourceLocation)
        #expect(after.1 == before.1, "a balance moved", sourceLocation: sourceLocation)
        let record = try #require(try await fixture.gateway.record(result.paymentID), sourceLocation: sourceLocation)
        #expect(record.trail.events.last?.step == "decline", sourceLocation: sourceLocation)
        try await fixture.ledger.expectVerified()
    }

    @Test("A payer on the watch list (written in Cyrillic) is declined with 05 / RR04 and audited")
    func screeningHit() async throws {
        let fixture = try await GatewayFixture.make()
        let payload = try GatewayFixture.payload("beijing-restaurant", amount: "20.00")
        try await Self.expectDeclined(fixture, .qr(QRPaymentDetails(
            payload: payload, payer: BankPayer(bank: "mirbank", reference: "ivan.sanctionov"))), code: "05", iso20022: "RR04")
        #expect(fixture.gateway.screeningAudit().contains { $0.entryID == "CDL-0001" })
    }

    @Test("Insufficient funds in the payer's account: 51 / AM04")
    func insufficientFunds() async throws {
        let fixture = try await GatewayFixture.make()
        try await Self.expectDeclined(fixture, .qr(QRPaymentDetails(
            payload: try GatewayFixture.payload("moscow-souvenirs"), payer: BankPayer(bank: "huaxiabank", reference: "zhang.min"),
            amount: GatewayFixture.rub("20000.00"))), code: "51", iso20022: "AM04")
    }

    @Test("An expired quote: 96 / AB05")
    func expiredQuote() async throws {
        let fixture = try await GatewayFixture.make()
        let amount = GatewayFixture.cny("40.00")
        let quote = try fixture.gateway.quote(amount: amount, payerCurrency: Currency(alphaCode: "RUB")!)
        fixture.clock.advance(by: 61)
        try await Self.expectDeclined(fixture, .qr(QRPaymentDetails(
            payload: try GatewayFixture.payload("beijing-restaurant", amount: "40.00"),
            payer: BankPayer(bank: "mirbank", reference: "anna.smirnova")), quoteID: quote.id), code: "96", iso20022: "AB05")
    }

    @Test("A quote accepted in time is honoured at its figures")
    func quoteHonoured() async throws {
        let fixture = try await GatewayFixture.make()
        let quote = try fixture.gateway.quote(amount: GatewayFixture.cny("40.00"), payerCurrency: Currency(alphaCode: "RUB")!, participant: "mirbank")
        fixture.clock.advance(by: 30)
        let result = await fixture.gateway.submit(.qr(QRPaymentDetails(
            payload: try GatewayFixture.payload("beijing-restaurant", amount: "40.00"),
            payer: BankPayer(bank: "mirbank", reference: "anna.smirnova")), quoteID: quote.id))
        #expect(result.status == .approved)
        #expect(result.payerAmount == quote.payerAmount)
    }

    @Test("A QR code naming no merchant in the directory: 03 / BE01")
    func unknownMerchant() async throws {
        let fixture = try await GatewayFixture.make()
        // The Shanghai tea house's code with another wallet account: valid EMV, unknown merchant.
        let payload = try GatewayFixture.payload("beijing-taxi-dynamic").replacingOccurrences(of: "6229100000000008842", with: "6229100000000009999")
        let fixed = try GatewayFixture.recrc(payload)
        try await Self.expectDeclined(fixture, .qr(QRPaymentDetails(
            payload: fixed, payer: BankPayer(bank: "mirbank", reference: "anna.smirnova"), amount: GatewayFixture.cny("10.00"))),
            code: "03", iso20022: "BE01")
    }

    @Test("A QR code with a broken CRC: 30 / FF01, naming the problem")
    func badQR() async throws {
        let fixture = try await GatewayFixture.make()
        var payload = try GatewayFixture.payload("beijing-restaurant", amount: "10.00")
        payload.removeLast()
        payload.append("0")
        try await Self.expectDeclined(fixture, .qr(QRPaymentDetails(
            payload: payload, payer: BankPayer(bank: "mirbank", reference: "anna.smirnova"))), code: "30", iso20022: "FF01")
    }

    @Test("A stolen card: the issuer's 43 / AC06; nothing posted")
    func stolenCard() async throws {
        let fixture = try await GatewayFixture.make()
        try await Self.expectDeclined(fixture, .card(CardPaymentDetails(
            pan: try PrimaryAccountNumber("6212340000003211"), expiry: "2810", merchant: "moscow-souvenirs",
            amount: GatewayFixture.rub("100.00"))), code: "43", iso20022: "AC06")
    }

    @Test("Limits per payer: the second payment over the daily cap declines with 61 / AM14")
    func payerLimit() async throws {
        let limits = ScreeningLimits(payerDailyMax: [GatewayFixture.cny("150.00")])
        let fixture = try await GatewayFixture.make(limits: limits)
        let first = await fixture.gateway.submit(.qr(QRPaymentDetails(
            payload: try GatewayFixture.payload("beijing-restaurant", amount: "100.00"),
            payer: BankPayer(bank: "mirbank", reference: "pavel.orlov"))))
        #expect(first.status == .approved)
        try await Self.expectDeclined(fixture, .qr(QRPaymentDetails(
            payload: try GatewayFixture.payload("beijing-restaurant", amount: "60.00"),
            payer: BankPayer(bank: "mirbank", reference: "pavel.orlov"))), code: "61", iso20022: "AM14")
    }
}
