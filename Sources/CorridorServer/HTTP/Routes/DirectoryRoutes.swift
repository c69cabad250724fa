import CorridorCore
import Hummingbird

/// Participants and merchants, with the merchants' QR images.
enum DirectoryRoutes {
    static func add(to router: Router<CorridorRequestContext>, service: CorridorService) {
        router.get("participants") { request, context in
            _ = try context.requireCaller()
            let page = try HTTPMessage.page(request).page(service.participants(), key: \.id)
            return try HTTPMessage.json(
                APIPage(items: page.items.map(APIParticipant.init), nextCursor: page.nextCursor))
        }
        router.get("participants/{id}") { _, context in
            _ = try context.requireCaller()
            return try HTTPMessage.json(
                APIParticipant(try service.participant(try HTTPMessage.parameter("id", context))))
        }
        router.get("merchants") { request, context in
            let page = service.merchants(for: try context.requireCaller(), page: try HTTPMessage.page(request))
            return try HTTPMessage.json(APIPage(items: page.items.map(APIMerchant.init), nextCursor: page.nextCursor))
        }
        router.post("merchants") { request, context in
            let caller = try context.requireCaller()
            let body = try await HTTPMessage.decode(APIMerchant.self, from: request)
            return try HTTPMessage.json(APIMerchant(try await service.createMerchant(body, for: caller)), status: .created)
        }
        router.get("merchants/{id}") { _, context in
            let merchant = try service.merchant(
                try HTTPMessage.parameter("id", context), for: try context.requireCaller())
            return try HTTPMessage.json(APIMerchant(merchant))
        }
        router.get("merchants/{id}/qr") { request, context in
            let id = try HTTPMessage.parameter("id", context)
            let caller = try context.requireCaller()
            let currency = try service.merchant(id, for: caller).currency
            let payload = try await service.merchantPayload(
                id, amount: try amount(request, currency: currency), for: caller)
            return try HTTPMessage.json(["merchantId": id, "payload": payload])
        }
        for format in [QRImageFormat.png, .svg] {
            router.get("merchants/{id}/qr.\(format.rawValue)") { request, context in
                let id = try HTTPMessage.parameter("id", context)
                let caller = try context.requireCaller()
                let amount = try amount(request, currency: try service.merchant(id, for: caller).currency)
                let image = try await service.merchantQRImage(id, amount: amount, format: format, for: caller)
                return HTTPMessage.bytes(
                    image, contentType: format.contentType,
                    cacheControl: amount == nil ? "private, max-age=300" : "private, no-store")
            }
        }
    }

    /// `?amount=123.45`, in the merchant's currency unless `?currency=` names another (which is then refused).
    static func amount(_ request: Request, currency: Currency) throws(HTTPProblem) -> Money? {
        let query = request.uri.queryParameters
        guard let value = query["amount"].map(String.init) else { return nil }
        let code = query["currency"].map(String.init) ?? currency.alphaCode
        let money = try APIMoney(value: value, currency: code).money(field: "amount")
        guard money.minorUnits > 0 else { throw .unprocessable("must be greater than zero", field: "amount") }
        return money
    }
}
