import CorridorCore
import CorridorLedger
import Crypto
import Foundation

/// The kinds of fee the gateway books, each on its own ledger leg and income account.
public enum FeeKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Merchant discount: taken from the merchant's gross amount by the acquirer.
    case merchantDiscount = "merchant_discount"
    /// Interchange: paid by the acquirer to the issuer (or payer's bank) out of the merchant discount.
    case interchange
    /// Scheme fee: paid by the acquirer to the payment-system operator out of the merchant discount.
    case schemeFee = "scheme_fee"
    /// FX margin: the spread the FX provider earns on a conversion, in the payer's currency.
    case fxMargin = "fx_margin"
}

/// The gateway's ledger accounts, with ids derived from their names so every process finds the same account.
///
/// The money model (README, "How a payment is booked"): each participant has one **position** account per
/// currency. A payment credits the position of a participant that must pay in at settlement and debits the
/// position of one that will be paid, so at any moment a position's balance is that participant's net
/// obligation (credit balance: owes; debit balance: is owed). Clearing settles each position back to zero
/// against the currency's settlement agent.
public enum GatewayAccounts {
    /// A participant's settlement position in a currency (kind `.settlement`).
    public static func position(of participant: ParticipantID, currency: Currency) -> AccountID {
        derivedID("position/\(participant)/\(currency.alphaCode)")
    }

    /// The settlement agent's account through which a currency's net positions are settled at clearing.
    public static func settlementAgent(_ agent: ParticipantID, currency: Currency) -> AccountID {
        derivedID("agent/\(agent)/\(currency.alphaCode)")
    }

    /// A merchant's account at its acquirer (kind `.merchant`).
    public static func merchant(_ merchant: MerchantID, currency: Currency) -> AccountID {
        derivedID("merchant/\(merchant)/\(currency.alphaCode)")
    }

    /// A participant's income account for one kind of fee (kind `.feeIncome`).
    public static func feeIncome(of participant: ParticipantID, kind: FeeKind, currency: Currency) -> AccountID {
        derivedID("fee/\(participant)/\(kind.rawValue)/\(currency.alphaCode)")
    }

    /// The FX provider's inventory in a currency (kind `.fxPosition`).
    public static func fxInventory(of provider: ParticipantID, currency: Currency) -> AccountID {
        derivedID("fx/\(provider)/\(currency.alphaCode)")
    }

    /// A bank customer's account (the payer of a bank-app QR payment); debits must not exceed credits.
    public static func customer(_ reference: String, at bank: ParticipantID, currency: Currency) -> AccountID {
        derivedID("customer/\(bank)/\(reference)/\(currency.alphaCode)")
    }

    /// Where a bank's customer opening balances come from (kind `.other`).
    public static func funding(of bank: ParticipantID, currency: Currency) -> AccountID {
        derivedID("funding/\(bank)/\(currency.alphaCode)")
    }

    /// The id of a transfer named by a gateway key (a payment id, `refund/…`, `clearing/…`).
    public static func transferID(_ key: String) -> TransferID { derivedID("transfer/" + key) }

    private static func derivedID(_ name: String) -> LedgerIdentifier {
        LedgerIdentifier.derived(namespace: "corridor.gateway", name: name)
    }
}
