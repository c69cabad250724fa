import CorridorCBDC
import CorridorCore
import CorridorIssuer
import CorridorLedger
import Foundation
import Logging

/// Builds a gateway from a world's files: `participants.yaml`, `merchants.yaml`, `fx-rates.csv`, `fx-spreads.csv`
/// (optional) and `watchlist.csv` in one folder (e.g. `Samples/gateway`), and an issuer portfolio (e.g.
/// `Samples/issuer/cards.yaml`). The CLI, the demo, the benchmark and the tests all start here.
public struct GatewayWorld: Sendable {
    /// The folder with the directory, rate and watch-list files.
    public let folder: URL
    /// The issuer portfolio file (cards); nil for a gateway without cards.
    public let cardsFile: URL?

    /// Names the files.
    public init(folder: URL, cardsFile: URL?) {
        self.folder = folder
        self.cardsFile = cardsFile
    }

    /// Loads the files and returns a provisioned gateway over `backend`.
    /// - Parameters:
    ///   - backend: the settlement backend (memory, SQLite, PostgreSQL).
    ///   - store: where payment records go.
    ///   - tokenizer: the card tokenizer (its key decides the tokens, so keep it for a persistent ledger).
    ///   - limits: screening limits; nil takes the directory's (`screening_limits` in participants.yaml).
    ///   - issuerConfiguration: test-mode table, delays.
    ///   - cbdc: the digital-ruble platform that wallet payments go to (on the same backend), if any.
    public func makeGateway(
        backend: any SettlementBackend, store: any PaymentStore = InMemoryPaymentStore(), tokenizer: CardTokenizer,
        clock: any WallClock = SystemWallClock(), ids: IdentifierGenerator = IdentifierGenerator(),
        limits: ScreeningLimits? = nil, configuration: GatewayConfiguration = GatewayConfiguration(),
        issuerConfiguration: IssuerHostConfiguration = IssuerHostConfiguration(), cbdc: DigitalRublePlatform? = nil,
        logger: Logger = Logger(label: "corridor.gateway")
    ) async throws -> Gateway {
        let directory = try Self.reading(folder) { try GatewayDirectory(directory: folder) }
        let ratesFile = folder.appendingPathComponent("fx-rates.csv")
        let book = try Self.reading(ratesFile) { try FXRateBook(contentsOf: ratesFile) }
        let spreadsFile = folder.appendingPathComponent("fx-spreads.csv")
        let spreads = FileManager.default.fileExists(atPath: spreadsFile.path)
            ? try Self.reading(spreadsFile) { try FXSpreadTable(contentsOf: spreadsFile) } : FXSpreadTable()
        let watchFile = folder.appendingPathComponent("watchlist.csv")
        let watchList = try Self.reading(watchFile) { try WatchList(contentsOf: watchFile) }
        var issuing: Gateway.CardIssuing?
        if let cardsFile {
            let portfolio = try Self.reading(cardsFile) { try IssuerPortfolio(contentsOf: cardsFile, tokenizer: tokenizer) }
            let host = IssuerHost(portfolio: portfolio, backend: backend, tokenizer: tokenizer, clock: clock,
                                  configuration: issuerConfiguration, logger: Logger(label: "corridor.issuer"))
            issuing = Gateway.CardIssuing(host: host, portfolio: portfolio, tokenizer: tokenizer)
        }
        let gateway = Gateway(
            directory: directory, backend: backend, store: store, screener: ComplianceScreener(watchList: watchList, limits: limits ?? directory.screeningLimits),
            quoter: FXQuoter(book: book, spreads: spreads, lifetimeSeconds: configuration.quoteLifetimeSeconds),
            issuer: issuing, cbdc: cbdc, clock: clock, ids: ids, configuration: configuration, logger: logger)
        try await gateway.provision()
        return gateway
    }

    /// Runs `load`, naming `file` in whatever it throws.
    static func reading<T>(_ file: URL, _ load: () throws -> T) throws(GatewayWorldError) -> T {
        do { return try load() } catch { throw GatewayWorldError(file: file.path, underlying: error) }
    }
}

/// A world file that could not be read: the file and what was wrong in it (its line and key, when the reader knows).
public struct GatewayWorldError: Error, CustomStringConvertible {
    /// The file or folder.
    public let file: String
    /// The reader's error.
    public let underlying: any Error

    public var description: String { "\(file): \(underlying)" }
}
