import Foundation
import Testing

/// Issue 9 §4: `corridor serve --max-connections` and `--rate-limit`, on the real server process.
@Suite("serve: connection and rate limits")
struct ServeLimitsTests {
    @Test func connectionsBeyondTheCapAreNotServedWhileEarlierOnesStillWork() throws {
        let scratch = try Scratch()
        let server = try ServeProcess(
            ["--backend", "memory", "--http-port", "0", "--max-connections", "2", "--no-dashboard",
             "--token-key-file", scratch.path("corridor.key")], scratch: scratch)
        defer { server.stop() }
        let port = try DashboardBrowserTests.httpPort(server)
        let first = try BlockingHTTPConnection(port: port)
        let second = try BlockingHTTPConnection(port: port)
        #expect(try first.get("/healthz") == 200)
        #expect(try second.get("/healthz") == 200)

        // The third connection is not accepted while both slots are held: its request gets no answer.
        let third = try BlockingHTTPConnection(port: port)
        try third.sendGet("/healthz")
        #expect(third.status(within: 2) == nil, "a connection beyond the cap was served")

        // The two earlier ones keep working meanwhile (keep-alive).
        #expect(try first.get("/openapi.yaml") == 200)
        #expect(try second.get("/healthz") == 200)

        // Closing one frees its slot: the waiting connection is accepted and answered.
        first.closeNow()
        #expect(third.status(within: 30) == 200)
        #expect(try second.get("/healthz") == 200)
        #expect(try third.get("/healthz") == 200)
    }

    @Test func theRateLimitOptionAnswers429WithRetryAfterPerKey() throws {
        let scratch = try Scratch()
        let server = try ServeProcess(
            ["--backend", "memory", "--http-port", "0", "--init", "--rate-limit", "1", "--rate-burst", "3",
             "--no-dashboard", "--token-key-file", scratch.path("corridor.key")], scratch: scratch)
        defer { server.stop() }
        let client = CurlClient(base: "http://127.0.0.1:\(try DashboardBrowserTests.httpPort(server))")
        let beijing = try ServePostgresRestartTests.key("beijing-acquiring", in: server)
        let mirbank = try ServePostgresRestartTests.key("mirbank", in: server)
        let statuses = try (0..<6).map { _ in try client.request("GET", "/merchants", key: beijing) }
        #expect(statuses.prefix(3).allSatisfy { $0.status == 200 }, "\(statuses)")
        let refused = try #require(statuses.first { $0.status == 429 }, "\(statuses)")
        #expect(refused.header("Retry-After").flatMap(Int.init).map { $0 >= 1 } == true)
        #expect(refused.header("Content-Type") == "application/problem+json")
        #expect(try client.request("GET", "/merchants", key: mirbank).status == 200)
        let recovered = try client.poll(seconds: 30, "GET", "/merchants", key: beijing) { $0.status == 200 }
        #expect(recovered.status == 200)
    }

    @Test func limitOptionsAreValidated() throws {
        for arguments in [["--max-connections", "0"], ["--rate-limit", "-1"], ["--rate-burst", "0"]] {
            let result = try CorridorBinary.run(["serve", "--backend", "memory"] + arguments)
            #expect(result.status == 64, "\(arguments): \(result)")
        }
    }
}
