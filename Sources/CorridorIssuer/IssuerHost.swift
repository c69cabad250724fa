import CorridorCore
import CorridorISO8583
import CorridorLedger
import Foundation
import Logging
import Synchronization

/// The issuer host simulator: answers ISO 8583 authorization, financial, completion, reversal and network
/// management requests for the cards of an `IssuerPortfolio`, holding and moving funds on a `SettlementBackend`.
///
/// - 0100 (and its repeat 0101) → 0110: a hold (a pending transfer that voids itself after `holdSeconds`).
/// - 0200 → 0210: a posted debit (or a credit for processing code 20, a refund); 31 is a balance inquiry.
/// - 0220 → 0230: completion of an earlier 0100 (field 90 names it): posts the hold, fully or partly.
/// - 0400/0401 → 0410, 0420/0421 → 0430: reversal; voids a hold or returns a posted debit. An unknown original
///   answers 25 and a repeated reversal answers 00; neither changes anything.
/// - 0800 → 0810: echo, sign-on, sign-off (field 70), always 00.
///
/// A request is identified by acquirer, terminal, STAN and transmission time (`CardTransactionKey`): a
/// retransmission gets the original answer, a different request under the same key gets 94. Ledger transfer ids
/// derive from the key, so the same request after a restart cannot post twice. Logs carry the last four digits
/// and the token, never a PAN.
///
/// Guarantees:
/// - Requests are decided concurrently, in the caller's task: the host's state (``IssuerHostState``) sits behind one
///   lock held only for short steps, never across a wait, so the work of a request (parsing, tokenizing, hashing,
///   building the answer) runs on every core at once.
/// - A card's status, its daily limit and its place in the ledger queue are settled in one critical section, so
///   concurrent debits never slip past a limit together and reach the ledger in the order they were admitted.
/// - Transfers of concurrent requests are posted together (group commit: one durable commit for every transfer that
///   arrived while the previous batch was written); an approval is answered only after its batch has committed.
public final class IssuerHost: ISO8583RequestHandler, Sendable {
    /// The portfolio as provisioned; card statuses changed since are in ``IssuerHostState/statuses``.
    let portfolio: IssuerPortfolio
    let backend: any SettlementBackend
    let tokenizer: CardTokenizer
    let clock: any WallClock
    let configuration: IssuerHostConfiguration
    let logger: Logger
    let state: Mutex<IssuerHostState>
    /// Ledger account ids by name: SHA-256 derivations, each computed once per host.
    private let accountIDs = Mutex<[String: AccountID]>([:])

    /// Creates a host over a provisioned portfolio (see `IssuerLedgerAccounts.provision`).
    /// - Parameters:
    ///   - portfolio: the issuers, cards and conversion rates.
    ///   - backend: the ledger holding the card and settlement accounts.
    ///   - tokenizer: the key that turns a PAN into the portfolio's card token.
    ///   - clock: the host's clock (expiry, daily totals, the duplicate window, RRNs).
    ///   - configuration: test mode, hold length, duplicate window and approval-code seed.
    ///   - logger: where decisions are logged, with the last four digits only.
    public init(
        portfolio: IssuerPortfolio, backend: any SettlementBackend, tokenizer: CardTokenizer,
        clock: any WallClock = SystemWallClock(), configuration: IssuerHostConfiguration = IssuerHostConfiguration(),
        logger: Logger = Logger(label: "corridor.issuer")
    ) {
        self.portfolio = portfolio
        self.backend = backend
        self.tokenizer = tokenizer
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        let seed = configuration.approvalSeed ?? UInt64(max(0, clock.now().unixMilliseconds))
        self.state = Mutex(IssuerHostState(codes: ApprovalCodeGenerator(seed: seed)))
    }

    /// Changes a card's status (blocking it, reporting it lost or stolen, or reactivating it); requests decided
    /// after the call see the new status.
    /// - Parameters:
    ///   - status: the new status.
    ///   - token: the card's token.
    /// - Returns: false when the host does not know the card.
    @discardableResult
    public func setStatus(_ status: CardStatus, ofCardWithToken token: String) -> Bool {
        guard portfolio.cards[token] != nil else { return false }
        state.withLock { $0.statuses[token] = status }
        return true
    }

    /// The answer to one request (see the type's summary for what each MTI does), or nil when test mode drops it.
    /// - Parameter request: a well-formed request.
    /// - Returns: the response, sent only once whatever it moved on the ledger is durable.
    public func respond(to request: IsoMessage) async -> IsoMessage? {
        switch request.mti {
        case "0100", "0101": return await respondOnce(to: request, kind: .authorization)
        case "0200", "0201": return await respondOnce(to: request, kind: .financial)
        case "0220", "0221": return await respondOnce(to: request, kind: .completion)
        case "0400", "0401", "0420", "0421": return await respondOnce(to: request, kind: .reversal)
        case "0800": return networkManagement(request)
        default:
            guard let responseMTI = try? request.messageTypeIndicator().responseMTI else {
                logger.info("request with MTI \(request.mti) is not a request; no answer")
                return nil
            }
            return answer(request, mti: responseMTI, code: .invalidTransaction)
        }
    }

    // MARK: Duplicate detection

    enum RequestKind { case authorization, financial, completion, reversal }

