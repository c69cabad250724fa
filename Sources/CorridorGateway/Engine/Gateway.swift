import CorridorCBDC
import CorridorCore
import CorridorISO20022
import CorridorIssuer
import CorridorLedger
import Foundation
import Logging
import Synchronization

/// The gateway (DESIGN.md §1): a payment request goes in; it is parsed, resolved, screened, quoted, authorized,
/// posted as one atomic multi-leg transfer and messaged in ISO 20022; the result comes out with codes in both
/// standards and a trail. At the end of the day `clear(businessDate:)` nets, settles and reports.
///
/// Thread-safe and concurrent: payments from many tasks share ledger commits (group commit), and an approval is
/// returned only after its transfer's commit is durable and its record is saved.
public final class Gateway: Sendable {
    let backend: any SettlementBackend
    let poster: LedgerBatchPoster
    let store: any PaymentStore
    let screener: ComplianceScreener
    /// The quoter; behind a lock so a simulation can move a mid rate during a run (``setMid(base:quote:mid:)``).
    let quoterState: Mutex<FXQuoter>
    var quoter: FXQuoter { quoterState.withLock { $0 } }
    /// Participants that are offline now: their payers' payments decline 91/AB07 (``setOffline(_:_:)``).
    let offlineParticipants = Mutex<Set<ParticipantID>>([])
    let routing = RoutingTable()
    let issuer: CardIssuing?
    let cbdc: DigitalRublePlatform?
    let clock: any WallClock
    let ids: IdentifierGenerator
    let configuration: GatewayConfiguration
    let logger: Logger
    let directoryState: Mutex<GatewayDirectory>
    let quotes = Mutex<[String: FXQuote]>([:])
    /// Payment ids being decided now: a second request under one of them waits for no one and is told to retry.
    let inFlight = Mutex<Set<String>>([])
    /// The account ids of each parties-and-currencies combination whose accounts exist.
    let provisioned = Mutex<[BookingKey: BookingAccounts]>([:])

    struct BookingKey: Hashable, Sendable {
        let parties: BookingParties
        let payerCurrency: Currency
        let payeeCurrency: Currency
    }

    /// The card side: the issuer host answering for the portfolio's cards, and the tokenizer it uses.
    public struct CardIssuing: Sendable {
        /// The issuer host (ISO 8583 in process).
        public let host: IssuerHost
        /// The cards it answers for (to find a card's issuer and currency before asking).
        public let portfolio: IssuerPortfolio
        /// The PAN tokenizer shared with the host.
        public let tokenizer: CardTokenizer

        /// Creates the card side.
        public init(host: IssuerHost, portfolio: IssuerPortfolio, tokenizer: CardTokenizer) {
            self.host = host
            self.portfolio = portfolio
            self.tokenizer = tokenizer
        }
    }

    /// Creates a gateway. Call `provision()` once before the first payment.
    public init(
        directory: GatewayDirectory, backend: any SettlementBackend, store: any PaymentStore = InMemoryPaymentStore(),
        screener: ComplianceScreener, quoter: FXQuoter, issuer: CardIssuing? = nil, cbdc: DigitalRublePlatform? = nil,
        clock: any WallClock = SystemWallClock(), ids: IdentifierGenerator = IdentifierGenerator(),
        configuration: GatewayConfiguration = GatewayConfiguration(), logger: Logger = Logger(label: "corridor.gateway")
    ) {
        self.backend = backend
        self.poster = LedgerBatchPoster(backend: backend)
        self.store = store
        self.screener = screener
        self.quoterState = Mutex(quoter)
        self.issuer = issuer
        self.cbdc = cbdc
        self.clock = clock
        self.ids = ids
        self.configuration = configuration
        self.logger = logger
        self.directoryState = Mutex(directory)
    }

    /// The directory as it is now.
    public var directory: GatewayDirectory { directoryState.withLock { $0 } }

    /// Changes the directory (adding merchants, participants, customers).
    public func updateDirectory<T>(_ change: (inout GatewayDirectory) throws(GatewayConfigurationError) -> T)
        throws(GatewayConfigurationError) -> T
    {
        try directoryState.withLock { (directory: inout GatewayDirectory) throws(GatewayConfigurationError) -> T in
            try change(&directory)
        }
    }

