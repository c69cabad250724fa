import CorridorGatewayPostgres
import CorridorGatewaySQLite
import CorridorLedger
import CorridorLedgerPostgres
import CorridorLedgerSQLite
import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Merchants created through the API are kept in the server's durable table: a restarted server still has them
/// (QR code, card payments), and two servers on one PostgreSQL see each other's at once.
@Suite("HTTP merchants are durable and shared")
struct HTTPMerchantTableTests {
    /// A Moscow kiosk taking cards and SBP QR, acquired by moscow-acquiring, with its own QR identifier.
    static func kiosk(_ id: String) -> ByteBuffer {
        .json(
            #"{"id":"\#(id)","name":"Kiosk \#(id)","city":"Moscow","country":"RU","mcc":"5999","currency":"RUB","instruments":["card","emv_qr"],"qrIdentifiers":["QR-\#(id)"]}"#
        )
    }

    /// A card payment at `merchant` by the sample Mir card.
    static func cardPayment(merchant: String, id: String) -> ByteBuffer {
        .json(
            #"{"id":"\#(id)","card":{"pan":"2200700000001239","expiry":"2912","merchant":"\#(merchant)","amount":{"value":"12.34","currency":"RUB"}}}"#
        )
    }

    @Test func aMerchantCreatedBeforeARestartIsStillThereAndPayable() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-merchants-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("corridor.sqlite").path

        let before = try await HTTPTestWorld.make(
            backend: try SQLiteSettlementBackend(path: path), store: try SQLitePaymentStore(path: path),
            table: try SQLiteKeyValueStore(path: path))
        let moscowKey = try #require(before.keys["moscow-acquiring"])
        try await before.application().test(.router) { client in
            let created = try await client.execute(
                uri: "/merchants", method: .post, headers: HTTPTestWorld.headers(moscowKey, json: true),
                body: Self.kiosk("kiosk-7"))
            #expect(created.status == .created)
        }

        // A new service over the same file: what `corridor serve` is after a restart. The keys are in the file too.
        let after = try await HTTPTestWorld.make(
            backend: try SQLiteSettlementBackend(path: path), store: try SQLitePaymentStore(path: path),
            table: try SQLiteKeyValueStore(path: path), issueKeys: false)
        try await after.application().test(.router) { client in
            let moscow = HTTPTestWorld.headers(moscowKey)
            let merchant = try await client.execute(uri: "/merchants/kiosk-7", method: .get, headers: moscow)
            #expect(merchant.status == .ok)
            #expect(try merchant.json()["name"] as? String == "Kiosk kiosk-7")
            #expect(try merchant.json()["acquirer"] as? String == "moscow-acquiring")
            let code = try await client.execute(uri: "/merchants/kiosk-7/qr?amount=5.00", method: .get, headers: moscow)
            #expect(code.status == .ok)
            #expect((try code.json()["payload"] as? String)?.contains("QR-kiosk-7") == true)
            let payment = try await client.execute(
                uri: "/payments", method: .post, headers: HTTPTestWorld.headers(moscowKey, json: true),
                body: Self.cardPayment(merchant: "kiosk-7", id: "KIOSK-7-1"))
            #expect(payment.status == .created)
            #expect(try payment.json()["status"] as? String == "approved")
            // The same id again is a conflict, not a second merchant.
            let again = try await client.execute(
                uri: "/merchants", method: .post, headers: HTTPTestWorld.headers(moscowKey, json: true),
                body: Self.kiosk("kiosk-7"))
            #expect(again.status == .conflict)
        }
    }

    @Test(.enabled(if: HTTPPostgresTests.url != nil || HTTPPostgresTests.isCI, "CORRIDOR_POSTGRES_URL is not set"))
    func twoServersOnOnePostgreSQLShareTheMerchantsEitherCreates() async throws {
        let url = try #require(HTTPPostgresTests.url, "CORRIDOR_POSTGRES_URL must be set in CI")
        let schema = "http_merchants_\(UInt64.random(in: 0...UInt64.max))"
        // Each server has its own ledger, key table and payment records connections, all in one schema.
        let ledgerA = try await PostgresSettlementBackend.connect(url: url, schema: schema)
        let ledgerB = try await PostgresSettlementBackend.connect(url: url, schema: schema)
        let tableA = try await PostgresKeyValueStore.connect(url: url, schema: schema)
        let tableB = try await PostgresKeyValueStore.connect(url: url, schema: schema)
        let recordsA = try await PostgresPaymentStore.connect(url: url, schema: schema)
        let recordsB = try await PostgresPaymentStore.connect(url: url, schema: schema)
        do {
            let a = try await HTTPTestWorld.make(backend: ledgerA, store: recordsA, table: tableA)
            // B starts before the merchant exists: it must learn of it without a restart.
            let b = try await HTTPTestWorld.make(backend: ledgerB, store: recordsB, table: tableB, issueKeys: false)
            let moscowKey = try #require(a.keys["moscow-acquiring"])
            let json = HTTPTestWorld.headers(moscowKey, json: true)
            try await a.application().test(.router) { clientA in
                try await b.application().test(.router) { clientB in
                    let created = try await clientA.execute(
                        uri: "/merchants", method: .post, headers: json, body: Self.kiosk("kiosk-pg"))
                    #expect(created.status == .created)
                    let seen = try await clientB.execute(
                        uri: "/merchants/kiosk-pg", method: .get, headers: HTTPTestWorld.headers(moscowKey))
                    #expect(seen.status == .ok)
                    let payment = try await clientB.execute(
                        uri: "/payments", method: .post, headers: json,
                        body: Self.cardPayment(merchant: "kiosk-pg", id: "KIOSK-PG-1"))
                    #expect(payment.status == .created)
                    #expect(try payment.json()["status"] as? String == "approved")
                    // The same new id created on both servers at once: exactly one wins.
                    async let onA = clientA.execute(
                        uri: "/merchants", method: .post, headers: json, body: Self.kiosk("kiosk-race"))
                    async let onB = clientB.execute(
                        uri: "/merchants", method: .post, headers: json, body: Self.kiosk("kiosk-race"))
                    let statuses = [try await onA.status, try await onB.status]
                    #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
                    #expect(statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
                    let listA = try await clientA.execute(
                        uri: "/merchants?limit=500", method: .get, headers: HTTPTestWorld.headers(moscowKey))
                    let listB = try await clientB.execute(
                        uri: "/merchants?limit=500", method: .get, headers: HTTPTestWorld.headers(moscowKey))
                    #expect(listA.text == listB.text)
                    #expect(listA.text.contains("kiosk-race"))
                }
            }
        } catch {
            Issue.record(error)
        }
        await tableA.shutdown()
        await tableB.shutdown()
        await recordsA.shutdown()
        await recordsB.shutdown()
        await ledgerB.shutdown()
        try await ledgerA.dropSchemaAndShutdown()
    }
}
