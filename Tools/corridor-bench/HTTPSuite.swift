import Foundation

/// `corridor-bench http` (issue 8 §4): `wrk` on loopback against a real, release-built `corridor serve` started in a
/// scratch folder with keys from `--init` and the world of ``HTTPBenchWorld``.
///
/// - `qr_png_rps`: `GET /merchants/beijing-restaurant/qr.png` (its static code, rendered once and then cached), with
///   the admin key, ``qrConnections`` connections;
/// - `post_payments_sqlite_rps`, `post_payments_sqlite_p99_ms`: `POST /payments`, a cross-border EMV QR payment
///   (mirbank's bench customer pays 1.00 CNY to beijing-restaurant: quoted RUB → CNY, posted, messaged) with its own
///   id and `Idempotency-Key` per request, sent with mirbank's key, ``paymentConnections`` connections, SQLite ledger
///   (`synchronous=FULL`) in the scratch folder;
/// - `post_payments_postgres_rps`: the same on `--postgres $CORRIDOR_POSTGRES_URL` when it is set (the ledger and
///   the keys in that database's `corridor` schema, which `serve` always uses; payment ids carry a random run tag so
///   runs never collide there).
///
/// Each figure follows an unmeasured warm-up run of the same script. Every answer is checked in wrk's Lua
/// `response()`: a status outside 2xx, or a payment that is not approved, fails the suite (a benchmark of refusals
/// measures nothing). wrk's own summary goes to standard error. `fsync_ms` is printed beside the durable figures.
///
/// For profiling one part (`perf record -p PID`, the pid is printed): `CORRIDOR_BENCH_HTTP` (a comma-separated subset
/// of `qr,sqlite,postgres`, default all), `CORRIDOR_BENCH_HTTP_SECONDS` (the measured runs' length) and
/// `CORRIDOR_BENCH_HTTP_CONNECTIONS` (the payment runs' connections).
enum HTTPSuite {
    static let wrkThreads = 2
    static let qrConnections = 64
    static var paymentConnections: Int { environmentInteger("CORRIDOR_BENCH_HTTP_CONNECTIONS") ?? 32 }
    /// The owner name `serve --init` prints the operator's key under.
    static let adminOwner = "admin"

