import CorridorCore
import CorridorLedger

/// The figures of one payment's booking: what the payer pays, what the FX provider converts, what the merchant
/// is owed and the fees taken from it.
public struct BookingAmounts: Sendable, Hashable, Codable {
    /// What the payer pays, in the payer's currency (`fxMid + fxMargin`).
    public let payer: Money
    /// The payer amount at the mid rate (the FX provider's share); equals `payer` when no conversion happens.
    public let fxMid: Money
    /// The FX margin in the payer's currency; zero without conversion.
    public let fxMargin: Money
    /// The merchant's gross amount.
    public let payee: Money
    /// Merchant discount kept by the acquirer (before it pays interchange and the scheme fee).
    public let merchantDiscount: Money
    /// Interchange the acquirer pays the payer's bank.
    public let interchange: Money
    /// Scheme fee the acquirer pays the operator.
    public let schemeFee: Money

    /// Creates a booking's figures.
    public init(payer: Money, fxMid: Money, fxMargin: Money, payee: Money, merchantDiscount: Money, interchange: Money, schemeFee: Money) {
        self.payer = payer
        self.fxMid = fxMid
        self.fxMargin = fxMargin
        self.payee = payee
        self.merchantDiscount = merchantDiscount
        self.interchange = interchange
        self.schemeFee = schemeFee
    }

    /// The merchant's fees from its gross amount, each rounded half up to the currency's minor unit.
    static func fees(payee: Money, discountBps: Int, interchangeBps: Int, schemeFeeBps: Int) -> (Money, Money, Money) {
        func share(_ bps: Int) -> Money {
            let (product, overflow) = payee.minorUnits.multipliedReportingOverflow(by: Int64(bps))
            let units = overflow ? Int64((Int128(payee.minorUnits) * Int128(bps) + 5_000) / 10_000) : (product + 5_000) / 10_000
            return Money(minorUnits: units, currency: payee.currency)
        }
        return (share(discountBps), share(interchangeBps), share(schemeFeeBps))
    }

    /// Each figure of `self` less the same figure of `other` (same currencies).
    func subtracting(_ other: BookingAmounts) -> BookingAmounts {
        func minus(_ a: Money, _ b: Money) -> Money { Money(minorUnits: a.minorUnits - b.minorUnits, currency: a.currency) }
        return BookingAmounts(
            payer: minus(payer, other.payer), fxMid: minus(fxMid, other.fxMid), fxMargin: minus(fxMargin, other.fxMargin),
            payee: minus(payee, other.payee), merchantDiscount: minus(merchantDiscount, other.merchantDiscount),
            interchange: minus(interchange, other.interchange), schemeFee: minus(schemeFee, other.schemeFee))
    }

    /// The figures of refunding `amount` when `alreadyRefunded` (merchant minor units) went back before: the
    /// difference of the cumulative shares, so any sequence of partial refunds adds up to the payment exactly.
    func refundShare(_ amount: Money, alreadyRefunded: Int64) -> BookingAmounts {
        let upper = scaled(to: Money(minorUnits: alreadyRefunded + amount.minorUnits, currency: payee.currency))
        let lower = scaled(to: Money(minorUnits: alreadyRefunded, currency: payee.currency))
        return upper.subtracting(lower)
    }

    /// The figures of a refund of `refund` out of `payee`: the payee side is exactly `refund`, every other figure is
    /// scaled by `refund / payee` and rounded down, the payer amount first so its two shares still add up.
    func scaled(to refund: Money) -> BookingAmounts {
        guard refund.minorUnits != payee.minorUnits else { return self }
        func scale(_ money: Money) -> Money {
            Money(minorUnits: Int64(Int128(money.minorUnits) * Int128(refund.minorUnits) / Int128(payee.minorUnits)), currency: money.currency)
        }
        let payer = scale(self.payer)
        let mid = Money(minorUnits: min(scale(fxMid).minorUnits, payer.minorUnits), currency: fxMid.currency)
        return BookingAmounts(
            payer: payer, fxMid: mid, fxMargin: Money(minorUnits: payer.minorUnits - mid.minorUnits, currency: payer.currency),
            payee: refund, merchantDiscount: scale(merchantDiscount), interchange: scale(interchange), schemeFee: scale(schemeFee))
    }
}

