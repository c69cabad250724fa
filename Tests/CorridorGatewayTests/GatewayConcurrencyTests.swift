import CorridorCore
import CorridorGateway
import CorridorLedger
import CorridorLedgerSQLite
import CorridorGatewaySQLite
import CorridorIssuer
import CorridorTesting
import Foundation
import Testing

@Suite("Gateway under concurrency")
struct GatewayConcurrencyTests {
    @Test("200 concurrent payments against money for 100: exactly 100 approved, none overdrawn")
    func concurrentPaymentsNeverOverdraw() async throws {
        let fixture = try await GatewayFixture.make()
        // zhang.min holds 500.00 CNY; each payment of 5.00 CNY for 63.20 RUB at mid costs 5.02 CNY with the 40 bps spread,
        // so 99 fit (496.98) and the 100th does not.
        let payload = try GatewayFixture.payload("moscow-souvenirs")
        let gateway = fixture.gateway
        let results = await withTaskGroup(of: PaymentResult.self) { group in
            for index in 0..<200 {
                group.addTask {
                    await gateway.submit(.qr(QRPaymentDetails(
                        payload: payload, payer: BankPayer(bank: "huaxiabank", reference: "zhang.min"),
                        amount: GatewayFixture.rub("63.20")), id: "CONC-\(index)"))
                }
            }
            var all: [PaymentResult] = []
            for await result in group { all.append(result) }
            return all
        }
        let approved = results.filter(\.isApproved)
        #expect(approved.count == 99)
        #expect(results.filter { $0.responseCode == "51" }.count == 101)
        #expect(try await fixture.customerBalance("zhang.min", bank: "huaxiabank", .yuan) == 50_000 - 99 * 502)
        try await fixture.ledger.expectVerified()
    }

    @Test("On SQLite, 150 concurrent approvals are each on the ledger and in the records after a reopen")
    func sqliteApprovalsAreDurable() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-gw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("corridor.sqlite").path
        let payload = try GatewayFixture.payload("beijing-restaurant", amount: "1.00")
        var approvedIDs: [String] = []
        do {
            let backend = try SQLiteSettlementBackend(path: path)
            let gateway = try await GatewayFixture.world.makeGateway(
                backend: backend, store: try SQLitePaymentStore(path: path), tokenizer: GatewayFixture.tokenizer)
            approvedIDs = await withTaskGroup(of: PaymentResult.self) { group in
                for index in 0..<150 {
                    group.addTask {
                        await gateway.submit(.qr(QRPaymentDetails(payload: payload, payer: BankPayer(bank: "mirbank", reference: "anna.smirnova")),
                                                 id: "SQL-\(index)"))
                    }
                }
                var ids: [String] = []
                for await result in group where result.isApproved { ids.append(result.paymentID) }
                return ids
            }
        }
        #expect(approvedIDs.count == 150)
        // A new process's view: reopen both and find every approval, once, with its ledger transfer.
        let backend = try SQLiteSettlementBackend(path: path)
        let store = try SQLitePaymentStore(path: path)
        for id in approvedIDs {
            let record = try #require(try await store.record(id))
            let transfer = try #require(record.result.transferID.flatMap { LedgerIdentifier(string: $0) })
            #expect(try await backend.lookup(transfers: [transfer]).count == 1)
        }
        #expect(try await backend.verify().isBalanced)
    }
}

@Suite("Gateway duplicate ids in flight")
struct GatewayInFlightTests {
    @Test("The same card payment id sent 20 times at once debits the card once")
    func concurrentDuplicatesDebitOnce() async throws {
        let fixture = try await GatewayFixture.make()
        let pan = try PrimaryAccountNumber("2200700000001239")
        let card = IssuerCardAccount.id(pan)
        let before = try await fixture.balance(card)
        let gateway = fixture.gateway
        let results = await withTaskGroup(of: PaymentResult.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    await gateway.submit(.card(CardPaymentDetails(pan: pan, expiry: "2912", merchant: "moscow-hotel",
                                                                  amount: GatewayFixture.rub("1000.00")), id: "DUP-CARD"))
                }
            }
            var all: [PaymentResult] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.contains { $0.status == .approved })
        #expect(results.allSatisfy { $0.status == .approved || $0.responseCode == "09" })
        #expect(try await fixture.balance(card) == before - 100_000)
        // Once decided, a retry gets the first answer.
        let retry = await gateway.submit(.card(CardPaymentDetails(pan: pan, expiry: "2912", merchant: "moscow-hotel",
                                                                  amount: GatewayFixture.rub("1000.00")), id: "DUP-CARD"))
        #expect(retry.status == .approved)
        #expect(try await fixture.balance(card) == before - 100_000)
    }
}

/// The issuer host's ledger account of a card, from its PAN and the fixture's tokenizer.
enum IssuerCardAccount {
    static func id(_ pan: PrimaryAccountNumber) -> AccountID {
        IssuerLedgerAccounts.cardAccount(token: GatewayFixture.tokenizer.token(for: pan).token)
    }
}

@Suite("Gateway concurrent refunds")
struct GatewayConcurrentRefundTests {
    @Test("Ten concurrent refunds of 10.00 against a 50.00 payment never return more than was paid")
    func concurrentRefundsNeverOverRefund() async throws {
        let fixture = try await GatewayFixture.make()
        let opening = try await fixture.customerBalance("pavel.orlov", bank: "mirbank", .rubles)
        let paid = await fixture.gateway.submit(.qr(QRPaymentDetails(
            payload: try GatewayFixture.payload("beijing-restaurant", amount: "50.00"),
            payer: BankPayer(bank: "mirbank", reference: "pavel.orlov")), id: "REF-RACE"))
        #expect(paid.status == .approved)
        let gateway = fixture.gateway
        let refunded = await withTaskGroup(of: Int64.self) { group in
            for index in 0..<10 {
                group.addTask {
                    let result = try? await gateway.refund(paymentID: "REF-RACE", amount: GatewayFixture.cny("10.00"),
                                                           refundID: "REF-RACE-\(index)")
                    return result?.merchantAmount.minorUnits ?? 0
                }
            }
            var total: Int64 = 0
            for await amount in group { total += amount }
            return total
        }
        #expect(refunded <= 5_000)
        let record = try #require(try await fixture.gateway.record("REF-RACE"))
        #expect(record.refundedMinorUnits == refunded)
        // The payer got back exactly the refunded share of what it paid, never more.
        let back = try await fixture.customerBalance("pavel.orlov", bank: "mirbank", .rubles) - (opening - (paid.payerAmount?.minorUnits ?? 0))
        #expect(back >= 0 && back <= paid.payerAmount?.minorUnits ?? 0)
        if refunded == 5_000 { #expect(back == paid.payerAmount?.minorUnits) }
        try await fixture.ledger.expectVerified()
    }
}
