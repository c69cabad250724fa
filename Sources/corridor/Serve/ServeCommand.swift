import ArgumentParser
import CorridorCore
import CorridorGateway
import CorridorGatewaySQLite
import CorridorISO8583
import CorridorIssuer
import CorridorLedger
import CorridorLedgerPostgres
import CorridorServer
import Foundation
import Logging

/// `corridor serve`: the HTTP API and the ISO 8583 TCP endpoint in one process, over one gateway, one digital-ruble
/// platform and one settlement backend.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API and the ISO 8583 endpoint over one gateway and ledger.",
        discussion: """
            Prints "corridor: ISO 8583 listening on HOST:PORT ..." and then \
            "corridor: HTTP listening on HOST:PORT" when ready (with port 0 the port is the system's choice), then serves until interrupted (SIGINT or SIGTERM).
            --init issues an admin key and one key per participant (revoking earlier ones) and prints each once, as \
            "corridor: key OWNER KEY", before the ready lines. Keys are stored only as SHA-256 hashes, in the \
            backend's database (the SQLite file, the PostgreSQL schema; in memory for the memory backend).
            Cards come from --cards (default Samples/issuer/cards.yaml); their PANs are tokenized with the key in \
            --token-key-file, created on first start, so every restart and every process sharing a PostgreSQL \
            ledger finds the same card accounts.
            """
    )

    @Option(help: ArgumentHelp("The settlement ledger: sqlite:PATH, postgres:URL or memory.", valueName: "location"))
    var backend: BackendLocation = .defaultLocation

    @Option(help: ArgumentHelp("PostgreSQL URL: the same as --backend postgres:URL.", valueName: "url"))
    var postgres: String?

    @Flag(help: "Issue and print the admin key and one API key per participant (revoking earlier ones).")
    var `init` = false

    @Option(help: ArgumentHelp("Address the HTTP API binds.", valueName: "host"))
    var httpHost = "127.0.0.1"

    @Flag(inversion: .prefixedNo, help: "Serve the web dashboard at / (its pages need no key: keep --http-host on loopback).")
    var dashboard = true

    // 0 by default, so several servers (tests, scripts) never collide; the ready line names the port.
    @Option(
        help: ArgumentHelp(
            "TCP port of the HTTP API (0, the default: any free port, printed on the ready line).",
            valueName: "port"))
    var httpPort = 0

    @Option(help: ArgumentHelp("Address the ISO 8583 endpoint binds.", valueName: "host"))
    var iso8583Host = "127.0.0.1"

    @Option(help: ArgumentHelp("TCP port of the ISO 8583 endpoint (0: any free port).", valueName: "port"))
    var iso8583Port = 8583

    @Option(help: ArgumentHelp("Length prefix: 2byte, 4byte or ascii4.", valueName: "framing"))
    var framing: ISO8583Framing = .twoByteBinary

    @OptionGroup var specOption: ISO8583SpecOption

    @Option(help: ArgumentHelp("Largest request accepted, in bytes.", valueName: "bytes"))
    var frameSizeMax = 8_192

    @Option(help: ArgumentHelp("Close a connection quiet for this many seconds (0: never).", valueName: "seconds"))
    var idleTimeout = 300

    @Option(
        help: ArgumentHelp(
            "Folder with participants.yaml, merchants.yaml, fx-rates.csv, watchlist.csv "
                + "(default: Samples/gateway).", valueName: "dir"))
    var world: String?

    @Option(help: ArgumentHelp("Issuers, cards and billing rates (YAML).", valueName: "file"))
    var cards: String?

    @Option(
        help: ArgumentHelp("Digital-ruble platform banks (default: Samples/cbdc/platform.yaml).", valueName: "file"))
    var platform: String?

    @Option(help: ArgumentHelp("The card tokenization key (32 random bytes, created when missing).", valueName: "file"))
    var tokenKeyFile = "corridor.key"

    @Flag(inversion: .prefixedNo, help: "Answer the README's magic PAN endings and amount tails.")
    var testMode = true

    @Option(help: ArgumentHelp("How late a test-mode 'delayed' answer comes, in milliseconds.", valueName: "ms"))
    var responseDelayMs = 3_000

    @Option(
        help: ArgumentHelp(
            "Requests per second each API key may make (a token bucket; 0, the default: no limit). Over it: 429 with "
                + "Retry-After.", valueName: "n"))
    var rateLimit: Double = 0

    @Option(help: ArgumentHelp("Requests a key may make at once before --rate-limit applies (default: the rate).",
                               valueName: "n"))
    var rateBurst: Int?

    @Option(
        help: ArgumentHelp(
            "Most HTTP connections served at once; beyond it new ones wait unaccepted until one closes.",
            valueName: "n"))
    var maxConnections = HTTPServerLimits.serveDefault.connectionsMax

    @Option(help: ArgumentHelp("Close an idle HTTP connection after this many seconds (0: never).", valueName: "seconds"))
    var httpIdleTimeout = HTTPServerLimits.serveDefault.idleTimeoutSeconds ?? 0

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65_535).contains(iso8583Port) else { throw ValidationError("--iso8583-port: 0...65535") }
        guard (0...65_535).contains(httpPort) else { throw ValidationError("--http-port: 0...65535") }
        guard frameSizeMax >= 16 else { throw ValidationError("--frame-size-max: at least 16") }
        guard idleTimeout >= 0 else { throw ValidationError("--idle-timeout: not negative") }
        guard responseDelayMs >= 0 else { throw ValidationError("--response-delay-ms: not negative") }
        guard rateLimit >= 0, rateLimit.isFinite else { throw ValidationError("--rate-limit: not negative") }
        guard (rateBurst ?? 1) >= 1 else { throw ValidationError("--rate-burst: at least 1") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections: at least 1") }
        guard httpIdleTimeout >= 0 else { throw ValidationError("--http-idle-timeout: not negative") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level: unknown level \"\(logLevel)\"")
        }
        if let postgres,
            BackendLocation(argument: postgres.hasPrefix("postgres") ? postgres : "postgres:" + postgres) == nil
        {
            throw ValidationError("--postgres: expected postgres://user@host:port/database")
        }
    }

    /// The HTTP limits the options set.
    var limits: HTTPServerLimits {
        HTTPServerLimits(
            connectionsMax: maxConnections, requestsPerSecondPerKey: rateLimit > 0 ? rateLimit : nil,
            requestBurstPerKey: rateBurst, idleTimeoutSeconds: httpIdleTimeout > 0 ? httpIdleTimeout : nil)
    }

    /// The ledger location after `--postgres`.
    var location: BackendLocation {
        guard let postgres else { return backend }
        return .postgres(url: postgres)
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "corridor.serve")
        let spec = try specOption.resolve()
        let tokenizer = try CardTokenizer(key: TokenKeyFile.load(orCreate: tokenKeyFile))
        let files = try worldFiles()
        let portfolio: IssuerPortfolio?
        do {
            portfolio = try files.cardsFile.map { try IssuerPortfolio(contentsOf: $0, tokenizer: tokenizer) }
        } catch {
            throw ValidationError("--cards: \(error)")
        }
        let location = self.location
        try await location.withBackend { ledger in
            let stores = try await ServeStores.open(location, ledger: ledger)
            let service = try await CorridorService.start(
                backend: ledger, store: stores.payments, world: files, tokenizer: tokenizer,
                merchantTable: stores.table)
            let health = stores.databaseProbe.map { DatabaseHealth(probe: $0) }
            let builder = HTTPApplicationBuilder(
                service: service, table: stores.table, extraRoutes: dashboard ? [DashboardRoutes()] : [],
                limits: limits, databaseHealth: health)
            // Probes the database (PostgreSQL) every second, so /healthz and the 503s follow it; stopped below.
            let monitor = Task { await health?.run() }
            if `init` {
                for (owner, key) in try await builder.keys.initialize(
                    holders: try service.keyHolders(platformFile: files.platformFile))
                {
                    Self.say("corridor: key \(owner) \(key)")
                }
            }
            // The ISO 8583 face answers as the card network through an issuer host over the same ledger and cards.
            var started: ISO8583Server?
            if let portfolio {
                try await IssuerLedgerAccounts.provision(portfolio, on: ledger)
                let host = IssuerHost(
                    portfolio: portfolio, backend: ledger, tokenizer: tokenizer,
                    configuration: IssuerHostConfiguration(
                        testMode: testMode ? .standard : nil, responseDelay: .milliseconds(responseDelayMs)),
                    logger: Logger(label: "corridor.issuer"))
                started = try await ISO8583Server.start(
                    configuration: ISO8583Server.Configuration(
                        host: iso8583Host, port: iso8583Port, framing: framing, spec: spec, frameSizeMax: frameSizeMax,
                        idleTimeout: idleTimeout == 0 ? nil : .seconds(idleTimeout)),
                    handler: host, logger: Logger(label: "corridor.iso8583"))
            }
            let iso8583 = started
            let (ports, portContinuation) = AsyncStream<Int>.makeStream()
            let app = builder.application(host: httpHost, port: httpPort, logger: Logger(label: "corridor.http")) {
                port in
                portContinuation.yield(port)
                portContinuation.finish()
            }
            let stop = ShutdownSignals.install()
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Both listeners stop on SIGINT/SIGTERM: Hummingbird's service drains its connections itself, and
                // the ISO 8583 server is shut down when ShutdownSignals sees the same signal.
                group.addTask { try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint]) }
                if let iso8583 {
                    group.addTask { await iso8583.run() }
                    group.addTask {
                        await stop.wait()
                        await iso8583.shutdown()
                    }
                }
                var bound: Int?
                for await port in ports { bound = port }
                guard let bound else { throw ValidationError("the HTTP listener did not start") }
                // Written unbuffered: a script waiting for these lines reads the ports from them.
                // The ISO 8583 line first: scripts written before the HTTP face read the first "listening on" line.
                if let iso8583, let portfolio {
                    Self.say(
                        "corridor: ISO 8583 listening on \(iso8583Host):\(iso8583.port) (\(framing.rawValue), "
                            + "\(spec.name)), \(portfolio.cards.count) cards, backend \(location)")
                }
                Self.say("corridor: HTTP listening on \(httpHost):\(bound), backend \(location)")
                try await group.waitForAll()
            }
            monitor.cancel()
            await monitor.value
            await stores.close()
            logger.info("stopped")
        }
    }

    private func worldFiles() throws -> CorridorService.WorldFiles {
        guard
            let worldPath = world
                ?? SampleLocator.file("Samples/gateway/participants.yaml")
                .map({ URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        else { throw ValidationError("--world: no folder given and Samples/gateway not found") }
        let scenarios =
            SampleLocator.file("Samples/scenarios/wallet-to-merchant.yaml")
            .map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? URL(fileURLWithPath: worldPath)
        return CorridorService.WorldFiles(
            gatewayFolder: URL(fileURLWithPath: worldPath),
            cardsFile: (cards ?? SampleLocator.file("Samples/issuer/cards.yaml")).map { URL(fileURLWithPath: $0) },
            platformFile: (platform ?? SampleLocator.file("Samples/cbdc/platform.yaml")).map {
                URL(fileURLWithPath: $0)
            },
            scenarioFolder: scenarios)
    }

    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

extension ISO8583Framing: ExpressibleByArgument {}
