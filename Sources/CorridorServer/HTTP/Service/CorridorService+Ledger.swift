import CorridorCore
import CorridorLedger

extension CorridorService {
    /// The most ledger pages read to fill one filtered page (a participant's accounts among everyone's).
    static let ledgerScanPagesMax = 200

    /// The caller's accounts with their balances, in id order, one page.
    /// - Throws: 400 for a cursor that is not an account id.
    public func accounts(for caller: HTTPCaller, page: PageRequest) async throws -> APIPage<APIAccount> {
        var cursor: AccountID?
        if let text = page.cursor {
            guard let id = AccountID(string: text) else {
                throw HTTPProblem.badRequest("not a cursor from this list", field: "cursor")
            }
            cursor = id
        }
        var found: [Account] = []
        var more = false
        scan: for _ in 0..<Self.ledgerScanPagesMax {
            let batch = try await backend.allAccounts(after: cursor, limit: page.limit + 1)
            for account in batch where caller.mayAccess(account.owner) {
                if found.count == page.limit { more = true; break scan }
                found.append(account)
            }
            guard batch.count == page.limit + 1, let last = batch.last else { break }
            cursor = last.id
        }
        let balances = Dictionary(try await backend.balances(of: found.map(\.id)).map { ($0.id, $0) }) { first, _ in
            first
        }
        return APIPage(
            items: found.map { APIAccount($0, balance: balances[$0.id]) },
            nextCursor: more ? found.last?.id.description : nil)
    }

    /// One of the caller's accounts.
    /// - Throws: 404 when it does not exist or belongs to someone else.
    public func account(_ id: String, for caller: HTTPCaller) async throws -> APIAccount {
        guard let accountID = AccountID(string: id), let account = try await backend.accounts([accountID]).first,
            caller.mayAccess(account.owner)
        else { throw HTTPProblem.notFound("no account \(id)") }
        return APIAccount(account, balance: try await backend.balance(of: accountID))
    }

    /// The transfers that touched one of the caller's accounts, in commit order after the cursor (a sequence).
    /// - Throws: 404 as ``account(_:for:)``, 400 for a bad cursor.
    public func history(_ id: String, for caller: HTTPCaller, page: PageRequest) async throws -> APIPage<APITransfer> {
        let account = try await account(id, for: caller)
        var cursor: UInt64?
        if let text = page.cursor {
            guard let sequence = UInt64(text) else {
                throw HTTPProblem.badRequest("not a cursor from this list", field: "cursor")
            }
            cursor = sequence
        }
        guard let accountID = AccountID(string: account.id) else { throw HTTPProblem.notFound("no account \(id)") }
        let records = try await backend.history(of: accountID, after: cursor, limit: page.limit + 1)
        let items = records.prefix(page.limit).map(APITransfer.init)
        return APIPage(
            items: Array(items), nextCursor: records.count > page.limit ? items.last.map { String($0.sequence) } : nil)
    }

    /// The caller's balance per owner and currency over all its accounts (the operator: every owner's).
    public func balanceTotals(for caller: HTTPCaller) async throws -> [APIBalanceTotal] {
        var totals: [String: (Money, Int)] = [:]
        var cursor: AccountID?
        for _ in 0..<Self.ledgerScanPagesMax {
            let batch = try await backend.allAccounts(after: cursor, limit: 1000)
            let mine = batch.filter { caller.mayAccess($0.owner) }
            let owners = Dictionary(mine.map { ($0.id, $0.owner) }) { first, _ in first }
            for balance in try await backend.balances(of: mine.map(\.id)) {
                guard let owner = owners[balance.id] else { continue }
                let key = owner + "\u{0}" + balance.currency.alphaCode
                let (sum, count) = totals[key] ?? (.zero(balance.currency), 0)
                totals[key] = ((try? sum.adding(balance.netCredit)) ?? sum, count + 1)
            }
            guard batch.count == 1000, let last = batch.last else { break }
            cursor = last.id
        }
        return totals.sorted { $0.key < $1.key }.map { key, value in
            APIBalanceTotal(
                owner: String(key.split(separator: "\u{0}")[0]), balance: APIMoney(value.0), accountCount: value.1)
        }
    }

    /// Checks the ledger's invariants (the operator only: they span every participant).
    public func verify() async throws -> APIVerification {
        let verification = try await backend.verify()
        return APIVerification(
            balanced: verification.isBalanced, accountCount: verification.accountCount,
            transferCount: verification.transferCount, problems: verification.problems.map(\.description))
    }
}