    /// What was decided for one request: the answer, and whether test mode asked to delay or drop it.
    struct Decision: Sendable {
        let response: IsoMessage
        let code: IssuerResponseCode
        var delivery: TestModeOutcome?
        /// The debit the request made on the card's daily total, for a later reversal.
        var dailyDebit: (key: DailyTotalKey, amount: Int64)?
    }

    struct TransactionEntry {
        let fingerprint: Int
        /// nil while the request is being decided.
        var decision: Decision?
    }

    struct DailyTotalKey: Hashable, Sendable {
        let token: String
        let day: Int64
    }

    private enum KeyLookup { case new, sameRequest, differentBody }

    private func respondOnce(to request: IsoMessage, kind: RequestKind) async -> IsoMessage? {
        let key = Self.transactionKey(of: request)
        // A repeat (0101, 0201, 0401, 0421) is the same request as its original: the repeat bit is not compared.
        var original = request
        if let last = request.mti.last?.wholeNumberValue, last % 2 == 1 {
            original.mti = String(request.mti.dropLast()) + String(last - 1)
        }
        let fingerprint = original.hashValue
        let nowMs = clock.now().unixMilliseconds
        let windowSeconds = configuration.duplicateWindowSeconds
        let lookup = state.withLock { state -> KeyLookup in
            if let existing = state.transactions[key] {
                return existing.fingerprint == fingerprint ? .sameRequest : .differentBody
            }
            state.remember(
                key, TransactionEntry(fingerprint: fingerprint, decision: nil), nowMs: nowMs, windowSeconds: windowSeconds)
            return .new
        }
        switch lookup {
        case .differentBody:
            logger.info("duplicate key \(key) with a different body: 94")
            return answer(request, mti: Self.responseMTI(request.mti), code: .duplicateTransmission)
        case .sameRequest:
            // A retransmission: the original answer, sent now whatever test mode did to the first one.
            return await decision(for: key)?.response
        case .new:
            break
        }
        let decision = await decide(request, kind: kind, key: key)
        let waiters = state.withLock { state in
            state.transactions[key]?.decision = decision
            return state.waiters.removeValue(forKey: key) ?? []
        }
        for waiter in waiters { waiter.resume(returning: decision) }
        switch decision.delivery {
        case .dropResponse?:
            logger.info("test mode: dropping the answer to \(request.mti) \(key)")
            return nil
        case .delayResponse?:
            try? await Task.sleep(for: configuration.responseDelay)
            return decision.response
        case .decline?, nil:
            return decision.response
        }
    }

    /// The decision already taken for a key, waiting for it if it is still in flight.
    func decision(for key: CardTransactionKey) async -> Decision? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Decision?, Never>) in
            let known: Decision?? = state.withLock { state in
                guard let entry = state.transactions[key] else { return .some(nil) }
                if let decision = entry.decision { return .some(decision) }
                state.waiters[key, default: []].append(continuation)
                return nil
            }
            if let known { continuation.resume(returning: known) }
        }
    }

    private func decide(_ request: IsoMessage, kind: RequestKind, key: CardTransactionKey) async -> Decision {
        switch kind {
        case .authorization, .financial: await authorize(request, key: key, isHold: kind == .authorization)
        case .completion: await complete(request, key: key)
        case .reversal: await reverse(request, key: key)
        }
    }

    // MARK: Network management

    private func networkManagement(_ request: IsoMessage) -> IsoMessage {
        var response = IsoMessage(mti: "0810")
        for field in [7, 11, 33, 53, 70] { response.fields[field] = request.fields[field] }
        response[text: 39] = IssuerResponseCode.approved.rawValue
        return response
    }

    // MARK: Helpers

    /// The answer skeleton: the request's identifying fields echoed, the response code set.
    func answer(_ request: IsoMessage, mti: String, code: IssuerResponseCode) -> IsoMessage {
        var response = IsoMessage(mti: mti)
        for field in Self.echoedFields { response.fields[field] = request.fields[field] }
        response[text: 39] = code.rawValue
        return response
    }

    /// A decision that only answers: the response skeleton with its code, nothing delayed or dropped.
    func decision(answering request: IsoMessage, with code: IssuerResponseCode) -> Decision {
        Decision(response: answer(request, mti: Self.responseMTI(request.mti), code: code), code: code)
    }

    static let echoedFields = [2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 18, 22, 32, 33, 37, 41, 42, 49, 50, 51, 90, 95]

    /// The response MTI (0401 → 0410); a request whose MTI does not parse is answered under its own.
    static func responseMTI(_ mti: String) -> String {
        (try? MessageTypeIndicator(mti).responseMTI) ?? mti
    }

    static func transactionKey(of request: IsoMessage) -> CardTransactionKey {
        CardTransactionKey(
            acquirer: normalizedAcquirer(request[text: 32] ?? ""), terminal: request[text: 41] ?? "",
            stan: request[text: 11] ?? "", transmissionDateTime: request[text: 7] ?? "")
    }

    static func normalizedAcquirer(_ text: String) -> String {
        let trimmed = text.drop { $0 == "0" }
        return String(trimmed)
    }

    static func digits(_ value: some BinaryInteger, width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// A ledger account id by name, derived (SHA-256) outside the lock the first time it is asked for.
    func cachedAccountID(_ name: String, _ derive: () -> AccountID) -> AccountID {
        if let id = accountIDs.withLock({ $0[name] }) { return id }
        let id = derive()
        accountIDs.withLock { $0[name] = id }
        return id
    }
}
