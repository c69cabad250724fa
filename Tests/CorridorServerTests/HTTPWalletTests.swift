import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("HTTP wallets and simulations")
struct HTTPWalletTests {
    @Test func aWalletIsOpenedFundedConvertedAndPaysAMerchantsDynamicCode() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let sber = HTTPTestWorld.headers(world.keys["sberbank"], json: true)
            let vtb = HTTPTestWorld.headers(world.keys["vtbbank"], json: true)
            let opened = try await client.execute(
                uri: "/wallets", method: .post, headers: sber,
                body: .json(#"{"holder":"alice","name":"Alice","bank":"sberbank"}"#))
            #expect(opened.status == .created)
            let elsewhere = try await client.execute(
                uri: "/wallets", method: .post, headers: sber,
                body: .json(#"{"holder":"eve","name":"Eve","bank":"vtbbank"}"#))
            #expect(elsewhere.status == .notFound)
            let cafe = try await client.execute(
                uri: "/wallets", method: .post, headers: vtb,
                body: .json(
                    #"{"holder":"cafe-neva","name":"Cafe Neva","type":"company","bank":"vtbbank","mcc":"5812"}"#))
            #expect(cafe.status == .created)
            let deposit = try await client.execute(
                uri: "/wallets/alice/deposits", method: .post, headers: sber,
                body: .json(
                    #"{"bank":"sberbank","amount":{"value":"1000.00","currency":"RUB"},"reference":"cash-1"}"#))
            #expect(deposit.status == .created)
            let converted = try await client.execute(
                uri: "/wallets/alice/conversions", method: .post, headers: sber,
                body: .json(
                    #"{"direction":"toDigital","bank":"sberbank","amount":{"value":"300.00","currency":"RUB"},"id":"CV-ALICE-1"}"#
                ))
            #expect(try converted.json()["status"] as? String == "approved")
            let code = try await client.execute(uri: "/wallets/cafe-neva/qr?amount=50.00", method: .get, headers: vtb)
            let payload = try #require(try code.json()["payload"] as? String)
            let paid = try await client.execute(
                uri: "/wallets/alice/payments", method: .post, headers: sber,
                body: .json(#"{"qr":"\#(payload)"}"#))
            #expect(paid.status == .created)
            #expect(try paid.json()["status"] as? String == "approved")
            let alice = try await client.execute(uri: "/wallets/alice", method: .get, headers: sber).json()
            #expect((alice["balance"] as? [String: Any])?["value"] as? String == "250.00")
            let hidden = try await client.execute(uri: "/wallets/alice", method: .get, headers: vtb)
            #expect(hidden.status == .notFound)
            let badDirection = try await client.execute(
                uri: "/wallets/alice/conversions", method: .post, headers: sber,
                body: .json(
                    #"{"direction":"sideways","bank":"sberbank","amount":{"value":"1.00","currency":"RUB"}}"#))
            #expect(badDirection.status == .unprocessableContent)
            #expect(try badDirection.json()["field"] as? String == "direction")
            let sync = try await client.execute(
                uri: "/wallets/offline/sync", method: .post, headers: sber,
                body: .json(#"{"transfers":["zz"]}"#))
            #expect(sync.status == .unprocessableContent)
            #expect(try sync.json()["field"] as? String == "transfers[0]")
        }
    }

    @Test func aPostedScenarioRunsToItsReportAndItsFilesDownload() async throws {
        let world = try await HTTPTestWorld.make()
        let yaml = try String(
            contentsOf: HTTPTestWorld.checkoutRoot.appendingPathComponent("Samples/scenarios/wallet-to-merchant.yaml"),
            encoding: .utf8)
        try await world.application().test(.router) { client in
            let headers = HTTPTestWorld.headers(world.adminKey)
            let started = try await client.execute(
                uri: "/simulations?seed=7", method: .post, headers: headers,
                body: ByteBuffer(string: yaml))
            #expect(started.status == .accepted)
            let id = try #require(try started.json()["id"] as? String)
            var status = ""
            var simulation: [String: Any] = [:]
            // Polls until the background run ends; bounded, and no assertion depends on how long it took.
            for _ in 0..<3000 where status == "" || status == "queued" || status == "running" {
                simulation = try await client.execute(uri: "/simulations/\(id)", method: .get, headers: headers).json()
                status = simulation["status"] as? String ?? ""
                if status == "queued" || status == "running" { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(status == "passed")
            let report = try await client.execute(uri: "/simulations/\(id)/report", method: .get, headers: headers)
                .json()
            #expect(report["passed"] as? Bool == true)
            let file = try #require((simulation["files"] as? [String])?.first)
            let download = try await client.execute(
                uri: "/simulations/\(id)/file?name=\(file)", method: .get, headers: headers)
            #expect(download.status == .ok)
            let broken = try await client.execute(
                uri: "/simulations", method: .post, headers: headers,
                body: ByteBuffer(string: "name: x\nsteps: [\n"))
            #expect(broken.status == .unprocessableContent)
        }
    }
}
