import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CorridorServer

/// A server killed between storing its claim on an `Idempotency-Key` and storing the answer leaves a claim nobody
/// finishes (found by the HTTP crash test, Tests/CorridorCLITests/ServeHTTPCrashTests): the claim lapses, the retry
/// runs, and a payment without an id of its own is the same payment when run again under its key.
@Suite("Idempotency claims")
struct IdempotencyClaimTests {
    static let caller = "beijing-acquiring"
    /// A card payment that names no id: the server derives it from the key.
    static let body =
        #"{"card":{"pan":"\#(HTTPPaymentTests.pan)","expiry":"2912","cvv":"123","merchant":"beijing-restaurant","#
        + #""amount":{"value":"3.00","currency":"CNY"}}}"#

    /// A pending claim as a server writes it before running the request, made `ageMs` ago.
    static func claim(ageMs: Int64) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("POST /payments?\n".utf8))
        hasher.update(data: Data(body.utf8))
        let fingerprint = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        return #"{"body":"","claimedAtMs":\#(now - ageMs),"fingerprint":"\#(fingerprint)","pending":true,"status":0}"#
    }

    @Test func aFreshClaimAnswers409AndALapsedOneRuns() async throws {
        let table = InMemoryKeyValueStore()
        let world = try await HTTPTestWorld.make(table: table)
        let headers = HTTPTestWorld.headers(world.keys[Self.caller], json: true, idempotencyKey: "claim-1")
        try await world.application().test(.router) { client in
            await table.setValue(Self.claim(ageMs: 0), for: "idem:participant:\(Self.caller):claim-1")
            let running = try await client.execute(
                uri: "/payments", method: .post, headers: headers, body: .json(Self.body))
            #expect(running.status == .conflict)
            #expect(try running.json()["field"] as? String == "Idempotency-Key")

            let lease = IdempotencyMiddleware.pendingLeaseMillisecondsDefault
            await table.setValue(Self.claim(ageMs: lease + 1_000), for: "idem:participant:\(Self.caller):claim-1")
            let taken = try await client.execute(
                uri: "/payments", method: .post, headers: headers, body: .json(Self.body))
            #expect(taken.status == .created, "\(taken.text)")
            let replay = try await client.execute(
                uri: "/payments", method: .post, headers: headers, body: .json(Self.body))
            #expect(replay.text == taken.text)
            #expect(replay.headers[IdempotencyMiddleware.replayedHeaderName] == "true")
        }
    }

    @Test func aPaymentRunAgainUnderItsKeyIsTheSamePayment() async throws {
        let table = InMemoryKeyValueStore()
        let world = try await HTTPTestWorld.make(table: table)
        let headers = HTTPTestWorld.headers(world.keys[Self.caller], json: true, idempotencyKey: "claim-2")
        try await world.application().test(.router) { client in
            let first = try await client.execute(
                uri: "/payments", method: .post, headers: headers, body: .json(Self.body))
            #expect(first.status == .created, "\(first.text)")
            let id = try #require(try first.json()["id"] as? String)
            #expect(id == PaymentRoutes.paymentID(caller: .participant(Self.caller), idempotencyKey: "claim-2"))
            // The payment was made but its answer was never stored: the server died in between.
            let lease = IdempotencyMiddleware.pendingLeaseMillisecondsDefault
            await table.setValue(Self.claim(ageMs: lease + 1_000), for: "idem:participant:\(Self.caller):claim-2")
            let again = try await client.execute(
                uri: "/payments", method: .post, headers: headers, body: .json(Self.body))
            #expect(again.status == .created, "\(again.text)")
            #expect(try again.json()["id"] as? String == id)
            #expect(try again.json()["transferId"] as? String == (try first.json()["transferId"] as? String))
        }
    }
}
