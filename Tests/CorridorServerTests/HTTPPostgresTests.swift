import CorridorGatewayPostgres
import CorridorLedgerPostgres
import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Two servers on one PostgreSQL behave as one service. Runs with `CORRIDOR_POSTGRES_URL` set
/// (`eval "$(Tools/postgres-test-cluster.sh start)"`); skipped without it, except in CI, where it fails instead.
@Suite("HTTP on PostgreSQL")
struct HTTPPostgresTests {
    static let url: String? = {
        let value = ProcessInfo.processInfo.environment["CORRIDOR_POSTGRES_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    static let isCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    @Test(.enabled(if: url != nil || isCI, "CORRIDOR_POSTGRES_URL is not set"))
    func twoServersOnOnePostgreSQLShareKeysPaymentsAndIdempotentResponses() async throws {
        let url = try #require(Self.url, "CORRIDOR_POSTGRES_URL must be set in CI")
        let schema = "http_\(UInt64.random(in: 0...UInt64.max))"

        // Each server has its own connections to everything, as two `corridor serve` processes on two machines: the
        // ledger, the key table and the payment records, all in one schema; no file is shared.
        let ledgerA = try await PostgresSettlementBackend.connect(url: url, schema: schema)
        let ledgerB = try await PostgresSettlementBackend.connect(url: url, schema: schema)
        let tableA = try await PostgresKeyValueStore.connect(url: url, schema: schema)
        let tableB = try await PostgresKeyValueStore.connect(url: url, schema: schema)
        let recordsA = try await PostgresPaymentStore.connect(url: url, schema: schema)
        let recordsB = try await PostgresPaymentStore.connect(url: url, schema: schema)
        do {
            let a = try await HTTPTestWorld.make(backend: ledgerA, store: recordsA, table: tableA)
            let b = try await HTTPTestWorld.make(backend: ledgerB, store: recordsB, table: tableB, issueKeys: false)
            let headers = HTTPTestWorld.headers(a.keys["beijing-acquiring"], json: true, idempotencyKey: "pg-order-1")
            let body = HTTPPaymentTests.cardPayment(amount: "42.00", id: "CARD-PG-1")
            let first = try await a.application().test(.router) { client in
                let response = try await client.execute(uri: "/payments", method: .post, headers: headers, body: body)
                #expect(response.status == .created)
                return response.text
            }
            try await b.application().test(.router) { client in
                // The key issued through A authenticates on B; the payment made through A is visible through B.
                let payment = try await client.execute(
                    uri: "/payments/CARD-PG-1", method: .get,
                    headers: HTTPTestWorld.headers(a.keys["beijing-acquiring"]))
                #expect(payment.status == .ok)
                #expect(try payment.json()["status"] as? String == "approved")
                // The idempotency key used on A is honoured by B: the same response, not a second payment.
                let replay = try await client.execute(uri: "/payments", method: .post, headers: headers, body: body)
                #expect(replay.status == .created)
                #expect(replay.text == first)
                #expect(replay.headers[HTTPFields.Element.Name("Idempotency-Replayed")!] == "true")
                let other = try await client.execute(
                    uri: "/payments", method: .post, headers: headers,
                    body: HTTPPaymentTests.cardPayment(amount: "43.00", id: "CARD-PG-2"))
                #expect(other.status == .unprocessableContent)
                let verify = try await client.execute(
                    uri: "/ledger/verify", method: .get,
                    headers: HTTPTestWorld.headers(a.adminKey))
                #expect(try verify.json()["balanced"] as? Bool == true)
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
