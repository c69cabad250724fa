import CorridorGateway
import CorridorGatewaySQLite
import CorridorLedger
import CorridorLedgerPostgres
import CorridorServer

/// The stores `serve` opens beside the ledger: payment records and the HTTP face's table (API key hashes,
/// idempotent responses), each in the ledger's own database where it can be.
struct ServeStores: Sendable {
    let payments: any PaymentStore
    let table: any HTTPKeyValueStore
    let postgresTable: PostgresKeyValueStore?
    /// The probe `/healthz` and the 503s follow: the PostgreSQL server's; nil for a database in this process.
    var databaseProbe: (any DatabaseProbe)? = nil

    /// SQLite: both in the ledger's file. PostgreSQL: the table in the ledger's schema, payment records in the
    /// SQLite file `paymentsStore` (shared by processes on one machine). Memory: both in memory.
    static func open(_ location: BackendLocation, ledger: any SettlementBackend, paymentsStore: String) async throws
        -> ServeStores
    {
        switch location {
        case .sqlite(let path):
            return ServeStores(
                payments: try SQLitePaymentStore(path: path), table: try SQLiteKeyValueStore(path: path),
                postgresTable: nil)
        case .postgres(let url):
            let schema = (ledger as? PostgresSettlementBackend)?.schema ?? "corridor"
            let table = try await PostgresKeyValueStore.connect(url: url, schema: schema)
            return ServeStores(
                payments: try SQLitePaymentStore(path: paymentsStore), table: table, postgresTable: table,
                databaseProbe: try PostgresDatabaseProbe(url: url))
        case .memory:
            return ServeStores(payments: InMemoryPaymentStore(), table: InMemoryKeyValueStore(), postgresTable: nil)
        }
    }

    /// Closes the PostgreSQL connections, if any.
    func close() async {
        await postgresTable?.shutdown()
    }
}
