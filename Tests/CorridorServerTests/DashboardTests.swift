import CorridorGateway
import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The dashboard's pages through the real router (issue 8 §2): merchants with their QR codes, a tourist paying by
/// scanning and by card, the payment's trail, balances, and the clearing button — all without an API key.
@Suite("dashboard")
struct DashboardTests {
    static func world() async throws -> HTTPTestWorld {
        let world = try await HTTPTestWorld.make()
        return HTTPTestWorld(
            service: world.service,
            builder: HTTPApplicationBuilder(service: world.service, table: world.builder.table, extraRoutes: [DashboardRoutes()]),
            keys: world.keys)
    }

    static func form(_ fields: [(String, String)]) -> (HTTPFields, ByteBuffer) {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)
        }.joined(separator: "&")
        return (headers, ByteBuffer(string: body))
    }

    @Test func merchantsShowTheirCodesAndATouristPaysByScanning() async throws {
        let world = try await Self.world()
        try await world.application().test(.router) { client in
            let merchants = try await client.execute(uri: "/dashboard/merchants", method: .get)
            #expect(merchants.status == .ok)
            #expect(merchants.headers[.contentType]?.hasPrefix("text/html") == true)
            let directory = world.service.gateway.directory.merchants.values
            for merchant in directory { #expect(merchants.text.contains(HTMLEscaped(merchant.name).text), "\(merchant.id)") }
            // A QR code for every merchant that has a static one (a dynamic-only merchant needs an amount).
            var staticCodes = 0
            for merchant in directory where (try? await world.service.merchantPayload(merchant.id, amount: nil, for: .admin)) != nil {
                staticCodes += 1
            }
            #expect(staticCodes >= directory.count - 1)
            #expect(merchants.text.components(separatedBy: "<svg").count - 1 == staticCodes, "a QR code per merchant")

            let page = try await client.execute(uri: "/dashboard/merchants/moscow-souvenirs", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("huaxiabank/li.wei") && page.text.contains("Scan and pay"))

            let (headers, body) = Self.form([("method", "qr"), ("payer", "huaxiabank/li.wei"), ("amount", "632.00")])
            let paid = try await client.execute(
                uri: "/dashboard/merchants/moscow-souvenirs/pay", method: .post, headers: headers, body: body)
            #expect(paid.status == .seeOther)
            let location = try #require(paid.headers[.location])
            #expect(location.hasPrefix("/dashboard/payments/"))
            let payment = try await client.execute(uri: location, method: .get)
            #expect(payment.status == .ok)
            #expect(payment.text.contains("class=\"approved\""))
            #expect(payment.text.contains("632.00 RUB"))
            // 632.00 RUB at the 12.64 mid plus huaxiabank's 40 bps: 50.20 CNY, as the CLI test finds.
            #expect(payment.text.contains("50.20 CNY"))
            #expect(payment.text.contains("<td>post</td>"), "the trail is shown")

            // The overview lists it, and the balances chart is there.
            let overview = try await client.execute(uri: "/dashboard", method: .get)
            #expect(overview.text.contains(String(location.dropFirst("/dashboard/payments/".count))))
            #expect(overview.text.contains("<svg") && overview.text.contains("Balances per participant"))
        }
    }

    @Test func aCardPaymentShowsOnlyTheMaskedCardAndBadFormsAreExplained() async throws {
        let world = try await Self.world()
        try await world.application().test(.router) { client in
            let (headers, body) = Self.form([
                ("method", "card"), ("pan", "2200700000001239"), ("expiry", "2912"), ("amount", "88.00"),
            ])
            let paid = try await client.execute(
                uri: "/dashboard/merchants/beijing-restaurant/pay", method: .post, headers: headers, body: body)
            let location = try #require(paid.headers[.location])
            let payment = try await client.execute(uri: location, method: .get)
            #expect(payment.text.contains("class=\"approved\"") && payment.text.contains("88.00 CNY"))
            #expect(payment.text.contains("1239"))
            #expect(!payment.text.contains("2200700000001239"), "a full PAN on the page")
            let overview = try await client.execute(uri: "/dashboard", method: .get)
            #expect(!overview.text.contains("2200700000001239"))

            for (fields, words) in [
                ([("method", "card"), ("pan", "2200700000001238"), ("expiry", "2912"), ("amount", "1.00")], "Luhn"),
                ([("method", "card"), ("pan", "2200700000001239"), ("expiry", "2912"), ("amount", "1.001")], "fraction digits"),
                ([("method", "qr"), ("amount", "1.00")], "payer"),
            ] {
                let (headers, body) = Self.form(fields)
                let refused = try await client.execute(
                    uri: "/dashboard/merchants/beijing-restaurant/pay", method: .post, headers: headers, body: body)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains(words), "\(fields)")
                #expect(!refused.text.contains("2200700000001238"), "the refused PAN is not echoed")
            }
        }
    }

    @Test func theClearingButtonNetsTheDayAndOffersItsFiles() async throws {
        let world = try await Self.world()
        try await world.application().test(.router) { client in
            let (headers, body) = Self.form([("method", "qr"), ("payer", "huaxiabank/li.wei"), ("amount", "632.00")])
            _ = try await client.execute(
                uri: "/dashboard/merchants/moscow-souvenirs/pay", method: .post, headers: headers, body: body)
            let before = try await client.execute(uri: "/dashboard/clearing", method: .get)
            #expect(before.text.contains("Clear today") && !before.text.contains("Net positions"))
            let cleared = try await client.execute(uri: "/dashboard/clearing", method: .post)
            #expect(cleared.status == .seeOther)
            let after = try await client.execute(uri: "/dashboard/clearing", method: .get)
            #expect(after.text.contains("Net positions") && after.text.contains("<svg"))
            let link = try #require(after.text.components(separatedBy: "href=\"").dropFirst()
                .map { String($0.prefix { $0 != "\"" }) }.first { $0.contains("pacs.009") })
            let file = try await client.execute(uri: link, method: .get)
            #expect(file.status == .ok)
            #expect(file.text.contains("pacs.009"))
        }
    }

    @Test func aMerchantTakingNoQRPaymentsOffersOnlyTheCard() async throws {
        let world = try await Self.world()
        let merchant = try #require(world.service.gateway.directory.merchants.values.first {
            $0.instruments.isDisjoint(with: [.emvQR, .sbpQR]) && $0.instruments.contains(.card)
        }, "the sample directory has a card-only merchant")
        try await world.application().test(.router) { client in
            let page = try await client.execute(uri: "/dashboard/merchants/\(merchant.id)", method: .get)
            #expect(page.text.contains("Pay by card") && !page.text.contains("Scan and pay"))
            let (headers, body) = Self.form([("method", "qr"), ("payer", "huaxiabank/li.wei"), ("amount", "35.00")])
            let refused = try await client.execute(
                uri: "/dashboard/merchants/\(merchant.id)/pay", method: .post, headers: headers, body: body)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(refused.text.contains("takes no QR payments"))
        }
    }

    @Test func theAPIStillWantsAKey() async throws {
        let world = try await Self.world()
        try await world.application().test(.router) { client in
            let front = try await client.execute(uri: "/", method: .get)
            #expect(front.status == .seeOther && front.headers[.location] == "/dashboard")
            let api = try await client.execute(uri: "/merchants", method: .get)
            #expect(api.status == .unauthorized)
            let sneaky = try await client.execute(uri: "/dashboard/../merchants", method: .get)
            #expect(sneaky.status != .ok)
        }
    }
}

/// A name as the page writes it (escaped).
struct HTMLEscaped {
    let text: String
    init(_ raw: String) {
        text = raw.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