    /// Creates the ledger accounts the directory and the card portfolio need and posts opening balances; safe to
    /// call again (existing accounts and balances are kept: the ledger is the truth).
    public func provision() async throws {
        if let issuer { try await IssuerLedgerAccounts.provision(issuer.portfolio, on: backend) }
        let directory = self.directory
        var accounts: [Account] = []
        var fundings: [Transfer] = []
        var banks: Set<String> = []
        for customer in directory.customers.values.sorted(by: { $0.key < $1.key }) {
            if banks.insert("\(customer.bank)/\(customer.currency.alphaCode)").inserted {
                accounts.append(Account(id: GatewayAccounts.funding(of: customer.bank, currency: customer.currency),
                                        currency: customer.currency, owner: customer.bank, kind: .other, userData: "customer funding"))
            }
            let account = GatewayAccounts.customer(customer.reference, at: customer.bank, currency: customer.currency)
            accounts.append(Account(id: account, currency: customer.currency, owner: customer.bank, kind: .other,
                                    flags: .debitsMustNotExceedCredits, userData: "customer \(customer.reference)"))
            if customer.openingBalance.minorUnits > 0 {
                fundings.append(.single(
                    id: GatewayAccounts.transferID("opening/\(customer.key)"),
                    debit: GatewayAccounts.funding(of: customer.bank, currency: customer.currency), credit: account,
                    amount: customer.openingBalance, userData: TransferUserData(rail: "bank", reference: "opening balance")))
            }
        }
        try await createAccounts(accounts)
        for chunk in stride(from: 0, to: fundings.count, by: backend.batchSizeMax) {
            let slice = Array(fundings[chunk..<min(chunk + backend.batchSizeMax, fundings.count)])
            for (transfer, outcome) in zip(slice, try await backend.post(slice)) {
                if case .rejected(let reason) = outcome, reason != .idReusedWithDifferentBody {
                    throw GatewayError.ledgerRefused("opening balance \(transfer.id): \(reason)")
                }
            }
        }
    }

    func createAccounts(_ accounts: [Account]) async throws {
        for chunk in stride(from: 0, to: accounts.count, by: backend.batchSizeMax) {
            let slice = Array(accounts[chunk..<min(chunk + backend.batchSizeMax, accounts.count)])
            for (account, outcome) in zip(slice, try await backend.createAccounts(slice)) {
                if case .rejected(let reason) = outcome { throw GatewayError.ledgerRefused("account \(account.id): \(reason)") }
            }
        }
    }

    /// Creates the accounts a booking between these parties touches, once per combination, and returns their ids.
    func ensureAccounts(_ parties: BookingParties, payerCurrency: Currency, payeeCurrency: Currency) async throws -> BookingAccounts {
        let key = BookingKey(parties: parties, payerCurrency: payerCurrency, payeeCurrency: payeeCurrency)
        if let known = provisioned.withLock({ $0[key] }) { return known }
        try await createAccounts(PaymentBooking.accounts(parties, payerCurrency: payerCurrency, payeeCurrency: payeeCurrency))
        let ids = BookingAccounts(parties, payerCurrency: payerCurrency, payeeCurrency: payeeCurrency)
        provisioned.withLock { $0[key] = ids }
        return ids
    }

    /// The stored record of a payment, refund or reversal.
    public func record(_ id: String) async throws -> PaymentRecord? { try await store.record(id) }

    /// The trail of a payment.
    public func trail(_ id: String) async throws -> PaymentTrail? { try await store.record(id)?.trail }

    /// The business day a moment belongs to (its UTC date).
    public func businessDate(at date: Date) -> ISODate {
        let civil = CivilDate(unixMilliseconds: date.unixMilliseconds)
        return ISODate(year: civil.year, month: civil.month, day: civil.day)!
    }

    /// A quote for paying `amount` (the merchant's currency) from `payerCurrency`, valid for the configured lifetime;
    /// pass its id in `PaymentRequest.quoteID` to pay at it.
    public func quote(amount: Money, payerCurrency: Currency, participant: ParticipantID? = nil) throws(FXError) -> FXQuote {
        let quote = try quoter.quote(
            payeeAmount: amount, payerCurrency: payerCurrency, participant: participant,
            id: ids.nextIdentifier(prefix: "Q"), at: clock.now())
        quotes.withLock { $0[quote.id] = quote }
        return quote
    }
}

/// Why a gateway operation (not a payment: payments decline with a result) failed.
public enum GatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The ledger refused set-up or a settlement posting.
    case ledgerRefused(String)
    /// No payment with this id.
    case paymentUnknown(String)
    /// The payment cannot be refunded or reversed as asked.
    case refundRefused(paymentID: String, reason: String)
    /// An id already names another operation.
    case idReused(String)

    public var description: String {
        switch self {
        case .ledgerRefused(let text): "ledger refused \(text)"
        case .paymentUnknown(let id): "no payment \(id)"
        case .refundRefused(let id, let reason): "payment \(id) cannot be refunded: \(reason)"
        case .idReused(let id): "id \(id) already names another operation"
        }
    }
}
