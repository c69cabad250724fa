import CorridorCore
import CorridorLedger

/// The kinds of ledger account that hold digital rubles. Every such account is created with ``account(id:owner:)``,
/// so ``DigitalRublePlatform/verifyIssuance()`` finds them by their `userData` tag without knowing who created them
/// (the offline and programmable-money parts create reserves and conditional accounts of their own).
///
/// Guarantees: holding accounts are RUB, kind ``AccountKind/wallet``, flagged
/// ``AccountFlags/debitsMustNotExceedCredits`` (no overdraft), and their `userData` starts with ``tag``.
public enum CBDCHolding: String, Sendable, Hashable, Codable, CaseIterable {
    /// A wallet (``CBDCAccounts/wallet(_:)``).
    case wallet
    /// A wallet's offline reserve bound to a device (``CBDCAccounts/offlineReserve(of:device:)``).
    case offlineReserve = "offline-reserve"
    /// Funds held by a programmable-money contract while in flight (``CBDCAccounts/conditional(_:)``).
    case conditional

    /// The `userData` of a holding account of this kind: `cbdc-holding/<kind>`.
    public var tag: String { Self.tagPrefix + rawValue }

    /// What every holding account's `userData` starts with.
    public static let tagPrefix = "cbdc-holding/"
    /// The `userData` start of offline reserves created by the offline part.
    static let offlineReserveLegacyTag = "offline reserve, device "

    /// The account description to create for a holding of this kind.
    /// - Parameters:
    ///   - id: the account id (from ``CBDCAccounts``).
    ///   - owner: the wallet id (or contract id) it belongs to.
    public func account(id: AccountID, owner: String) -> Account {
        Account(id: id, currency: .rub, owner: owner, kind: .wallet, flags: .debitsMustNotExceedCredits, userData: tag)
    }

    /// The holding kind an account description is tagged with, or nil for any other account.
    /// - Parameters:
    ///   - account: an account.
    public init?(account: Account) {
        guard account.kind == .wallet, account.currency == .rub else { return nil }
        // The offline part (Offline/OfflineReserve.swift) tags its reserves with its own text; accept it too until it
        // creates them with `CBDCHolding.offlineReserve.account(id:owner:)`.
        if account.userData.hasPrefix(Self.offlineReserveLegacyTag) {
            self = .offlineReserve
            return
        }
        guard account.userData.hasPrefix(Self.tagPrefix) else { return nil }
        self.init(rawValue: String(account.userData.dropFirst(Self.tagPrefix.count)))
    }
}