/// Who takes part in one payment's booking.
public struct BookingParties: Sendable, Hashable, Codable {
    /// Where the payer's money comes from: the customer's account, or the issuer's card settlement account that the
    /// issuer host credited when it debited the card.
    public let payerFunds: AccountID
    /// The payer's bank or card issuer.
    public let payerBank: ParticipantID
    /// The FX provider (cross-currency payments only).
    public let fxProvider: ParticipantID?
    /// Who earns the FX margin: the FX provider, or the acquirer for dynamic currency conversion.
    public let marginEarner: ParticipantID?
    /// The merchant's acquirer.
    public let acquirer: ParticipantID
    /// The merchant.
    public let merchant: MerchantID
    /// The payment system's operator (earns the scheme fee).
    public let systemOperator: ParticipantID
}

/// Turns a booking's figures into the legs of one atomic ledger transfer and the interbank obligations they create —
/// both from the same figures, so the ledger's positions and the netting always agree.
///
/// Legs of a cross-currency payment (payer currency P, merchant currency M); positions are credited for what a
/// participant owes and debited for what it is owed:
///  1. payer funds → position(payer bank, P)               payer            (payer bank owes)
///  2. position(FX, P) → FX inventory(P)                    fxMid            (FX provider is owed)
///  3. position(earner, P) → fee income(earner, FX margin)  fxMargin         (margin earner is owed)
///  4. FX inventory(M) → position(FX, M)                    payee            (FX provider owes)
///  5. position(acquirer, M) → merchant(M)                  payee            (acquirer is owed)
///  6. merchant(M) → fee income(acquirer, discount)         merchantDiscount
///  7. fee income(acquirer, discount) → position(acquirer)  interchange      (acquirer owes)
///  8. position(payer bank, M) → fee income(bank, interchange)                (payer bank is owed)
///  9. fee income(acquirer, discount) → position(acquirer)  schemeFee        (acquirer owes)
/// 10. position(operator, M) → fee income(operator, scheme fee)               (operator is owed)
/// Without conversion legs 2–4 disappear and leg 1 owes the acquirer directly. Zero amounts are left out. A refund
/// or reversal is the same legs with debit and credit swapped.
enum PaymentBooking {
    static func legs(_ a: BookingAmounts, _ p: BookingParties, reversed: Bool) -> (legs: [TransferLeg], obligations: [Obligation]) {
        legs(a, p, BookingAccounts(p, payerCurrency: a.payer.currency, payeeCurrency: a.payee.currency), reversed: reversed)
    }

    static func legs(_ a: BookingAmounts, _ p: BookingParties, _ ids: BookingAccounts, reversed: Bool)
        -> (legs: [TransferLeg], obligations: [Obligation])
    {
        var legs: [TransferLeg] = []
        var obligations: [Obligation] = []
        legs.reserveCapacity(10)
        obligations.reserveCapacity(5)
        func leg(_ debit: AccountID, _ credit: AccountID, _ amount: Money) {
            guard amount.minorUnits > 0 else { return }
            legs.append(reversed ? TransferLeg(debit: credit, credit: debit, amount: amount) : TransferLeg(debit: debit, credit: credit, amount: amount))
        }
        func owe(_ debtor: ParticipantID, _ creditor: ParticipantID, _ amount: Money) {
            guard amount.minorUnits > 0, debtor != creditor else { return }
            obligations.append(reversed ? Obligation(debtor: creditor, creditor: debtor, amount: amount) : Obligation(debtor: debtor, creditor: creditor, amount: amount))
        }
        leg(p.payerFunds, ids.payerBankPosition, a.payer)
        if let fx = p.fxProvider, a.payer.currency != a.payee.currency {
            let earner = p.marginEarner ?? fx
            leg(ids.fxPositionPayer, ids.fxInventoryPayer, a.fxMid)
            leg(ids.earnerPosition, ids.earnerMarginIncome, a.fxMargin)
            leg(ids.fxInventoryPayee, ids.fxPositionPayee, a.payee)
            owe(p.payerBank, fx, a.fxMid)
            owe(p.payerBank, earner, a.fxMargin)
            owe(fx, p.acquirer, a.payee)
        } else {
            owe(p.payerBank, p.acquirer, a.payee)
        }
        leg(ids.acquirerPosition, ids.merchant, a.payee)
        leg(ids.merchant, ids.discountIncome, a.merchantDiscount)
        if p.payerBank != p.acquirer {
            leg(ids.discountIncome, ids.acquirerPosition, a.interchange)
            leg(ids.payerBankPositionPayee, ids.interchangeIncome, a.interchange)
            owe(p.acquirer, p.payerBank, a.interchange)
        }
        if p.systemOperator != p.acquirer {
            leg(ids.discountIncome, ids.acquirerPosition, a.schemeFee)
            leg(ids.operatorPosition, ids.schemeFeeIncome, a.schemeFee)
            owe(p.acquirer, p.systemOperator, a.schemeFee)
        }
        return (legs, obligations)
    }

