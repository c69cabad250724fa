import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("HTTP API")
struct HTTPAPITests {
    @Test func healthzAnswersWithoutAKey() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(try response.json()["status"] as? String == "ok")
        }
    }

    @Test func missingOrUnknownKeyIsAnswered401AsAProblem() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            for key in [nil, "ckp_wrong"] as [String?] {
                let response = try await client.execute(
                    uri: "/merchants", method: .get, headers: HTTPTestWorld.headers(key))
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(try response.json()["status"] as? Int == 401)
            }
            var headers = HTTPFields()
            headers[HTTPFields.Element.Name("X-API-Key")!] = world.adminKey
            #expect(try await client.execute(uri: "/merchants", method: .get, headers: headers).status == .ok)
        }
    }

    @Test func aParticipantSeesOnlyItsOwnMerchantsAndGets404ForOthers() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let moscow = HTTPTestWorld.headers(world.keys["moscow-acquiring"])
            let list = try await client.execute(uri: "/merchants?limit=500", method: .get, headers: moscow)
            let items = try #require(try list.json()["items"] as? [[String: Any]])
            #expect(!items.isEmpty)
            #expect(items.allSatisfy { $0["acquirer"] as? String == "moscow-acquiring" })
            let other = try await client.execute(uri: "/merchants/beijing-restaurant", method: .get, headers: moscow)
            #expect(other.status == .notFound)
            let admin = try await client.execute(
                uri: "/merchants/beijing-restaurant", method: .get,
                headers: HTTPTestWorld.headers(world.adminKey))
            #expect(admin.status == .ok)
        }
    }

    @Test func merchantsArePagedWithACursorThatVisitsEachOnce() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            var seen: [String] = []
            var cursor: String?
            for _ in 0..<100 {
                let uri = "/merchants?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.execute(
                    uri: uri, method: .get, headers: HTTPTestWorld.headers(world.adminKey)
                ).json()
                seen += try #require(page["items"] as? [[String: Any]]).compactMap { $0["id"] as? String }
                cursor = page["nextCursor"] as? String
                if cursor == nil { break }
            }
            #expect(seen == seen.sorted())
            #expect(Set(seen).count == seen.count)
            #expect(seen.count == world.service.gateway.directory.merchants.count)
            let bad = try await client.execute(
                uri: "/merchants?limit=0", method: .get, headers: HTTPTestWorld.headers(world.adminKey))
            #expect(bad.status == .badRequest)
            #expect(try bad.json()["field"] as? String == "limit")
        }
    }

    @Test func problemsNameTheFieldThatIsWrong() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let headers = HTTPTestWorld.headers(world.keys["moscow-acquiring"], json: true)
            let missing = try await client.execute(
                uri: "/merchants", method: .post, headers: headers,
                body: .json(
                    #"{"id":"kiosk","city":"Moscow","country":"RU","mcc":"5999","currency":"RUB","instruments":["card"]}"#
                ))
            #expect(missing.status == .badRequest)
            #expect(try missing.json()["field"] as? String == "name")
            let currency = try await client.execute(
                uri: "/merchants", method: .post, headers: headers,
                body: .json(
                    #"{"id":"kiosk","name":"Kiosk","city":"Moscow","country":"RU","mcc":"5999","currency":"XXQ","instruments":["card"]}"#
                ))
            #expect(currency.status == .unprocessableContent)
            #expect(try currency.json()["field"] as? String == "currency")
            let amount = try await client.execute(
                uri: "/payments", method: .post, headers: headers,
                body: .json(
                    #"{"card":{"pan":"2200700000001239","expiry":"2912","merchant":"moscow-souvenirs","amount":{"value":"1.2.3","currency":"RUB"}}}"#
                ))
            #expect(amount.status == .unprocessableContent)
            #expect(try amount.json()["field"] as? String == "card.amount.value")
            #expect(!amount.text.contains("2200700000001239"))
        }
    }

    @Test func aCreatedMerchantIsListedAndOwnedByItsAcquirer() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let headers = HTTPTestWorld.headers(world.keys["moscow-acquiring"], json: true)
            let created = try await client.execute(
                uri: "/merchants", method: .post, headers: headers,
                body: .json(
                    #"{"id":"arbat-kiosk","name":"Киоск","city":"Москва","country":"RU","mcc":"5999","currency":"RUB","instruments":["card","emv_qr"],"qrIdentifiers":["6231000000000000999"]}"#
                ))
            #expect(created.status == .created)
            #expect(try created.json()["acquirer"] as? String == "moscow-acquiring")
            let again = try await client.execute(
                uri: "/merchants", method: .post, headers: headers,
                body: .json(
                    #"{"id":"arbat-kiosk","name":"Киоск","city":"Москва","country":"RU","mcc":"5999","currency":"RUB","instruments":["card"]}"#
                ))
            #expect(again.status == .conflict)
            let beijing = try await client.execute(
                uri: "/merchants/arbat-kiosk", method: .get,
                headers: HTTPTestWorld.headers(world.keys["beijing-acquiring"]))
            #expect(beijing.status == .notFound)
        }
    }

    @Test func requestBodiesOverTheLimitAreAnswered413() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: HTTPLimits.requestBodyBytesMax + 1)
            let response = try await client.execute(
                uri: "/payments", method: .post,
                headers: HTTPTestWorld.headers(world.adminKey, json: true), body: big)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func metricsCountRequestsByRoute() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            _ = try await client.execute(
                uri: "/merchants/spb-cafe", method: .get, headers: HTTPTestWorld.headers(world.adminKey))
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("http_requests_total"))
            #expect(metrics.text.contains("/merchants/{id}"))
            #expect(metrics.text.contains("http_request_duration_seconds_bucket"))
        }
    }
}
