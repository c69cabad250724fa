import CorridorCore
import CorridorLedger
import Crypto
import Foundation

/// The digital-ruble platform (DESIGN.md §5, issue 6 §1–§2): the central bank's issuance account, a correspondent
/// account per participant bank, wallets opened by banks, conversions both ways and wallet payments, all posted
/// through one ``SettlementBackend`` (group commit through ``LedgerBatchPoster``).
///
/// ## The accounting model
///
/// Two tiers, one claim per account, every account in RUB. A credit balance is a claim its owner holds:
/// - `issuance` (kind ``AccountKind/cbdcIssuance``, no debit past its credits): the central bank's digital-ruble
///   liability; its credit balance **is** the digital rubles outstanding.
/// - `correspondent(b)` (kind ``AccountKind/settlement``, no overdraft): bank `b`'s reserves at the central bank.
/// - `bankReserves(b)` (debit balance): the source the bank's reserves came from (what it placed at the central
///   bank when registered); conversions move the correspondent balance, not this one.
/// - `deposit(c, b)` (no overdraft): customer `c`'s deposit at bank `b`, funded from `depositFunding(b)` (cash
///   paid in, debit balance).
/// - `wallet(w)`, offline reserves and conditional accounts (``CBDCHolding``, no overdraft): digital rubles held.
/// - `feeIncome(b)`: bank `b`'s income from C2B merchant fees.
///
/// Legs, each operation ONE atomic transfer:
/// - register bank `b` with R: `bankReserves(b) → correspondent(b)` R.
/// - fund a deposit with A: `depositFunding(b) → deposit(c, b)` A.
/// - convert A into digital rubles: `deposit(c, b) → wallet(w)` A (the customer's tier) and
///   `correspondent(b) → issuance` A (the bank's tier: its reserves become digital-ruble liability).
/// - redeem A: the same two legs reversed: `wallet(w) → deposit(c, b)` and `issuance → correspondent(b)`.
/// - P2P / B2B / G2P payment of A: `wallet(payer) → wallet(payee)` A.
/// - C2B payment of A with fee F: `wallet(payer) → wallet(merchant)` A, `wallet(merchant) → feeIncome(b)` F and
///   `issuance → correspondent(b)` F (the fee leaves the platform: it is redeemed into the merchant bank's reserves).
/// - refund of R (fee share f): `feeIncome(b) → wallet(merchant)` f, `correspondent(b) → issuance` f,
///   `wallet(merchant) → wallet(payer)` R.
///
/// Every leg that adds to or takes from the holding accounts has a matching leg on `issuance`, so
/// `issuance = Σ wallets + Σ offline reserves + Σ conditional` after every committed transfer; a rejected transfer
/// changes nothing. ``verifyIssuance()`` checks it by reading every holding account.
///
/// No interest, no overdraft (ledger flags), no lending: nothing here ever credits a holding account without
/// debiting a deposit, the issuance's counterpart or another holding.
///
/// The wallet registry, the operation records and the limit counters live in this process; the ledger is durable.
public actor DigitalRublePlatform {
    /// What an operation id was used for (its body decides idempotent replays).
    enum OperationRequest: Sendable, Hashable {
        case payment(CBDCPaymentRequest)
        case toDigital(wallet: WalletID, bank: String, amount: Money)
        case toDeposit(wallet: WalletID, bank: String, amount: Money)
        case refund(paymentID: String, amount: Money)
    }

    /// A finished operation.
    struct StoredOperation: Sendable {
        let request: OperationRequest
        var result: CBDCPaymentResult
        var trail: CBDCPaymentTrail
        /// The bank whose fee income a C2B payment credited.
        var feeBank: String?
    }

    /// A running total over one calendar period (a UTC day or month).
    struct PeriodTotal: Sendable {
        var period: Int
        var totalMinorUnits: Int64
    }

    let backend: any SettlementBackend
    let poster: LedgerBatchPoster
    let clock: any WallClock
    /// The figures the platform runs with.
    public let parameters: CBDCParameters

    /// Participant banks and their C2B fee rate in basis points (≤ the cap).
    var banks: [String: Int] = [:]
    var wallets: [WalletID: CBDCWallet] = [:]
    var walletByHolder: [String: WalletID] = [:]
    var depositAccounts: Set<AccountID> = []
    var issuanceCreated = false
    var operations = BoxedDictionary<String, StoredOperation>()
    /// Whether finished operations keep their trails (``keepTrails(_:)``).
    var keepsTrails = true
    var inFlight: [String: (request: OperationRequest, task: Task<CBDCPaymentResult, Never>)] = [:]
    var dailySpend: [WalletID: PeriodTotal] = [:]
    var monthlyTopUp: [WalletID: PeriodTotal] = [:]
    /// Per payment: the amount refunded or being refunded.
    var refundReserved: [String: Int64] = [:]
    var refundsInFlight: Set<String> = []
    var qrSequence: UInt64 = 0
    /// Registered banks' fee income and correspondent account ids (``bankAccounts(_:)``).
    var bankAccountIDs: [String: (feeIncome: AccountID, correspondent: AccountID)] = [:]
    /// Programmable-money contracts (Programmable/).
    var contracts = ProgrammableContracts()

    /// The longest operation, holder or bank id.
    public static let identifierLengthMax = 64
    /// The owner name of the central bank's accounts.
    public static let centralBank = "CBR"

    /// Creates a platform over a ledger.
    /// - Parameters:
    ///   - backend: the settlement backend (memory, SQLite, PostgreSQL).
    ///   - parameters: limits and the fee cap.
    ///   - clock: the time used for limits (UTC days and months) and trails.
    public init(backend: any SettlementBackend, parameters: CBDCParameters = .model, clock: any WallClock = SystemWallClock()) {
        self.backend = backend
        self.poster = LedgerBatchPoster(backend: backend)
        self.parameters = parameters
        self.clock = clock
    }

    /// The account a bank's customers' deposits are funded from (cash paid in), on the bank's books.
    static func depositFunding(of bank: String) -> AccountID {
        LedgerIdentifier.derived(namespace: "corridor.cbdc", name: "deposit-funding/" + bank)
    }

    /// The wallet id of a holder: `DR` and 20 hexadecimal digits of a hash of the holder id.
    /// - Parameters:
    ///   - holder: the holder id.
    public static func walletID(forHolder holder: String) -> WalletID {
        let digest = SHA256.hash(data: Data(("corridor.cbdc/wallet-id/" + holder).utf8))
        return "DR" + Hexadecimal.uppercase(digest.prefix(10))
    }

    static func isValidIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= identifierLengthMax && text.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D
        }
    }

    func createAccounts(_ accounts: [Account]) async throws(CBDCPlatformError) {
        let outcomes: [AccountOutcome]
        do { outcomes = try await backend.createAccounts(accounts) } catch { throw .ledgerRefused("accounts: \(error)") }
        for (account, outcome) in zip(accounts, outcomes) {
            if case .rejected(let reason) = outcome { throw .ledgerRefused("account \(account.id): \(reason)") }
        }
    }

    func postSetUp(_ transfer: Transfer) async throws(CBDCPlatformError) {
        let outcome: TransferOutcome
        do { outcome = try await poster.post(transfer) } catch { throw .ledgerRefused("transfer \(transfer.id): \(error)") }
        if case .rejected(let reason) = outcome { throw .ledgerRefused("transfer \(transfer.id): \(reason)") }
    }

    // MARK: Participants and wallets

    /// Registers a participant bank (creating its correspondent, reserve, funding and fee accounts) and funds its
    /// correspondent account with `reserves`. Registering again adds `reserves` again only under a new `reference`.
    /// - Parameters:
    ///   - id: the bank id (1–64 of `A–Z a–z 0–9 . _ -`).
    ///   - reserves: the reserves placed at the central bank, RUB; zero for none.
    ///   - c2bFeeRateBps: the bank's C2B merchant fee rate; nil or anything above the cap charges the cap.
    ///   - reference: names the funding transfer (idempotency).
    /// - Throws: ``CBDCPlatformError``.
    public func registerBank(id: String, reserves: Money, c2bFeeRateBps: Int? = nil, reference: String = "initial")
        async throws(CBDCPlatformError)
    {
        guard Self.isValidIdentifier(id), Self.isValidIdentifier(reference) else { throw .identifierInvalid(id) }
        guard reserves.currency == .rub, reserves.minorUnits >= 0 else { throw .amountInvalid }
        var accounts: [Account] = []
        if !issuanceCreated {
            accounts.append(Account(id: CBDCAccounts.issuance, currency: .rub, owner: Self.centralBank, kind: .cbdcIssuance,
                                    flags: .debitsMustNotExceedCredits, userData: "digital rubles issued"))
        }
        accounts += [
            Account(id: CBDCAccounts.correspondent(of: id), currency: .rub, owner: id, kind: .settlement,
                    flags: .debitsMustNotExceedCredits, userData: "correspondent account at the central bank"),
            Account(id: CBDCAccounts.bankReserves(of: id), currency: .rub, owner: id, kind: .other,
                    userData: "reserves placed at the central bank"),
            Account(id: Self.depositFunding(of: id), currency: .rub, owner: id, kind: .other, userData: "deposit funding"),
            Account(id: CBDCAccounts.feeIncome(of: id), currency: .rub, owner: id, kind: .feeIncome,
                    flags: .debitsMustNotExceedCredits, userData: "digital-ruble merchant fees"),
        ]
        try await createAccounts(accounts)
        issuanceCreated = true
        let rate = min(c2bFeeRateBps ?? parameters.c2bFeeCapBps, parameters.c2bFeeCapBps)
        banks[id] = max(0, rate)
        if reserves.minorUnits > 0 {
            try await postSetUp(.single(
                id: CBDCAccounts.transferID("reserves/\(id)/\(reference)"), debit: CBDCAccounts.bankReserves(of: id),
                credit: CBDCAccounts.correspondent(of: id), amount: reserves,
                userData: TransferUserData(rail: "cbdc", reference: "reserves")))
        }
    }

    /// Opens a wallet for a holder through a bank. One wallet per holder: opening again (through the same or another
    /// bank) returns the same wallet, with the bank added to its ``CBDCWallet/banks``.
    /// - Parameters:
    ///   - holder: the holder id (1–64 of `A–Z a–z 0–9 . _ -`).
    ///   - name: the holder's name.
    ///   - type: person, sole trader, company or government body.
    ///   - bank: the participant bank opening it.
    ///   - merchantCategoryCode: for businesses, the MCC their QR codes show (5999 when nil).
    /// - Throws: ``CBDCPlatformError``.
    public func openWallet(
        holder: String, name: String, type: CBDCWalletType, bank: String, merchantCategoryCode: MerchantCategoryCode? = nil
    ) async throws(CBDCPlatformError) -> CBDCWallet {
        guard Self.isValidIdentifier(holder) else { throw .identifierInvalid(holder) }
        guard banks[bank] != nil else { throw .bankUnknown(bank) }
        let id = Self.walletID(forHolder: holder)
        if let existing = walletByHolder[holder].flatMap({ wallets[$0] }), existing.type != type {
            throw .walletTypeMismatch(holder: holder, existing: existing.type)
        }
        // The registration (holder, name, type, bank) is an account of its own, so another process rebuilds the
        // registry from the ledger (``restore()``); a bank that serves the wallet already has one.
        var accounts = [CBDCHolding.wallet.account(id: CBDCAccounts.wallet(id), owner: id),
                        depositAccount(customer: holder, bank: bank)]
        if wallets[id]?.banks.contains(bank) != true {
            accounts.append(CBDCWalletRegistration(
                holder: holder, name: name, type: type, bank: bank,
                merchantCategoryCode: type.isBusiness ? merchantCategoryCode : nil,
                ordinal: wallets[id]?.banks.count ?? 0
            ).account(wallet: id))
        }
        try await createAccounts(accounts)
        depositAccounts.insert(CBDCAccounts.bankDeposit(of: holder, at: bank))
        // Re-read after the await: another open for the same holder may have finished meanwhile.
        if var wallet = wallets[id] {
            guard wallet.type == type else { throw .walletTypeMismatch(holder: holder, existing: wallet.type) }
            if !wallet.banks.contains(bank) { wallet.banks.append(bank) }
            wallets[id] = wallet
            return wallet
        }
        let wallet = CBDCWallet(id: id, holder: holder, name: name, type: type, banks: [bank],
                                merchantCategoryCode: type.isBusiness ? merchantCategoryCode : nil)
        wallets[id] = wallet
        walletByHolder[holder] = id
        return wallet
    }

    /// The `userData` of customer deposit accounts.
    static let depositUserData = "deposit"

    func depositAccount(customer: String, bank: String) -> Account {
        Account(id: CBDCAccounts.bankDeposit(of: customer, at: bank), currency: .rub, owner: bank, kind: .other,
                flags: .debitsMustNotExceedCredits, userData: Self.depositUserData)
    }

    /// The wallet with this id.
    /// - Parameters:
    ///   - id: the wallet id.
    public func wallet(_ id: WalletID) -> CBDCWallet? { wallets[id] }

    /// The wallet of a holder.
    /// - Parameters:
    ///   - holder: the holder id.
    public func wallet(ofHolder holder: String) -> CBDCWallet? { walletByHolder[holder].flatMap { wallets[$0] } }

    /// Credits a customer's deposit at a bank (cash paid in), creating the deposit account when needed.
    /// - Parameters:
    ///   - customer: the customer (the wallet holder id).
    ///   - bank: the bank.
    ///   - amount: a positive RUB amount.
    ///   - reference: names the transfer: the same reference funds once.
    /// - Throws: ``CBDCPlatformError``.
    public func fundDeposit(customer: String, bank: String, amount: Money, reference: String) async throws(CBDCPlatformError) {
        guard Self.isValidIdentifier(customer), Self.isValidIdentifier(reference) else { throw .identifierInvalid(customer) }
        guard banks[bank] != nil else { throw .bankUnknown(bank) }
        guard amount.currency == .rub, amount.minorUnits > 0 else { throw .amountInvalid }
        let account = CBDCAccounts.bankDeposit(of: customer, at: bank)
        if !depositAccounts.contains(account) {
            try await createAccounts([depositAccount(customer: customer, bank: bank)])
            depositAccounts.insert(account)
        }
        try await postSetUp(.single(
            id: CBDCAccounts.transferID("deposit/\(bank)/\(customer)/\(reference)"), debit: Self.depositFunding(of: bank),
            credit: account, amount: amount, userData: TransferUserData(rail: "bank", reference: "deposit")))
    }

    // MARK: Balances

    func netCredit(_ id: AccountID) async throws -> Money {
        try await backend.balance(of: id)?.netCredit ?? .zero(.rub)
    }

    /// A wallet's digital rubles.
    /// - Parameters:
    ///   - wallet: the wallet id.
    /// - Throws: ``LedgerError`` when the store fails.
    public func balance(of wallet: WalletID) async throws -> Money { try await netCredit(CBDCAccounts.wallet(wallet)) }

    /// A customer's deposit at a bank.
    /// - Parameters:
    ///   - customer: the customer id.
    ///   - bank: the bank.
    /// - Throws: ``LedgerError`` when the store fails.
    public func depositBalance(customer: String, bank: String) async throws -> Money {
        try await netCredit(CBDCAccounts.bankDeposit(of: customer, at: bank))
    }

    /// A bank's reserves on its correspondent account.
    /// - Parameters:
    ///   - bank: the bank.
    /// - Throws: ``LedgerError`` when the store fails.
    public func correspondentBalance(of bank: String) async throws -> Money {
        try await netCredit(CBDCAccounts.correspondent(of: bank))
    }

    /// A bank's C2B fee income.
    /// - Parameters:
    ///   - bank: the bank.
    /// - Throws: ``LedgerError`` when the store fails.
    public func feeIncome(of bank: String) async throws -> Money { try await netCredit(CBDCAccounts.feeIncome(of: bank)) }

    /// Digital rubles outstanding: the issuance account's credit balance.
    /// - Throws: ``LedgerError`` when the store fails.
    public func issued() async throws -> Money { try await netCredit(CBDCAccounts.issuance) }

    /// Checks that digital rubles issued = Σ wallets + Σ offline reserves + Σ conditional funds, reading the balance
    /// of every holding account on the ledger (found by their ``CBDCHolding`` tag, whoever created them).
    /// - Throws: ``LedgerError`` when the store fails.
    public func verifyIssuance() async throws -> IssuanceVerification {
        var holdings: [(AccountID, CBDCHolding)] = []
        var cursor: AccountID?
        let page = backend.batchSizeMax
        while true {
            let accounts = try await backend.allAccounts(after: cursor, limit: page)
            for account in accounts { if let kind = CBDCHolding(account: account) { holdings.append((account.id, kind)) } }
            guard accounts.count == page, let last = accounts.last else { break }
            cursor = last.id
        }
        var sums: [CBDCHolding: Int64] = [:]
        var negative: [String] = []
        for start in stride(from: 0, to: holdings.count, by: page) {
            let chunk = holdings[start..<min(start + page, holdings.count)]
            let kinds = Dictionary(chunk.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
            for balance in try await backend.balances(of: chunk.map(\.0)) {
                let net = balance.creditsPosted - balance.debitsPosted
                if net < 0 || balance.available.minorUnits < 0 { negative.append(balance.id.description) }
                sums[kinds[balance.id]!, default: 0] += net
            }
        }
        return IssuanceVerification(
            issued: try await issued(), wallets: .rub(sums[.wallet] ?? 0), offlineReserves: .rub(sums[.offlineReserve] ?? 0),
            conditional: .rub(sums[.conditional] ?? 0), holdingAccountCount: holdings.count, negativeHoldings: negative)
    }

    // MARK: Records

    /// The result of an operation as it stands now (a payment's status shows later refunds).
    /// - Parameters:
    ///   - id: the operation id.
    public func result(_ id: String) -> CBDCPaymentResult? { operations[id]?.result }

    /// The trail of an operation.
    /// - Parameters:
    ///   - id: the operation id.
    public func trail(_ id: String) -> CBDCPaymentTrail? { operations[id]?.trail }

    /// Whether operations finished from now on keep their trails (on by default). A simulation's generated traffic
    /// turns it off: a day of a million wallet payments then keeps each one's request and answer (what idempotency
    /// needs) without its trail, whose steps the gateway's record of the payment already holds. An operation finished
    /// meanwhile has a trail of its request and result only.
    public func keepTrails(_ keep: Bool) { keepsTrails = keep }
}
