import CorridorCore
import CorridorGateway
import CorridorISO20022
import CorridorLedger
import CorridorTesting
import Foundation
import Testing

@Suite("Gateway clearing end to end")
struct GatewayClearingTests {
    /// Every payment kind on every corridor the sample world has, one refund and one reversal.
    static func tradingDay(_ fixture: GatewayFixture) async throws -> [PaymentResult] {
        let gateway = fixture.gateway
        func qr(_ profile: String, _ amount: String?, _ payer: String, typed: Money? = nil) async throws -> PaymentResult {
            let parts = payer.split(separator: "/").map(String.init)
            return await gateway.submit(.qr(QRPaymentDetails(
                payload: try GatewayFixture.payload(profile, amount: amount), payer: BankPayer(bank: parts[0], reference: parts[1]),
                amount: typed)))
        }
        func card(_ pan: String, _ expiry: String, _ merchant: String, _ amount: Money, present: Bool = true) async throws -> PaymentResult {
            await gateway.submit(.card(CardPaymentDetails(pan: try PrimaryAccountNumber(pan), expiry: expiry, present: present,
                                                          merchant: merchant, amount: amount)))
        }
        var results: [PaymentResult] = []
        results.append(try await qr("beijing-restaurant", "150.00", "mirbank/anna.smirnova"))             // RU→CN EMV
        results.append(try await qr("shanghai-teahouse", nil, "huaxiabank/li.wei", typed: GatewayFixture.cny("45.00")))  // CN domestic EMV
        results.append(try await qr("moscow-souvenirs", nil, "huaxiabank/li.wei", typed: GatewayFixture.rub("900.00")))  // CN→RU SBP
        results.append(try await qr("moscow-souvenirs", nil, "mirbank/pavel.orlov", typed: GatewayFixture.rub("450.00")))  // RU domestic SBP
        results.append(try await qr("moscow-hotel", nil, "eurobank/hans.weber"))                          // DE→RU GOST (EUR payer)
        results.append(try await qr("spb-cafe", "777.00", "mirbank/pavel.orlov"))                         // RU domestic EMV
        results.append(try await card("2200700000001239", "2912", "beijing-restaurant", GatewayFixture.cny("310.00")))  // RU→CN Mir
        results.append(try await card("6212340000007899", "3001", "moscow-souvenirs", GatewayFixture.rub("5000.00"), present: false))  // CN→RU UnionPay CNP
        results.append(try await card("4000000000001117", "2911", "beijing-restaurant", GatewayFixture.cny("99.00")))   // DE→CN Visa, EUR→CNY cross
        results.append(try await card("2200700000001239", "2912", "moscow-hotel", GatewayFixture.rub("2000.00")))       // RU domestic Mir
        for result in results { #expect(result.status == .approved, "\(result)") }
        _ = try await gateway.refund(paymentID: results[0].paymentID, amount: GatewayFixture.cny("50.00"))
        _ = try await gateway.reverse(paymentID: results[6].paymentID)
        return results
    }

    @Test("A day of every kind clears: ledger = messages = netting, positions back to zero, every file valid, idempotent")
    func dayClears() async throws {
        let fixture = try await GatewayFixture.make()
        let results = try await Self.tradingDay(fixture)
        // Every payment's own messages validate.
        for result in results {
            let record = try #require(try await fixture.gateway.record(result.paymentID))
            try GatewayFixture.expectValid(record.messages)
        }
        let day = try #require(ISODate(text: results[0].businessDate))
        let run = try await fixture.gateway.clear(businessDate: day)
        #expect(run.reconciliation.isBalanced, "\(run.reconciliationMarkdown)")
        #expect(!run.settlementMessages.isEmpty)
        for message in run.settlementMessages {
            try XMLLint.expectValid(message.headerXML, definition: "head.001.001.02")
            try XMLLint.expectValid(message.documentXML, definition: "pacs.009.001.08")
        }
        for statement in run.statements { try XMLLint.expectValid(statement.xml, definition: "camt.053.001.08") }
        for notification in run.notifications { try XMLLint.expectValid(notification.xml, definition: "camt.054.001.08") }
        // After settlement every position account is back at zero.
        let directory = fixture.gateway.directory
        var checked = 0
        for participant in directory.participants.keys {
            for currency in [Currency.rubles, .yuan, Currency(alphaCode: "EUR")!] {
                if let balance = try await fixture.backend.balance(of: GatewayAccounts.position(of: participant, currency: currency)) {
                    #expect(balance.creditsPosted == balance.debitsPosted, "\(participant) \(currency)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 6)
        try await fixture.ledger.expectVerified()
        // Clearing again changes nothing and gives the same files.
        let before = try await fixture.ledger.snapshot()
        let again = try await fixture.gateway.clear(businessDate: day)
        #expect(try await fixture.ledger.snapshot() == before)
        #expect(again.files.map(\.text) == run.files.map(\.text))
    }

    @Test("Netting of a gateway day equals the obligations summed the slow way")
    func nettingMatchesBruteForce() async throws {
        let fixture = try await GatewayFixture.make()
        let results = try await Self.tradingDay(fixture)
        let day = try #require(ISODate(text: results[0].businessDate))
        let run = try await fixture.gateway.clear(businessDate: day)
        var expected: [String: Int64] = [:]
        var itemCount = 0
        for result in results {
            for id in [result.paymentID, result.paymentID + "-R1", result.paymentID + "-X1"] {
                guard let item = try await fixture.gateway.record(id)?.clearingItem else { continue }
                itemCount += 1
                for obligation in item.obligations {
                    expected["\(obligation.debtor)/\(obligation.amount.currency.alphaCode)", default: 0] += obligation.amount.minorUnits
                    expected["\(obligation.creditor)/\(obligation.amount.currency.alphaCode)", default: 0] -= obligation.amount.minorUnits
                }
            }
        }
        #expect(itemCount == results.count + 2)
        var actual: [String: Int64] = [:]
        for currency in run.netting.currencies {
            for position in currency.positions where position.owes != 0 {
                actual["\(position.participant)/\(position.currency.alphaCode)"] = position.owes
            }
        }
        #expect(actual == expected.filter { $0.value != 0 })
    }
}
