import CorridorCore
import Hummingbird

/// Digital-ruble wallets: open, deposit, convert, pay, balance, merchant codes, offline sync.
enum WalletRoutes {
    static func add(to router: Router<CorridorRequestContext>, service: CorridorService) {
        router.post("wallets") { request, context in
            let caller = try context.requireCaller()
            let body = try await HTTPMessage.decode(APIOpenWallet.self, from: request)
            return try HTTPMessage.json(try await service.openWallet(body, for: caller), status: .created)
        }
        router.get("wallets/{holder}") { _, context in
            try HTTPMessage.json(
                try await service.wallet(try HTTPMessage.parameter("holder", context), for: try context.requireCaller())
            )
        }
        router.post("wallets/{holder}/deposits") { request, context in
            let caller = try context.requireCaller()
            let holder = try HTTPMessage.parameter("holder", context)
            let body = try await HTTPMessage.decode(APIDeposit.self, from: request)
            let balance = try await service.deposit(holder, body, for: caller)
            return try HTTPMessage.json(
                [
                    "holder": holder, "bank": body.bank, "depositBalance": balance.value,
                    "currency": balance.currency,
                ], status: .created)
        }
        router.post("wallets/{holder}/conversions") { request, context in
            let caller = try context.requireCaller()
            let holder = try HTTPMessage.parameter("holder", context)
            var body = try await HTTPMessage.decode(APIConversion.self, from: request)
            if body.id == nil, let key = request.headers[IdempotencyMiddleware.headerName] {
                body = APIConversion(
                    direction: body.direction, bank: body.bank, amount: body.amount,
                    id: PaymentRoutes.operationID("CV", caller: caller, idempotencyKey: key))
            }
            return try HTTPMessage.json(
                APIWalletResult(try await service.convert(holder, body, for: caller)), status: .created)
        }
        router.post("wallets/{holder}/payments") { request, context in
            let caller = try context.requireCaller()
            let holder = try HTTPMessage.parameter("holder", context)
            var body = try await HTTPMessage.decode(APIWalletPayment.self, from: request)
            if body.id == nil, let key = request.headers[IdempotencyMiddleware.headerName] {
                body = APIWalletPayment(
                    to: body.to, amount: body.amount, kind: body.kind, qr: body.qr,
                    id: PaymentRoutes.operationID("WP", caller: caller, idempotencyKey: key), reference: body.reference)
            }
            return try HTTPMessage.json(
                APIWalletResult(try await service.walletPay(holder, body, for: caller)), status: .created)
        }
        router.get("wallets/{holder}/qr") { request, context in
            let caller = try context.requireCaller()
            let holder = try HTTPMessage.parameter("holder", context)
            guard let amount = try DirectoryRoutes.amount(request, currency: .rub) else {
                throw HTTPProblem.badRequest("required", field: "amount")
            }
            return try HTTPMessage.json([
                "holder": holder, "payload": try await service.walletQR(holder, amount: amount, for: caller),
            ])
        }
        router.post("wallets/offline/sync") { request, context in
            let caller = try context.requireCaller()
            let body = try await HTTPMessage.decode(APIOfflineSync.self, from: request)
            return try HTTPMessage.json(try await service.syncOffline(body, for: caller))
        }
    }
}