    /// A bench precondition that failed: the figures would not mean what they say.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func run(_ options: BenchOptions) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-bench-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var keep = false
        defer {
            if keep {
                FileHandleOutput.standardError("http: the scratch folder is kept for its logs: \(directory.path)\n")
            } else {
                try? FileManager.default.removeItem(at: directory)
            }
        }
        do {
            try measure(options, in: directory)
        } catch {
            keep = true
            throw error
        }
    }

    /// The parts `CORRIDOR_BENCH_HTTP` names, or all.
    private static var selectedParts: Set<String> {
        guard let list = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_HTTP"], !list.isEmpty else {
            return ["qr", "sqlite", "postgres"]
        }
        return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    private static func environmentInteger(_ name: String) -> Int? {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) }.map { max(1, $0) }
    }

    private static func measure(_ options: BenchOptions, in directory: URL) throws {
        let parts = selectedParts
        let seconds = environmentInteger("CORRIDOR_BENCH_HTTP_SECONDS") ?? (options.quick ? 3 : 10)
        let warmUpSeconds = options.quick ? 1 : 3
        let fsyncMs = try FlushTimer.medianMs(in: directory, samples: 50)
        let world = try HTTPBenchWorld.write(into: directory)
        let runTag = "B" + String(UInt32.random(in: 0...UInt32.max), radix: 36)

        if !parts.isDisjoint(with: ["qr", "sqlite"]) {
            try measureSQLite(
                parts: parts, runTag: runTag, seconds: seconds, warmUpSeconds: warmUpSeconds, fsyncMs: fsyncMs,
                world: world, in: directory)
        }
        if parts.contains("postgres") {
            try measurePostgres(
                runTag: runTag, seconds: seconds, warmUpSeconds: warmUpSeconds, fsyncMs: fsyncMs, world: world,
                in: directory)
        }
    }

    /// `qr_png_rps` and the SQLite payment figures, on one server.
    private static func measureSQLite(
        parts: Set<String>, runTag: String, seconds: Int, warmUpSeconds: Int, fsyncMs: Double, world: URL,
        in directory: URL
    ) throws {
        let sqliteFolder = directory.appendingPathComponent("sqlite")
        try FileManager.default.createDirectory(at: sqliteFolder, withIntermediateDirectories: true)
        let server = try HTTPServeProcess(
            directory: sqliteFolder, world: world, backendArguments: ["--backend", "sqlite:corridor.sqlite"])
        defer { server.stop() }
        FileHandleOutput.standardError("http: corridor serve (SQLite) pid \(server.processID) on port \(server.port)\n")
        if parts.contains("qr") {
            try measureQR(server: server, seconds: seconds, warmUpSeconds: warmUpSeconds, in: directory)
        }
        guard parts.contains("sqlite") else { return }
        let sqlite = try measurePayments(
            server: server, runTag: runTag + "s", seconds: seconds, warmUpSeconds: warmUpSeconds, in: directory)
        let sqliteNote = note(sqlite.wrk, sqlite.summary) + "; SQLite FULL"
        MetricLine(
            suite: "http", metric: "post_payments_sqlite_rps", value: sqlite.summary.requestsPerSecond.rounded(),
            unit: "1/s", fsyncMs: fsyncMs, note: sqliteNote).emit()
        MetricLine(
            suite: "http", metric: "post_payments_sqlite_p99_ms",
            value: HTTPWrkRun.Summary.ms(sqlite.summary.p99Us), unit: "ms", fsyncMs: fsyncMs, note: sqliteNote).emit()
    }

    private static func measureQR(server: HTTPServeProcess, seconds: Int, warmUpSeconds: Int, in directory: URL)
        throws
    {
        let qrWrk = HTTPWrkRun(threads: wrkThreads, connections: qrConnections, seconds: seconds)
        let qrScript = HTTPWrkScripts.get(
            path: "/merchants/\(HTTPBenchWorld.merchant)/qr.png", key: try key(adminOwner, server))
        _ = try checked(
            HTTPWrkRun(threads: wrkThreads, connections: qrConnections, seconds: warmUpSeconds)
                .run(script: qrScript, name: "qr-png-warm-up", port: server.port, in: directory))
        let qr = try checked(qrWrk.run(script: qrScript, name: "qr-png", port: server.port, in: directory))
        MetricLine(
            suite: "http", metric: "qr_png_rps", value: qr.requestsPerSecond.rounded(), unit: "1/s",
            note: note(qrWrk, qr) + "; static code, cached").emit()
    }

    /// `post_payments_postgres_rps`, when `CORRIDOR_POSTGRES_URL` is set.
    private static func measurePostgres(
        runTag: String, seconds: Int, warmUpSeconds: Int, fsyncMs: Double, world: URL, in directory: URL
    ) throws {
        guard let url = ProcessInfo.processInfo.environment["CORRIDOR_POSTGRES_URL"], !url.isEmpty else {
            FileHandleOutput.standardError(
                "http: CORRIDOR_POSTGRES_URL is not set; skipping PostgreSQL "
                    + "(eval \"$(Tools/postgres-test-cluster.sh start)\")\n")
            return
        }
        let postgresFolder = directory.appendingPathComponent("postgres")
        try FileManager.default.createDirectory(at: postgresFolder, withIntermediateDirectories: true)
        let postgresServer = try HTTPServeProcess(
            directory: postgresFolder, world: world, backendArguments: ["--postgres", url])
        defer { postgresServer.stop() }
        FileHandleOutput.standardError(
            "http: corridor serve (PostgreSQL) pid \(postgresServer.processID) on port \(postgresServer.port)\n")
        let postgres = try measurePayments(
            server: postgresServer, runTag: runTag + "p", seconds: seconds, warmUpSeconds: warmUpSeconds,
            in: directory)
        MetricLine(
            suite: "http", metric: "post_payments_postgres_rps", value: postgres.summary.requestsPerSecond.rounded(),
            unit: "1/s", fsyncMs: fsyncMs,
            note: note(postgres.wrk, postgres.summary) + "; PostgreSQL ledger and keys, payment records in SQLite FULL"
        ).emit()
    }

    /// Warms up, then measures `POST /payments` on `server`.
    private static func measurePayments(
        server: HTTPServeProcess, runTag: String, seconds: Int, warmUpSeconds: Int, in directory: URL
    ) throws -> (wrk: HTTPWrkRun, summary: HTTPWrkRun.Summary) {
        let payload = try HTTPBenchPayment.payload(port: server.port, adminKey: try key(adminOwner, server))
        let payerKey = try key(HTTPBenchWorld.payerBank, server)
        try HTTPBenchPayment.checkOne(port: server.port, key: payerKey, payload: payload, id: runTag + "-check")
        func script(_ tag: String) -> String {
            HTTPWrkScripts.qrPayments(
                key: payerKey, runTag: tag, payload: payload, bank: HTTPBenchWorld.payerBank,
                reference: HTTPBenchWorld.payerReference)
        }
        _ = try checked(
            HTTPWrkRun(threads: wrkThreads, connections: paymentConnections, seconds: warmUpSeconds)
                .run(
                    script: script(runTag + "w"), name: "payments-warm-up-\(runTag)", port: server.port,
                    in: directory))
        let wrk = HTTPWrkRun(threads: wrkThreads, connections: paymentConnections, seconds: seconds)
        let summary = try checked(
            wrk.run(script: script(runTag), name: "payments-\(runTag)", port: server.port, in: directory))
        return (wrk, summary)
    }

    private static func key(_ owner: String, _ server: HTTPServeProcess) throws -> String {
        guard let key = server.keys[owner] else {
            throw Failure("corridor serve --init printed no key for \(owner) (it printed \(server.keys.keys.sorted()))")
        }
        return key
    }

    /// The summary, when every answer was a 2xx (and every payment approved) and wrk saw no socket error.
    private static func checked(_ summary: HTTPWrkRun.Summary) throws -> HTTPWrkRun.Summary {
        guard summary.requests > 0 else { throw Failure("wrk completed no request") }
        guard summary.non2xx == 0, summary.declined == 0 else {
            throw Failure(
                "\(summary.non2xx) answers outside 2xx and \(summary.declined) payments not approved of "
                    + "\(summary.requests); the first: \(summary.firstBad)")
        }
        let socketErrors = summary.connectErrors + summary.readErrors + summary.writeErrors + summary.timeouts
        guard socketErrors == 0 else {
            throw Failure(
                "wrk socket errors: connect \(summary.connectErrors), read \(summary.readErrors), "
                    + "write \(summary.writeErrors), timeout \(summary.timeouts)")
        }
        return summary
    }

    private static func note(_ wrk: HTTPWrkRun, _ summary: HTTPWrkRun.Summary) -> String {
        "wrk -t\(wrk.threads) -c\(wrk.connections) -d\(wrk.seconds)s, \(summary.requests) requests, all 2xx; "
            + "p50 \(HTTPWrkRun.Summary.ms(summary.p50Us)) ms, p99 \(HTTPWrkRun.Summary.ms(summary.p99Us)) ms, "
            + "max \(HTTPWrkRun.Summary.ms(summary.maxUs)) ms"
    }
}
