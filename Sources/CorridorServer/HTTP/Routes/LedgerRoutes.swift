import Hummingbird

/// The ledger: accounts with balances, per-owner totals, account history, the invariant check.
enum LedgerRoutes {
    static func add(to router: Router<CorridorRequestContext>, service: CorridorService) {
        router.get("ledger/accounts") { request, context in
            try HTTPMessage.json(
                try await service.accounts(for: try context.requireCaller(), page: try HTTPMessage.page(request)))
        }
        router.get("ledger/accounts/{id}") { _, context in
            try HTTPMessage.json(
                try await service.account(try HTTPMessage.parameter("id", context), for: try context.requireCaller()))
        }
        router.get("ledger/accounts/{id}/history") { request, context in
            let id = try HTTPMessage.parameter("id", context)
            return try HTTPMessage.json(
                try await service.history(id, for: try context.requireCaller(), page: try HTTPMessage.page(request)))
        }
        router.get("ledger/balances") { _, context in
            try HTTPMessage.json(["items": try await service.balanceTotals(for: try context.requireCaller())])
        }
        router.get("ledger/verify") { _, context in
            _ = try context.requireAdmin()
            return try HTTPMessage.json(try await service.verify())
        }
    }
}
