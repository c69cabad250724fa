import Foundation
import Synchronization
import Testing

/// Issue 9 §2: PostgreSQL restarted under a running `corridor serve --postgres`. While the database is gone the
/// server says so (`/healthz` 503 naming the database) and refuses work with 503 within seconds, never a 500 or a
/// hang; when the database is back it recovers by itself, without a restart; and no payment it acknowledged is lost.
/// The cluster is the test's own (its own directory and port), so stopping it disturbs no other test.
@Suite("serve: PostgreSQL restarted mid-run")
struct ServePostgresRestartTests {
    static let curlMaxSeconds = 20
    /// The most the retries of the load's unanswered requests may take together: the idempotency lease (10 s) with
    /// a wide margin.
    static let retryPollSecondsMax: Double = 60

    static func cardPayment(_ id: String) -> String {
        #"{"id":"\#(id)","card":{"pan":"2200700000001239","expiry":"2912","cvv":"123","merchant":"beijing-restaurant","amount":{"value":"1.00","currency":"CNY"}}}"#
    }

    /// The key `--init` printed for `owner`.
    static func key(_ owner: String, in server: ServeProcess) throws -> String {
        let output = (try? String(contentsOfFile: server.outputPath, encoding: .utf8)) ?? ""
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("corridor: key \(owner) ") })
        return String(try #require(line.split(separator: " ").last))
    }

    @Test(.enabled(if: OwnPostgresCluster.isAvailable, "PostgreSQL server binaries are not installed"))
    func theServerRefusesWorkWhileTheDatabaseIsGoneAndRecoversByItself() throws {
        let scratch = try Scratch()
        let cluster = try OwnPostgresCluster(directory: scratch.path("pg"))
        let server = try ServeProcess(
            ["--postgres", cluster.url, "--init", "--http-port", "0", "--no-dashboard",
             "--token-key-file", scratch.path("corridor.key")],
            scratch: scratch)
        defer { server.stop() }
        let client = CurlClient(base: "http://127.0.0.1:\(try DashboardBrowserTests.httpPort(server))",
                                maxSeconds: Self.curlMaxSeconds)
        let acquirer = try Self.key("beijing-acquiring", in: server)
        let admin = try Self.key("admin", in: server)

        #expect(try client.request("GET", "/healthz").status == 200)
        let before = try client.request(
            "POST", "/payments", key: acquirer, body: Self.cardPayment("PG-RESTART-0"), idempotencyKey: "restart-0")
        #expect(before.status == 201, "\(before)")

        // A client posting payments all along, each with its own payment id and idempotency key.
        let load = PaymentLoad(client: client, key: acquirer)
        let loader = Thread { load.run() }
        loader.start()
        defer { load.stop() }
        Thread.sleep(forTimeInterval: 1)

        try cluster.stop()

        // Unhealthy, naming the database, as soon as the server has noticed (it probes every second).
        let unhealthy = try client.poll(seconds: 30, "GET", "/healthz") { $0.status == 503 }
        #expect(unhealthy.status == 503, "\(unhealthy)")
        #expect(unhealthy.header("Content-Type") == "application/problem+json")
        #expect((unhealthy.json["detail"] as? String)?.contains("PostgreSQL at 127.0.0.1:\(cluster.port)") == true,
                "\(unhealthy)")
        // New work is refused with 503 and Retry-After, promptly: well within curl's own limit, never a 500.
        let refused = try client.request(
            "POST", "/payments", key: acquirer, body: Self.cardPayment("PG-RESTART-DOWN"), idempotencyKey: "down-1")
        #expect(refused.status == 503, "\(refused)")
        #expect(refused.header("Retry-After") != nil)
        #expect(refused.seconds < Double(Self.curlMaxSeconds) / 2, "\(refused)")
        Thread.sleep(forTimeInterval: 2)

        try cluster.start()

        // Healthy again by itself, and taking payments (the same server process: no restart).
        let healthy = try client.poll(seconds: 90, "GET", "/healthz") { $0.status == 200 }
        #expect(healthy.status == 200, "\(healthy)")
        let after = try client.poll(
            seconds: 60, "POST", "/payments", key: acquirer, body: Self.cardPayment("PG-RESTART-DOWN"),
            idempotencyKey: "down-1") { $0.status == 201 }
        #expect(after.status == 201, "the refused request, retried with its key, is done once: \(after)")
        Thread.sleep(forTimeInterval: 1)
        load.stop()
        while !load.isFinished { Thread.sleep(forTimeInterval: 0.05) }
        #expect(server.process.isRunning)

        let outcomes = load.outcomes
        let acknowledged = outcomes.filter { $0.status == 201 }.map(\.id)
        #expect(outcomes.allSatisfy { [0, 201, 503].contains($0.status) },
                "only 201 or 503 (or no answer within \(Self.curlMaxSeconds) s): \(Dictionary(grouping: outcomes.map(\.status), by: { $0 }).mapValues(\.count))")
        #expect(outcomes.filter { $0.status == 0 }.isEmpty, "a request hung for \(Self.curlMaxSeconds) s")
        #expect(outcomes.contains { $0.status == 503 }, "the load saw the outage")
        #expect(acknowledged.count >= 2, "the load made payments before and after: \(outcomes.count) requests")

        // Every acknowledged payment is there, approved; every refused one, retried with its key, is made once.
        for id in ["PG-RESTART-0", "PG-RESTART-DOWN"] + acknowledged {
            let payment = try client.request("GET", "/payments/\(id)", key: acquirer)
            #expect(payment.status == 200 && payment.json["status"] as? String == "approved", "\(id): \(payment)")
        }
        // A request cut off mid-way may leave its key claimed (409) until the claim lapses and a retry takes it over.
        // One deadline for all of them (the lease plus slack), so a key held for good fails the test in a minute,
        // instead of costing a full poll per request.
        let retryDeadline = Date().addingTimeInterval(Self.retryPollSecondsMax)
        for outcome in outcomes where outcome.status != 201 {
            let retried = try client.poll(
                seconds: max(0, retryDeadline.timeIntervalSinceNow), "POST", "/payments", key: acquirer,
                body: Self.cardPayment(outcome.id), idempotencyKey: outcome.id) { $0.status != 409 }
            #expect(retried.status == 201, "\(outcome.id): \(retried)")
        }
        let verify = try client.request("GET", "/ledger/verify", key: admin)
        #expect(verify.status == 200 && verify.json["balanced"] as? Bool == true, "\(verify)")
    }
}

/// Posts card payments one after another until stopped, recording each id and the status it got.
final class PaymentLoad: Sendable {
    struct Outcome: Sendable {
        let id: String
        let status: Int
    }

    let client: CurlClient
    let key: String
    private let state = Mutex<(outcomes: [Outcome], stopping: Bool, finished: Bool)>(([], false, false))

    init(client: CurlClient, key: String) {
        self.client = client
        self.key = key
    }

    var outcomes: [Outcome] { state.withLock { $0.outcomes } }
    var isFinished: Bool { state.withLock { $0.finished } }
    func stop() { state.withLock { $0.stopping = true } }

    /// The loop; at most 2,000 requests.
    func run() {
        for index in 1...2_000 where !state.withLock({ $0.stopping }) {
            let id = "PG-LOAD-\(index)"
            let status =
                (try? client.request(
                    "POST", "/payments", key: key, body: ServePostgresRestartTests.cardPayment(id), idempotencyKey: id
                ).status) ?? -1
            state.withLock { $0.outcomes.append(Outcome(id: id, status: status)) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        state.withLock { $0.finished = true }
    }
}
