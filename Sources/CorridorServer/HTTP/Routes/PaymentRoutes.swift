import CorridorCore
import CorridorGateway
import Crypto
import Foundation
import Hummingbird

/// FX quotes, payments, their trails, refunds and reversals.
enum PaymentRoutes {
    static func add(to router: Router<CorridorRequestContext>, service: CorridorService) {
        router.post("payments") { request, context in
            let caller = try context.requireCaller()
            var body = try await HTTPMessage.decode(APIPaymentRequest.self, from: request)
            if body.id == nil, let key = request.headers[IdempotencyMiddleware.headerName] {
                body = APIPaymentRequest(
                    id: Self.paymentID(caller: caller, idempotencyKey: key), quoteId: body.quoteId, card: body.card,
                    qr: body.qr, wallet: body.wallet)
            }
            let (result, record) = try await service.pay(body, for: caller)
            return try HTTPMessage.json(APIPayment(result, record: record), status: .created)
        }
        router.post("quotes") { request, context in
            let caller = try context.requireCaller()
            let body = try await HTTPMessage.decode(APIQuoteRequest.self, from: request)
            return try HTTPMessage.json(APIQuote(try service.quote(body, for: caller)), status: .created)
        }
        router.get("payments/{id}") { _, context in
            let record = try await service.payment(
                try HTTPMessage.parameter("id", context), for: try context.requireCaller())
            return try HTTPMessage.json(APIPayment(record.result, record: record))
        }
        router.get("payments/{id}/trail") { _, context in
            let record = try await service.payment(
                try HTTPMessage.parameter("id", context), for: try context.requireCaller())
            return try HTTPMessage.json(APITrail(record.trail))
        }
        router.post("payments/{id}/refunds") { request, context in
            let caller = try context.requireCaller()
            let id = try HTTPMessage.parameter("id", context)
            var body = try await HTTPMessage.decode(APIRefundRequest.self, from: request)
            if body.id == nil, let key = request.headers[IdempotencyMiddleware.headerName] {
                body = APIRefundRequest(
                    id: Self.operationID("RFD", caller: caller, idempotencyKey: key), amount: body.amount)
            }
            let (result, record) = try await service.refund(id, body, for: caller)
            return try HTTPMessage.json(APIPayment(result, record: record), status: .created)
        }
        router.post("payments/{id}/reversals") { request, context in
            let caller = try context.requireCaller()
            let id = try HTTPMessage.parameter("id", context)
            var body = try await HTTPMessage.decode(APIReversalRequest.self, from: request)
            if body.id == nil, let key = request.headers[IdempotencyMiddleware.headerName] {
                body = APIReversalRequest(id: Self.operationID("REV", caller: caller, idempotencyKey: key))
            }
            let (result, record) = try await service.reverse(id, body, for: caller)
            return try HTTPMessage.json(APIPayment(result, record: record), status: .created)
        }
    }

    /// The id of a payment posted under an `Idempotency-Key` without an id of its own: `PAY-` and 16 hex digits of
    /// SHA-256(caller, key), so a request run again under its key (its first run's server died before answering)
    /// is the same payment, decided once by the gateway, not a second one.
    static func paymentID(caller: HTTPCaller, idempotencyKey: String) -> String {
        let digest = SHA256.hash(data: Array("\(caller)\n\(idempotencyKey)".utf8))
        return "PAY-" + Hexadecimal.uppercase(digest.prefix(8))
    }

    /// The same for the other operations that make an id when the body names none (refunds `RFD`, reversals `REV`,
    /// wallet conversions `CV` and payments `WP`): the prefix and 16 hex digits of SHA-256(caller, key, prefix), so
    /// a re-run under the key is the same operation, which the gateway or the platform decides once.
    static func operationID(_ prefix: String, caller: HTTPCaller, idempotencyKey: String) -> String {
        let digest = SHA256.hash(data: Array("\(caller)\n\(idempotencyKey)\n\(prefix)".utf8))
        return prefix + "-" + Hexadecimal.uppercase(digest.prefix(8))
    }
}
