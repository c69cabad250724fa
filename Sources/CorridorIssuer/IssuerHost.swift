import CorridorCore
import CorridorISO8583
import CorridorLedger
import Foundation
import Logging

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
public actor IssuerHost: ISO8583RequestHandler {
    private var portfolio: IssuerPortfolio
    private let poster: LedgerBatchPoster
    let backend: any SettlementBackend
    private let tokenizer: CardTokenizer
    let clock: any WallClock
    let configuration: IssuerHostConfiguration
    let logger: Logger
    private var codes: ApprovalCodeGenerator
    /// When the host started (UTC), for ``CardTransferID/mayPrecede(_:start:windowSeconds:)``.
    private let startedAt: CivilDate
    private var transactions = RecentTransactions<TransactionEntry>()
    private var dailyTotals: [DailyTotalKey: Int64] = [:]
    var reversedKeys: Set<CardTransactionKey> = []
    private var waiters: [CardTransactionKey: [CheckedContinuation<Decision, Never>]] = [:]
    private var accountIDs: [String: AccountID] = [:]

    /// Creates a host over a provisioned portfolio (see `IssuerLedgerAccounts.provision`).
    public init(
        portfolio: IssuerPortfolio, backend: any SettlementBackend, tokenizer: CardTokenizer,
        clock: any WallClock = SystemWallClock(), configuration: IssuerHostConfiguration = IssuerHostConfiguration(),
        logger: Logger = Logger(label: "corridor.issuer")
    ) {
        self.portfolio = portfolio
        self.backend = backend
        self.poster = LedgerBatchPoster(backend: backend)
        self.tokenizer = tokenizer
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        self.startedAt = CivilDate(unixMilliseconds: clock.now().unixMilliseconds)
        self.codes = ApprovalCodeGenerator(seed: configuration.approvalSeed ?? UInt64(max(0, clock.now().unixMilliseconds)))
    }

    /// Changes a card's status (blocking it, reporting it lost or stolen, or reactivating it).
    /// - Returns: false when the host does not know the card.
    @discardableResult
    public func setStatus(_ status: CardStatus, ofCardWithToken token: String) -> Bool {
        guard var card = portfolio.cards[token] else { return false }
        card.status = status
        portfolio.add(card)
        return true
    }

    public nonisolated func respond(to request: IsoMessage) async -> IsoMessage? {
        let kind: RequestKind
        switch request.mti {
        case "0100", "0101": kind = .authorization
        case "0200", "0201": kind = .financial
        case "0220", "0221": kind = .completion
        case "0400", "0401", "0420", "0421": kind = .reversal
        default: return await respondToOther(request)
        }
        // What needs no state (the key, the fingerprint, the card's token: hashing) is worked out here, concurrently,
        // so the host itself spends its turn on the decision only.
        return await respondOnce(to: request, kind: kind, prepared: prepare(request, kind: kind))
    }

    private func respondToOther(_ request: IsoMessage) -> IsoMessage? {
        switch request.mti {
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

    /// What a request comes to before the host's state is read.
    struct PreparedRequest: Sendable {
        /// Acquirer, terminal, STAN and transmission time.
        let key: CardTransactionKey
        /// The hash of the request with its repeat bit cleared, to tell a retransmission from a different request.
        let fingerprint: Int
        /// The card's token, for an authorization or financial request whose field 2 is a valid PAN.
        let token: CardToken?
    }

    private nonisolated func prepare(_ request: IsoMessage, kind: RequestKind) -> PreparedRequest {
        // A repeat (0101, 0201, 0401, 0421) is the same request as its original: the repeat bit is not compared.
        var original = request
        if let last = request.mti.last?.wholeNumberValue, last % 2 == 1 {
            original.mti = String(request.mti.dropLast()) + String(last - 1)
        }
        var token: CardToken?
        if kind == .authorization || kind == .financial, let panText = request[text: 2],
            let pan = try? PrimaryAccountNumber(panText)
        {
            token = tokenizer.token(for: pan)
        }
        return PreparedRequest(key: Self.transactionKey(of: request), fingerprint: original.hashValue, token: token)
    }

    private func respondOnce(to request: IsoMessage, kind: RequestKind, prepared: PreparedRequest) async -> IsoMessage? {
        let key = prepared.key
        let fingerprint = prepared.fingerprint
        if let existing = transactions[key] {
            guard existing.fingerprint == fingerprint else {
                logger.info("duplicate key \(key) with a different body: 94")
                return answer(request, mti: Self.responseMTI(request.mti), code: .duplicateTransmission)
            }
            // A retransmission: the original answer, sent now whatever test mode did to the first one.
            return await decision(for: key)?.response
        }
        remember(key, TransactionEntry(fingerprint: fingerprint, decision: nil))
        let decision = await decide(request, kind: kind, prepared: prepared)
        transactions[key]?.decision = decision
        for waiter in waiters.removeValue(forKey: key) ?? [] { waiter.resume(returning: decision) }
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

    private func remember(_ key: CardTransactionKey, _ entry: TransactionEntry) {
        let nowMs = clock.now().unixMilliseconds
        transactions.insert(entry, for: key, atMs: nowMs, forgettingBefore: nowMs - configuration.duplicateWindowSeconds * 1000)
    }

    /// The decision already taken for a key, waiting for it if it is still in flight.
    func decision(for key: CardTransactionKey) async -> Decision? {
        guard let entry = transactions[key] else { return nil }
        if let decision = entry.decision { return decision }
        return await withCheckedContinuation { waiters[key, default: []].append($0) }
    }

    private func decide(_ request: IsoMessage, kind: RequestKind, prepared: PreparedRequest) async -> Decision {
        switch kind {
        case .authorization, .financial:
            await authorize(request, key: prepared.key, token: prepared.token, isHold: kind == .authorization)
        case .completion: await complete(request, key: prepared.key)
        case .reversal: await reverse(request, key: prepared.key)
        }
    }

    // MARK: Authorization and financial requests

    private func authorize(_ request: IsoMessage, key: CardTransactionKey, token: CardToken?, isHold: Bool) async
        -> Decision
    {
        let responseMTI = Self.responseMTI(request.mti)
        func decline(_ code: IssuerResponseCode, delivery: TestModeOutcome? = nil) -> Decision {
            Decision(response: answer(request, mti: responseMTI, code: code), code: code, delivery: delivery)
        }
        guard let panText = request[text: 2], let processingCode = request[text: 3], processingCode.count == 6,
            request[text: 7] != nil, request[text: 11] != nil
        else { return decline(.formatError) }
        let transactionType = String(processingCode.prefix(2))
        let isBalanceInquiry = transactionType == "31"
        guard let amountText = request[text: 4] ?? (isBalanceInquiry ? "0" : nil),
            let minorUnits = Int64(amountText), minorUnits >= 0,
            let currencyText = request[text: 49] ?? (isBalanceInquiry ? "" : nil)
        else { return decline(.formatError) }

        var delivery: TestModeOutcome?
        if let table = configuration.testMode {
            switch table.outcome(panDigits: panText, amountMinorUnits: isBalanceInquiry ? nil : minorUnits) {
            case .decline(let code)?:
                logger.debug("test mode: \(code.rawValue) for card …\(String(panText.suffix(4)))")
                return decline(code)
            case let other?: delivery = other
            case nil: break
            }
        }
        guard let token else { return decline(.invalidCardNumber, delivery: delivery) }
        guard let card = portfolio.cards[token.token] else { return decline(.invalidCardNumber, delivery: delivery) }
        if let code = card.status.declineCode { return decline(code, delivery: delivery) }
        let now = clock.now()
        let civil = CivilDate(unixMilliseconds: now.unixMilliseconds)
        if card.isExpired(year: civil.year, month: civil.month) { return decline(.expiredCard, delivery: delivery) }
        if let expiry = request[text: 14], expiry != card.expiry { return decline(.expiredCard, delivery: delivery) }

        let cardAccount = cachedAccountID("card/" + token.token) { IssuerLedgerAccounts.cardAccount(token: token.token) }
        if isBalanceInquiry {
            return await balanceInquiry(request, card: card, account: cardAccount, delivery: delivery)
        }
        let isCredit = transactionType == "20"
        guard ["00", "01", "09", "20"].contains(transactionType) else { return decline(.invalidTransaction, delivery: delivery) }
        guard minorUnits > 0 else { return decline(.invalidAmount, delivery: delivery) }
        guard let currency = Currency(numericText: currencyText) else { return decline(.formatError, delivery: delivery) }

        // The amount on the card: the scheme's billing amount (fields 6 and 51) when sent, else the issuer's rate.
        let billing: Money
        var convertedHere = false
        if let billingText = request[text: 6], let billingUnits = Int64(billingText), let billingCurrencyText = request[text: 51],
            let billingCurrency = Currency(numericText: billingCurrencyText)
        {
            guard billingCurrency == card.currency else { return decline(.transactionNotPermitted, delivery: delivery) }
            billing = Money(minorUnits: billingUnits, currency: billingCurrency)
        } else if currency == card.currency {
            billing = Money(minorUnits: minorUnits, currency: currency)
        } else {
            guard let rate = portfolio.rate(from: currency, to: card.currency) else {
                return decline(.transactionNotPermitted, delivery: delivery)
            }
            guard let converted = rate.convert(Money(minorUnits: minorUnits, currency: currency)) else {
                return decline(.invalidAmount, delivery: delivery)
            }
            billing = converted
            convertedHere = true
        }
        guard billing.minorUnits > 0 else { return decline(.invalidAmount, delivery: delivery) }

        var dailyDebit: (key: DailyTotalKey, amount: Int64)?
        if !isCredit {
            if let limit = card.limits.perTransaction, billing.minorUnits > limit.minorUnits {
                return decline(.exceedsWithdrawalLimit, delivery: delivery)
            }
            let dailyKey = DailyTotalKey(token: token.token, day: now.unixMilliseconds / 86_400_000)
            let spent = dailyTotals[dailyKey, default: 0]
            if let limit = card.limits.daily {
                let (total, overflow) = spent.addingReportingOverflow(billing.minorUnits)
                if overflow || total > limit.minorUnits { return decline(.exceedsWithdrawalLimit, delivery: delivery) }
            }
            // Counted before the ledger answers, so concurrent requests cannot both slip under the limit.
            dailyTotals[dailyKey] = spent + billing.minorUnits
            dailyDebit = (dailyKey, billing.minorUnits)
        }

        let settlement = cachedAccountID("settlement/\(card.issuerID)/\(card.currency.alphaCode)") {
            IssuerLedgerAccounts.settlementAccount(issuer: card.issuerID, currency: card.currency)
        }
        let userData = TransferUserData(
            paymentID: String(key.description.prefix(TransferUserData.fieldLengthMax)), rail: "card",
            reference: "\(request.mti) \(token.scheme.rawValue) …\(token.lastFour)")
        let leg = isCredit
            ? TransferLeg(debit: settlement, credit: cardAccount, amount: billing)
            : TransferLeg(debit: cardAccount, credit: settlement, amount: billing)
        let transfer = Transfer(
            id: await debitID(of: key),
            kind: isHold && !isCredit ? .pending(timeoutSeconds: configuration.holdSeconds) : .single,
            legs: [leg], userData: userData)
        let code = await postCardTransfer(transfer, lastFour: token.lastFour)
        if !code.isApproval, let debit = dailyDebit {
            dailyTotals[debit.key, default: 0] -= debit.amount
            dailyDebit = nil
        }
        var response = answer(request, mti: responseMTI, code: code)
        if code.isApproval {
            let issued = codes.next(at: now)
            response[text: 38] = issued.approvalCode
            if request[text: 37] == nil { response[text: 37] = issued.rrn }
            if convertedHere {
                response[text: 6] = Self.digits(billing.minorUnits, width: 12)
                response[text: 51] = Self.digits(Int64(card.currency.numericCode), width: 3)
            }
        }
        logger.debug("\(request.mti) card …\(token.lastFour) \(billing): \(code.rawValue)")
        return Decision(response: response, code: code, delivery: delivery, dailyDebit: dailyDebit)
    }

    private func balanceInquiry(
        _ request: IsoMessage, card: IssuedCard, account: AccountID, delivery: TestModeOutcome?
    ) async -> Decision {
        let responseMTI = Self.responseMTI(request.mti)
        do {
            guard let balance = try await backend.balance(of: account) else {
                return Decision(response: answer(request, mti: responseMTI, code: .invalidCardNumber), code: .invalidCardNumber)
            }
            let available = balance.creditsPosted - balance.debitsPosted - balance.debitsPending
            var response = answer(request, mti: responseMTI, code: .approved)
            // Field 54: account type 00, amount type 02 (available), currency, sign, twelve digits.
            response[text: 54] = "0002" + Self.digits(Int64(card.currency.numericCode), width: 3)
                + (available < 0 ? "D" : "C") + Self.digits(available.magnitude, width: 12)
            return Decision(response: response, code: .approved, delivery: delivery)
        } catch {
            logger.error("ledger unavailable for a balance inquiry: \(error)")
            return Decision(response: answer(request, mti: responseMTI, code: .issuerInoperative), code: .issuerInoperative)
        }
    }

    /// The id of a transaction's debit: its ordered id, unless the request was sent before this host started and an
    /// earlier build posted it under the hash-only id (a retransmission across an upgrade replays that posting).
    private func debitID(of key: CardTransactionKey) async -> TransferID {
        let ordered = CardTransferID.id(.debit, of: key)
        guard CardTransferID.mayPrecede(key, start: startedAt, windowSeconds: configuration.duplicateWindowSeconds)
        else { return ordered }
        let legacy = CardTransferID.id(.debit, of: key, scheme: .legacy)
        guard legacy != ordered, let found = try? await backend.lookup(transfers: [legacy]), !found.isEmpty else {
            return ordered
        }
        return legacy
    }

    /// Posts one card transfer in the next group commit and maps the ledger's answer to a response code.
    func postCardTransfer(_ transfer: Transfer, lastFour: String) async -> IssuerResponseCode {
        do {
            switch try await poster.post(transfer) {
            case .committed: return .approved
            case .rejected(.exceedsCredits): return .insufficientFunds
            case .rejected(.balanceOverflow): return .invalidAmount
            case .rejected(.idReusedWithDifferentBody): return .duplicateTransmission
            case .rejected(let reason):
                logger.error("ledger refused card transfer \(transfer.id) for card …\(lastFour): \(reason)")
                return .systemMalfunction
            }
        } catch {
            logger.error("ledger unavailable for card …\(lastFour): \(error)")
            return .issuerInoperative
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

    /// Ledger ids are SHA-256 derivations; each is computed once per host.
    private func cachedAccountID(_ name: String, _ derive: () -> AccountID) -> AccountID {
        if let id = accountIDs[name] { return id }
        let id = derive()
        accountIDs[name] = id
        return id
    }

    /// Gives back a reversed debit's share of the card's daily total.
    func releaseDaily(_ debit: (key: DailyTotalKey, amount: Int64)?) {
        guard let debit else { return }
        dailyTotals[debit.key, default: 0] -= debit.amount
    }
}
