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
    static func claim(ageMs: Int64, path: String = "/payments", body: String = body) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("POST \(path)?\n".utf8))
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

    /// A refund and a wallet conversion that name no id, each run again under its key after its first run's answer
    /// was lost: the same operation, applied once (the refunded amount and the wallet balance move once).
    @Test func aRefundAndAConversionRunAgainUnderTheirKeysAreAppliedOnce() async throws {
        let table = InMemoryKeyValueStore()
        let world = try await HTTPTestWorld.make(table: table)
        let lease = IdempotencyMiddleware.pendingLeaseMillisecondsDefault
        try await world.application().test(.router) { client in
            let acquirer = HTTPTestWorld.headers(world.keys[Self.caller], json: true)
            let paid = try await client.execute(
                uri: "/payments", method: .post, headers: acquirer,
                body: HTTPPaymentTests.cardPayment(amount: "10.00", id: "CLAIM-RFD-1"))
            #expect(paid.status == .created)
            let refundBody = #"{"amount":{"value":"1.00","currency":"CNY"}}"#
            let refundPath = "/payments/CLAIM-RFD-1/refunds"
            let refundHeaders = HTTPTestWorld.headers(world.keys[Self.caller], json: true, idempotencyKey: "rfd-1")
            var refundIDs: [String] = []
            for _ in 0..<2 {
                let refund = try await client.execute(
                    uri: refundPath, method: .post, headers: refundHeaders, body: .json(refundBody))
                #expect(refund.status == .created, "\(refund.text)")
                refundIDs.append(try #require(try refund.json()["id"] as? String))
                // The answer was never stored: the server died after the refund.
                await table.setValue(
                    Self.claim(ageMs: lease + 1_000, path: refundPath, body: refundBody),
                    for: "idem:participant:\(Self.caller):rfd-1")
            }
            #expect(refundIDs[0] == refundIDs[1])
            #expect(refundIDs[0] == PaymentRoutes.operationID(
                "RFD", caller: .participant(Self.caller), idempotencyKey: "rfd-1"))
            let original = try await client.execute(
                uri: "/payments/CLAIM-RFD-1", method: .get, headers: HTTPTestWorld.headers(world.keys[Self.caller]))
            #expect((try original.json()["refundedAmount"] as? [String: Any])?["value"] as? String == "1.00")

            let sber = HTTPTestWorld.headers(world.keys["sberbank"], json: true)
            _ = try await client.execute(
                uri: "/wallets", method: .post, headers: sber,
                body: .json(#"{"holder":"claire","name":"Claire","bank":"sberbank"}"#))
            _ = try await client.execute(
                uri: "/wallets/claire/deposits", method: .post, headers: sber,
                body: .json(#"{"bank":"sberbank","amount":{"value":"100.00","currency":"RUB"},"reference":"c-1"}"#))
            let conversionBody = #"{"direction":"toDigital","bank":"sberbank","amount":{"value":"30.00","currency":"RUB"}}"#
            let conversionPath = "/wallets/claire/conversions"
            let conversionHeaders = HTTPTestWorld.headers(world.keys["sberbank"], json: true, idempotencyKey: "cv-1")
            for _ in 0..<2 {
                let converted = try await client.execute(
                    uri: conversionPath, method: .post, headers: conversionHeaders, body: .json(conversionBody))
                #expect(converted.status == .created, "\(converted.text)")
                await table.setValue(
                    Self.claim(ageMs: lease + 1_000, path: conversionPath, body: conversionBody),
                    for: "idem:participant:sberbank:cv-1")
            }
            let claire = try await client.execute(uri: "/wallets/claire", method: .get, headers: sber).json()
            #expect((claire["balance"] as? [String: Any])?["value"] as? String == "30.00")
        }
    }
}
