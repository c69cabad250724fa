import CorridorServer
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// ``DatabaseAvailabilityMiddleware`` when the database goes between two probes: a request that fails then is
/// answered 503 (the database is probed at once), while a failure with the database up stays the error it is, and a
/// client error never costs a probe.
@Suite struct DatabaseAvailabilityTests {
    /// A probe whose answer the test sets, counting the checks.
    final class ScriptedProbe: DatabaseProbe {
        let databaseName = "the scripted database"
        let down = Mutex(false)
        let checks = Mutex(0)

        func check(timeoutSeconds: Double) async -> String? {
            checks.withLock { $0 += 1 }
            return down.withLock { $0 } ? "connection refused" : nil
        }

        func close() async {}
    }

    struct DatabaseGone: Error {}

    private static func application(_ health: DatabaseHealth) -> some ApplicationProtocol {
        let router = Router(context: CorridorRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: DatabaseAvailabilityMiddleware(health: health))
        router.get("write") { _, _ -> String in throw DatabaseGone() }
        router.get("refused") { _, _ -> String in throw HTTPProblem.unprocessable("no", field: "amount") }
        router.get("fine") { _, _ in "ok" }
        return Application(router: router)
    }

    @Test func aRequestFailingAsTheDatabaseGoesIs503NotA500() async throws {
        let probe = ScriptedProbe()
        let health = DatabaseHealth(probe: probe, intervalSeconds: 3600)
        try await Self.application(health).test(.router) { client in
            // The database is up: a failing route is the 500 it is, after one probe found the database answering.
            let failing = try await client.execute(uri: "/write", method: .get)
            #expect(failing.status == .internalServerError)
            #expect(probe.checks.withLock { $0 } == 1)
            #expect(health.state.isAvailable)

            // The database goes; no scheduled probe has run since (the interval is an hour).
            probe.down.withLock { $0 = true }
            let outage = try await client.execute(uri: "/write", method: .get)
            #expect(outage.status == .serviceUnavailable)
            #expect(outage.headers[.retryAfter] != nil)
            #expect(String(buffer: outage.body).contains("the scripted database"))
            #expect(!health.state.isAvailable)
            // From now on work is refused before it starts, without probing again.
            let checks = probe.checks.withLock { $0 }
            #expect(try await client.execute(uri: "/fine", method: .get).status == .serviceUnavailable)
            #expect(probe.checks.withLock { $0 } == checks)
        }
    }

    @Test func aClientErrorCostsNoProbe() async throws {
        let probe = ScriptedProbe()
        let health = DatabaseHealth(probe: probe, intervalSeconds: 3600)
        try await Self.application(health).test(.router) { client in
            let refused = try await client.execute(uri: "/refused", method: .get)
            let fine = try await client.execute(uri: "/fine", method: .get)
            #expect(refused.status == .unprocessableContent)
            #expect(fine.status == .ok)
            #expect(probe.checks.withLock { $0 } == 0)
        }
    }
}
