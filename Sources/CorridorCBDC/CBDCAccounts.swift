import CorridorCore
import CorridorLedger
import Crypto
import Foundation

/// A digital-ruble wallet's id on the platform (one per person, reachable through any of their banks).
public typealias WalletID = String

/// The digital-ruble platform's ledger accounts (all in RUB), with ids derived from their names so every process
/// finds the same account. Which legs move them is documented on the platform type that posts them.
public enum CBDCAccounts {
    /// The central bank's issuance account for digital rubles.
    public static let issuance: AccountID = derivedID("issuance")

    /// A participant bank's correspondent (reserve) account at the central bank.
    public static func correspondent(of bank: String) -> AccountID { derivedID("correspondent/\(bank)") }

    /// A bank's own reserve asset at the central bank, on the bank's books.
    public static func bankReserves(of bank: String) -> AccountID { derivedID("bank-reserves/\(bank)") }

    /// A customer's bank (deposit) account on the bank's books, the source and target of conversions.
    public static func bankDeposit(of customer: String, at bank: String) -> AccountID { derivedID("deposit/\(bank)/\(customer)") }

    /// A wallet on the platform.
    public static func wallet(_ id: WalletID) -> AccountID { derivedID("wallet/\(id)") }

    /// A wallet's offline reserve bound to one device key (the key's id: hex of a hash of its public key).
    public static func offlineReserve(of wallet: WalletID, device: String) -> AccountID {
        derivedID("offline/\(wallet)/\(device)")
    }

    /// Funds held by a programmable-money contract (earmarks, escrow, scheduled payments) while in flight.
    public static func conditional(_ contract: String) -> AccountID { derivedID("conditional/\(contract)") }

    /// A zero-balance account recording one bank's registration of a wallet (``CBDCWalletRegistration``).
    public static func registration(of wallet: WalletID, bank: String) -> AccountID {
        derivedID("registration/\(wallet)/\(bank)")
    }

    /// A zero-balance account recording an offline device's public key (``OfflineSync/registerDurably(device:wallet:)``).
    public static func deviceRegistration(_ device: String) -> AccountID { derivedID("device/\(device)") }

    /// A bank's fee income from merchant payments.
    public static func feeIncome(of bank: String) -> AccountID { derivedID("fee/\(bank)") }

    /// The id of a platform transfer named by a key (`c2b/…`, `convert/…`, `offline/…`).
    public static func transferID(_ key: String) -> TransferID { derivedID("transfer/" + key) }

    private static func derivedID(_ name: String) -> LedgerIdentifier {
        LedgerIdentifier.derived(namespace: "corridor.cbdc", name: name)
    }
}