    /// Every account a booking between these parties can touch, for creating them up front.
    static func accounts(_ p: BookingParties, payerCurrency: Currency, payeeCurrency: Currency) -> [Account] {
        var result: [Account] = []
        func position(_ participant: ParticipantID, _ currency: Currency) {
            result.append(Account(id: GatewayAccounts.position(of: participant, currency: currency), currency: currency,
                                  owner: participant, kind: .settlement, userData: "settlement position"))
        }
        func income(_ participant: ParticipantID, _ kind: FeeKind, _ currency: Currency) {
            result.append(Account(id: GatewayAccounts.feeIncome(of: participant, kind: kind, currency: currency), currency: currency,
                                  owner: participant, kind: .feeIncome, userData: kind.rawValue))
        }
        position(p.payerBank, payerCurrency)
        position(p.payerBank, payeeCurrency)
        position(p.acquirer, payeeCurrency)
        position(p.systemOperator, payeeCurrency)
        income(p.payerBank, .interchange, payeeCurrency)
        income(p.acquirer, .merchantDiscount, payeeCurrency)
        income(p.systemOperator, .schemeFee, payeeCurrency)
        result.append(Account(id: GatewayAccounts.merchant(p.merchant, currency: payeeCurrency), currency: payeeCurrency,
                              owner: p.acquirer, kind: .merchant, userData: "merchant \(p.merchant)"))
        if let fx = p.fxProvider, payerCurrency != payeeCurrency {
            let earner = p.marginEarner ?? fx
            position(fx, payerCurrency)
            position(fx, payeeCurrency)
            position(earner, payerCurrency)
            income(earner, .fxMargin, payerCurrency)
            for currency in [payerCurrency, payeeCurrency] {
                result.append(Account(id: GatewayAccounts.fxInventory(of: fx, currency: currency), currency: currency,
                                      owner: fx, kind: .fxPosition, userData: "FX inventory"))
            }
        }
        return result
    }
}

/// The ledger ids of every account a booking between these parties touches, derived once (each id is a SHA-256 of
/// its name) and cached by the gateway per parties and currency pair.
struct BookingAccounts: Sendable, Hashable {
    let payerBankPosition, fxPositionPayer, fxInventoryPayer, earnerPosition, earnerMarginIncome: AccountID
    let fxInventoryPayee, fxPositionPayee, acquirerPosition, merchant, discountIncome: AccountID
    let payerBankPositionPayee, interchangeIncome, operatorPosition, schemeFeeIncome: AccountID

    init(_ p: BookingParties, payerCurrency: Currency, payeeCurrency: Currency) {
        let fx = p.fxProvider ?? p.payerBank
        let earner = p.marginEarner ?? fx
        payerBankPosition = GatewayAccounts.position(of: p.payerBank, currency: payerCurrency)
        fxPositionPayer = GatewayAccounts.position(of: fx, currency: payerCurrency)
        fxInventoryPayer = GatewayAccounts.fxInventory(of: fx, currency: payerCurrency)
        earnerPosition = GatewayAccounts.position(of: earner, currency: payerCurrency)
        earnerMarginIncome = GatewayAccounts.feeIncome(of: earner, kind: .fxMargin, currency: payerCurrency)
        fxInventoryPayee = GatewayAccounts.fxInventory(of: fx, currency: payeeCurrency)
        fxPositionPayee = GatewayAccounts.position(of: fx, currency: payeeCurrency)
        acquirerPosition = GatewayAccounts.position(of: p.acquirer, currency: payeeCurrency)
        merchant = GatewayAccounts.merchant(p.merchant, currency: payeeCurrency)
        discountIncome = GatewayAccounts.feeIncome(of: p.acquirer, kind: .merchantDiscount, currency: payeeCurrency)
        payerBankPositionPayee = GatewayAccounts.position(of: p.payerBank, currency: payeeCurrency)
        interchangeIncome = GatewayAccounts.feeIncome(of: p.payerBank, kind: .interchange, currency: payeeCurrency)
        operatorPosition = GatewayAccounts.position(of: p.systemOperator, currency: payeeCurrency)
        schemeFeeIncome = GatewayAccounts.feeIncome(of: p.systemOperator, kind: .schemeFee, currency: payeeCurrency)
    }
}
