import CorridorGateway
import CorridorGatewayPostgres
import CorridorLedger
import Foundation
import Testing

@testable import CorridorLedgerPostgres

/// What only the PostgreSQL store does: share records between processes, migrate under the schema's lock, refuse a
/// newer table, fail without credentials or values in its messages. Runs with `CORRIDOR_POSTGRES_URL` set; skipped
/// without it, except in CI, where it fails instead.
@Suite("PostgresPaymentStore", .enabled(if: PostgresTestDatabase.isEnabled, "CORRIDOR_POSTGRES_URL is not set"))
struct PostgresPaymentStoreTests {
    /// Two stores on one schema (two `corridor serve` processes): what one saves, the other reads.
    @Test func recordsSavedThroughOneStoreAreReadThroughAnother() async throws {
        let url = try PostgresTestDatabase.requireURL()
        let schema = PostgresTestDatabase.randomSchema("payments_shared")
        let a = try await PostgresPaymentStore.connect(url: url, schema: schema)
        let b = try await PostgresPaymentStore.connect(url: url, schema: schema)
        do {
            let record = StoreFixtures.completeRecord(id: "pay-shared")
            try await a.save([record])
            #expect(try await b.record("pay-shared") == record)
            var refunded = record
            refunded.refundedMinorUnits = 15_000
            try await b.save([refunded, StoreFixtures.record(id: "pay-later", on: StoreFixtures.day1)])
            #expect(try await a.records(businessDate: StoreFixtures.day1).map(\.result.paymentID)
                == ["pay-shared", "pay-later"])
            #expect(try await a.record("pay-shared") == refunded)
        } catch {
            Issue.record(error)
        }
        await b.shutdown()
        try await a.dropSchemaAndShutdown()
    }

    /// Stores and a ledger opening a new schema all at once (processes starting together): each migration runs
    /// once, none fails.
    @Test func storesAndALedgerStartingTogetherMigrateOnce() async throws {
        let url = try PostgresTestDatabase.requireURL()
        let schema = PostgresTestDatabase.randomSchema("payments_start")
        let stores = try await withThrowingTaskGroup(of: PostgresPaymentStore.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresPaymentStore.connect(url: url, schema: schema) } }
            var opened: [PostgresPaymentStore] = []
            try await withThrowingTaskGroup(of: Void.self) { ledgers in
                ledgers.addTask {
                    let ledger = try await PostgresSettlementBackend.connect(url: url, schema: schema, poolSize: 1)
                    await ledger.shutdown()
                }
                for try await store in group { opened.append(store) }
                try await ledgers.waitForAll()
            }
            return opened
        }
        #expect(stores.count == 4)
        #expect(try await PostgresLedgerAdmin.texts(
            url: url, sql: #"SELECT version::text FROM "\#(schema)".gateway_migrations"#) == ["1"])
        #expect(try await PostgresLedgerAdmin.texts(
            url: url, sql: #"SELECT max(version)::text FROM "\#(schema)".schema_migrations"#)
            == [String(PostgresLedgerSchema.versionSupported)])
        let record = StoreFixtures.record(id: "pay-after-start", on: StoreFixtures.day1)
        try await stores[0].save([record])
        #expect(try await stores[3].record("pay-after-start") == record)
        for store in stores.dropFirst() { await store.shutdown() }
        try await stores[0].dropSchemaAndShutdown()
    }

    @Test func tableMigratedByANewerBuildIsRefused() async throws {
        let url = try PostgresTestDatabase.requireURL()
        let schema = PostgresTestDatabase.randomSchema("payments_newer")
        let store = try await PostgresPaymentStore.connect(url: url, schema: schema)
        _ = try await PostgresLedgerAdmin.texts(
            url: url, sql: #"INSERT INTO "\#(schema)".gateway_migrations (version) VALUES (9) RETURNING 'x'"#)
        await #expect(throws: PostgresPaymentStoreError.schemaTooNew(schema: schema, found: 9, supported: 1)) {
            _ = try await PostgresPaymentStore.connect(url: url, schema: schema)
        }
        try await store.dropSchemaAndShutdown()
    }

    /// The PAN is in no column of the table (the trail keeps the card token and last four digits only).
    @Test func storedRowsNeverHoldThePAN() async throws {
        let url = try PostgresTestDatabase.requireURL()
        let schema = PostgresTestDatabase.randomSchema("payments_pan")
        let store = try await PostgresPaymentStore.connect(url: url, schema: schema)
        try await store.save([StoreFixtures.completeRecord(id: "pay-card")])
        let row = #"SELECT t::text FROM "\#(schema)".gateway_payments t"#
        let texts = try await PostgresLedgerAdmin.texts(url: url, sql: row)
        let cardRequests = try await PostgresLedgerAdmin.texts(
            url: url, sql: #"SELECT encode(card_request, 'escape') FROM "\#(schema)".gateway_payments"#)
        #expect(texts.count == 1 && cardRequests.count == 1)
        for text in texts + cardRequests { #expect(!text.contains(StoreFixtures.pan)) }
        #expect(texts.contains { $0.contains(String(StoreFixtures.pan.suffix(4))) })
        try await store.dropSchemaAndShutdown()
    }

    @Test(arguments: ["result", "messages", "clearing_item", "card_request"])
    func damagedColumnIsNamedWhenRead(_ column: String) async throws {
        let url = try PostgresTestDatabase.requireURL()
        let schema = PostgresTestDatabase.randomSchema("payments_damaged")
        let store = try await PostgresPaymentStore.connect(url: url, schema: schema)
        try await store.save([StoreFixtures.completeRecord(id: "pay-damaged")])
        let damage = column == "card_request" ? #"'\x0100'::bytea"# : #"'{"not": "it"}'"#
        _ = try await PostgresLedgerAdmin.texts(url: url, sql: """
            UPDATE "\(schema)".gateway_payments SET \(column) = \(damage) WHERE id = 'pay-damaged' RETURNING id
            """)
        let error = await #expect(throws: PostgresPaymentStoreError.self) { try await store.record("pay-damaged") }
        guard case .decodingFailed(let id, let found, _) = error else {
            Issue.record("expected decodingFailed, got \(String(describing: error))")
            try await store.dropSchemaAndShutdown()
            return
        }
        #expect(id == "pay-damaged")
        #expect(found == column)
        #expect(error?.isDatabaseUnavailable == false)
        try await store.dropSchemaAndShutdown()
    }

    /// An unreachable server: the error says where (host and port), never the password, and counts as the database
    /// being unavailable (the HTTP face answers 503).
    @Test func unreachableServerFailsWithoutTheCredentials() async throws {
        let password = "s3cret-Passw0rd"
        let error = await #expect(throws: PostgresPaymentStoreError.self) {
            _ = try await PostgresPaymentStore.connect(url: "postgres://corridor:\(password)@127.0.0.1:1/corridor")
        }
        guard case .openFailed(let endpoint, _) = error else {
            Issue.record("expected openFailed, got \(String(describing: error))")
            return
        }
        #expect(endpoint == "127.0.0.1:1")
        #expect(!"\(error!)".contains(password))
        #expect(error?.isDatabaseUnavailable == true)
        await #expect(throws: PostgresPaymentStoreError.self) {
            _ = try await PostgresPaymentStore.connect(url: "postgres://corridor:\(password)@127.0.0.1/x?pool=9")
        }
    }

    /// A call the database does not complete is a write or read failure that counts as unavailable, naming the ids.
    @Test func callsAfterShutdownFailAsUnavailable() async throws {
        let url = try PostgresTestDatabase.requireURL()
        let schema = PostgresTestDatabase.randomSchema("payments_closed")
        let store = try await PostgresPaymentStore.connect(url: url, schema: schema)
        try await store.save([StoreFixtures.record(id: "pay-before", on: StoreFixtures.day1)])
        await store.shutdown()
        let error = await #expect(throws: PostgresPaymentStoreError.self) {
            try await store.save([StoreFixtures.record(id: "pay-after", on: StoreFixtures.day1)])
        }
        guard case .writeFailed(let ids, _) = error else {
            Issue.record("expected writeFailed, got \(String(describing: error))")
            return
        }
        #expect(ids == ["pay-after"])
        #expect(error?.isDatabaseUnavailable == true)
        let read = await #expect(throws: PostgresPaymentStoreError.self) { try await store.record("pay-before") }
        #expect(read?.isDatabaseUnavailable == true)
        let cleanup = try await PostgresPaymentStore.connect(url: url, schema: schema)
        try await cleanup.dropSchemaAndShutdown()
    }
}
