import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 9 §4: the rate limit per key, against a live server on loopback. (The connection cap is tested against
/// `corridor serve` itself, in ServeLimitsTests: HummingbirdTesting's live server drops the application's
/// `availableConnectionsDelegate` when it rebinds to port 0.)
@Suite("HTTP limits")
struct HTTPLimitsTests {
    /// The sample world's server with other limits (same service, same keys).
    static func application(_ world: HTTPTestWorld, limits: HTTPServerLimits) -> some ApplicationProtocol {
        HTTPApplicationBuilder(service: world.service, table: world.builder.table, limits: limits)
            .application(host: "127.0.0.1", port: 0)
    }

    @Test func aBurstBeyondTheRateLimitGets429WithRetryAfterThenRecovers() async throws {
        let world = try await HTTPTestWorld.make()
        let beijing = try #require(world.keys["beijing-acquiring"])
        let mirbank = try #require(world.keys["mirbank"])
        // One request per twenty seconds sustained, five at once: on a machine loaded by the rest of the suite eight
        // requests have taken over 15 s (all eight answered 200 at 0.2 requests/s), but not the 60 s that would
        // refill three tokens here.
        let limits = HTTPServerLimits(requestsPerSecondPerKey: 0.05, requestBurstPerKey: 5)
        try await Self.application(world, limits: limits).test(.live) { client in
            var statuses: [HTTPResponse.Status] = []
            var refused: TestResponse?
            for _ in 0..<8 {
                let response = try await client.execute(
                    uri: "/merchants", method: .get, headers: HTTPTestWorld.headers(beijing))
                statuses.append(response.status)
                if response.status == .tooManyRequests, refused == nil { refused = response }
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .ok }, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 1, "\(statuses)")
            let problem = try #require(refused)
            #expect(problem.headers[.contentType] == "application/problem+json")
            let wait = try #require(problem.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...20).contains(wait))
            #expect(try problem.json()["status"] as? Int == 429)
            #expect((try problem.json()["detail"] as? String)?.contains("0.05 requests/s") == true)

            // Another participant's key has its own bucket, untouched by the first one's burst.
            for _ in 0..<5 {
                let other = try await client.execute(
                    uri: "/merchants", method: .get, headers: HTTPTestWorld.headers(mirbank))
                #expect(other.status == .ok)
            }
            // Public paths are not counted against anyone.
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)

            // After the wait the key is served again (polled: a loaded machine may need longer than Retry-After).
            var recovered = false
            let deadline = Date().addingTimeInterval(90)
            while !recovered, Date() < deadline {
                try await Task.sleep(for: .seconds(wait))
                let response = try await client.execute(
                    uri: "/merchants", method: .get, headers: HTTPTestWorld.headers(beijing))
                recovered = response.status == .ok
            }
            #expect(recovered)
        }
    }

    @Test func aRefusedRequestChangesNothingAndSpendsNoIdempotencyKey() async throws {
        let world = try await HTTPTestWorld.make()
        let beijing = try #require(world.keys["beijing-acquiring"])
        let limits = HTTPServerLimits(requestsPerSecondPerKey: 0.05, requestBurstPerKey: 1)
        try await Self.application(world, limits: limits).test(.live) { client in
            let first = try await client.execute(uri: "/merchants", method: .get, headers: HTTPTestWorld.headers(beijing))
            #expect(first.status == .ok)
            let headers = HTTPTestWorld.headers(beijing, json: true, idempotencyKey: "rate-1")
            let body = HTTPPaymentTests.cardPayment(amount: "5.00", id: "RATE-1")
            let refused = try await client.execute(uri: "/payments", method: .post, headers: headers, body: body)
            #expect(refused.status == .tooManyRequests)
            #expect(try await world.service.gateway.record("RATE-1") == nil)
            // Once allowed, the same key and body make the payment (the 429 was not stored as its answer).
            var created: HTTPResponse.Status = .tooManyRequests
            let deadline = Date().addingTimeInterval(90)
            while created == .tooManyRequests, Date() < deadline {
                try await Task.sleep(for: .seconds(1))
                created = try await client.execute(uri: "/payments", method: .post, headers: headers, body: body).status
            }
            #expect(created == .created)
        }
    }
}
