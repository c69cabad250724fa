import CorridorGateway
import CorridorGatewayPostgres
import CorridorGatewaySQLite
import CorridorLedger
import CorridorLedgerPostgres
import CorridorServer

/// The stores `serve` opens beside the ledger: payment records and the HTTP face's table (API key hashes,
/// idempotent responses), each in the ledger's own database.
struct ServeStores: Sendable {
    let payments: any PaymentStore
    let table: any HTTPKeyValueStore
    let postgresTable: PostgresKeyValueStore?
    let postgresPayments: PostgresPaymentStore?
    /// The probe `/healthz` and the 503s follow: the PostgreSQL server's; nil for a database in this process.
    var databaseProbe: (any DatabaseProbe)? = nil

    /// SQLite: both in the ledger's file. PostgreSQL: both in the ledger's schema, so every process on the database
    /// sees the same records and keys. Memory: both in memory.
    static func open(_ location: BackendLocation, ledger: any SettlementBackend) async throws -> ServeStores {
        switch location {
        case .sqlite(let path):
            return ServeStores(
                payments: try SQLitePaymentStore(path: path), table: try SQLiteKeyValueStore(path: path),
                postgresTable: nil, postgresPayments: nil)
        case .postgres(let url):
            let schema = (ledger as? PostgresSettlementBackend)?.schema ?? "corridor"
            let payments = try await PostgresPaymentStore.connect(url: url, schema: schema)
            let table: PostgresKeyValueStore
            do {
                table = try await PostgresKeyValueStore.connect(url: url, schema: schema)
            } catch {
                await payments.shutdown()
                throw error
            }
            return ServeStores(
                payments: payments, table: table, postgresTable: table, postgresPayments: payments,
                databaseProbe: try PostgresDatabaseProbe(url: url))
        case .memory:
            return ServeStores(
                payments: InMemoryPaymentStore(), table: InMemoryKeyValueStore(), postgresTable: nil,
                postgresPayments: nil)
        }
    }

    /// Closes the PostgreSQL connections, if any.
    func close() async {
        await postgresTable?.shutdown()
        await postgresPayments?.shutdown()
    }
}
