import ArgumentParser
import CorridorCore
import CorridorISO8583
import CorridorIssuer
import CorridorLedger
import CorridorServer
import Foundation
import Logging

/// `corridor serve`: the issuer host on the chosen settlement backend, reachable over ISO 8583 on TCP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the issuer host behind an ISO 8583 TCP endpoint.",
        discussion: """
            Prints one line "corridor: ISO 8583 listening on HOST:PORT ..." when ready (with --iso8583-port 0 the \
            port is the system's choice), then serves until interrupted (SIGINT or SIGTERM).
            Cards come from --cards (default Samples/issuer/cards.yaml); their PANs are tokenized with the key in \
            --token-key-file, created on first start, so every restart and every process sharing a PostgreSQL \
            ledger finds the same card accounts.
            """
    )

    @Option(help: ArgumentHelp("The settlement ledger: sqlite:PATH, postgres:URL or memory.", valueName: "location"))
    var backend: BackendLocation = .defaultLocation

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

    @Option(help: ArgumentHelp("Issuers, cards and billing rates (YAML).", valueName: "file"))
    var cards: String?

    @Option(help: ArgumentHelp("The card tokenization key (32 random bytes, created when missing).", valueName: "file"))
    var tokenKeyFile = "corridor.key"

    @Flag(inversion: .prefixedNo, help: "Answer the README's magic PAN endings and amount tails.")
    var testMode = true

    @Option(help: ArgumentHelp("How late a test-mode 'delayed' answer comes, in milliseconds.", valueName: "ms"))
    var responseDelayMs = 3_000

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65_535).contains(iso8583Port) else { throw ValidationError("--iso8583-port: 0...65535") }
        guard frameSizeMax >= 16 else { throw ValidationError("--frame-size-max: at least 16") }
        guard idleTimeout >= 0 else { throw ValidationError("--idle-timeout: not negative") }
        guard responseDelayMs >= 0 else { throw ValidationError("--response-delay-ms: not negative") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: unknown level \"\(logLevel)\"") }
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
        let cardsPath = try cards ?? SampleLocator.file("Samples/issuer/cards.yaml")
            ?? { throw ValidationError("--cards: no file given and Samples/issuer/cards.yaml not found") }()
        let portfolio: IssuerPortfolio
        do {
            portfolio = try IssuerPortfolio(contentsOf: URL(fileURLWithPath: cardsPath), tokenizer: tokenizer)
        } catch {
            throw ValidationError("--cards: \(cardsPath): \(error)")
        }
        try await backend.withBackend { ledger in
            try await IssuerLedgerAccounts.provision(portfolio, on: ledger)
            let host = IssuerHost(
                portfolio: portfolio, backend: ledger, tokenizer: tokenizer,
                configuration: IssuerHostConfiguration(
                    testMode: testMode ? .standard : nil, responseDelay: .milliseconds(responseDelayMs)),
                logger: Logger(label: "corridor.issuer"))
            let server = try await ISO8583Server.start(
                configuration: ISO8583Server.Configuration(
                    host: iso8583Host, port: iso8583Port, framing: framing, spec: spec, frameSizeMax: frameSizeMax,
                    idleTimeout: idleTimeout == 0 ? nil : .seconds(idleTimeout)),
                handler: host, logger: Logger(label: "corridor.iso8583"))
            // Written unbuffered: a script waiting for this line reads the port from it.
            FileHandle.standardOutput.write(Data((
                "corridor: ISO 8583 listening on \(iso8583Host):\(server.port) (\(framing.rawValue), \(spec.name)), "
                    + "\(portfolio.cards.count) cards, backend \(backend)\n").utf8))
            let stop = ShutdownSignals.install()
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await server.run() }
                group.addTask {
                    await stop.wait()
                    await server.shutdown()
                }
                await group.next()
                group.cancelAll()
            }
            logger.info("stopped")
        }
    }
}

extension ISO8583Framing: ExpressibleByArgument {}
