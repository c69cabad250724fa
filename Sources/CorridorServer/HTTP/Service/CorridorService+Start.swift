import CorridorCBDC
import CorridorCore
import CorridorGateway
import CorridorLedger
import Foundation
import Logging

extension CorridorService {
    /// The files a server's world is made of.
    public struct WorldFiles: Sendable {
        /// `participants.yaml`, `merchants.yaml`, `fx-rates.csv`, `watchlist.csv` (e.g. `Samples/gateway`).
        public let gatewayFolder: URL
        /// The issuer portfolio (`Samples/issuer/cards.yaml`); nil for no cards.
        public let cardsFile: URL?
        /// The digital-ruble platform's banks (`Samples/cbdc/platform.yaml`); nil for no platform.
        public let platformFile: URL?
        /// Where posted scenario files find their world (`Samples/scenarios`).
        public let scenarioFolder: URL

        /// Names the files.
        public init(gatewayFolder: URL, cardsFile: URL?, platformFile: URL?, scenarioFolder: URL) {
            self.gatewayFolder = gatewayFolder
            self.cardsFile = cardsFile
            self.platformFile = platformFile
            self.scenarioFolder = scenarioFolder
        }

        /// The sample world under a checkout's `Samples/` folder.
        public static func samples(in root: URL) -> WorldFiles {
            let samples = root.appendingPathComponent("Samples")
            return WorldFiles(
                gatewayFolder: samples.appendingPathComponent("gateway"),
                cardsFile: samples.appendingPathComponent("issuer/cards.yaml"),
                platformFile: samples.appendingPathComponent("cbdc/platform.yaml"),
                scenarioFolder: samples.appendingPathComponent("scenarios"))
        }
    }

    /// Starts the platform (restoring wallets from the ledger), builds and provisions the gateway over it, and
    /// restores offline sync: what `corridor serve` and the tests run.
    /// - Parameters:
    ///   - backend: the settlement backend.
    ///   - store: the payment record store.
    ///   - world: the world's files.
    ///   - tokenizer: the card tokenizer (keep its key for a persistent ledger).
    ///   - logger: the HTTP service's logger.
    ///   - gatewayLogger: the gateway's; warnings and above by default.
    ///   - merchantTable: where merchants created through the API are kept; those already there are loaded.
    /// - Throws: the loaders' errors (naming file, line and key), the backend's, or ``MerchantTableError``.
    public static func start(
        backend: any SettlementBackend, store: any PaymentStore, world: WorldFiles, tokenizer: CardTokenizer,
        logger: Logger = Logger(label: "corridor.http"), gatewayLogger: Logger? = nil,
        merchantTable: (any HTTPKeyValueStore)? = nil
    ) async throws -> CorridorService {
        var platform: DigitalRublePlatform?
        var offline: OfflineSync?
        if let platformFile = world.platformFile {
            let started = DigitalRublePlatform(backend: backend)
            try await started.start(with: try CBDCPlatformConfiguration(contentsOf: platformFile))
            platform = started
            let sync = OfflineSync(backend: backend)
            _ = try await sync.restore()
            offline = sync
        }
        let gatewayLogger =
            gatewayLogger
            ?? {
                var quiet = Logger(label: "corridor.gateway")
                quiet.logLevel = .warning
                return quiet
            }()
        let gateway = try await GatewayWorld(folder: world.gatewayFolder, cardsFile: world.cardsFile)
            .makeGateway(backend: backend, store: store, tokenizer: tokenizer, cbdc: platform, logger: gatewayLogger)
        let service = CorridorService(
            gateway: gateway, backend: backend, platform: platform, offline: offline,
            scenarioFolder: world.scenarioFolder, logger: logger, merchantTable: merchantTable)
        try await service.restoreMerchants()
        return service
    }

    /// Everyone who can hold an API key: the directory's participants and the platform's banks.
    public func keyHolders(platformFile: URL?) throws -> [String] {
        var holders = Set(gateway.directory.participants.keys)
        if let platformFile {
            holders.formUnion(try CBDCPlatformConfiguration(contentsOf: platformFile).banks.map(\.id))
        }
        return holders.sorted()
    }
}

extension APIKeyStore {
    /// Issues the admin key and one key per holder (revoking earlier ones), for `corridor serve --init`.
    /// - Returns: (owner, key) pairs, the admin first: the only time the keys are visible.
    public func initialize(holders: [String]) async throws -> [(owner: String, key: String)] {
        var issued = [(owner: Self.adminOwner, key: try await issue(for: Self.adminOwner))]
        for holder in holders { issued.append((holder, try await issue(for: holder))) }
        return issued
    }
}
