import CorridorLedger

/// Why a set-up operation of the platform failed (payments and conversions decline with a result instead).
public enum CBDCPlatformError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No participant bank with this id.
    case bankUnknown(String)
    /// No wallet with this id.
    case walletUnknown(WalletID)
    /// The holder has a wallet of another type already.
    case walletTypeMismatch(holder: String, existing: CBDCWalletType)
    /// An amount is not a positive RUB amount.
    case amountInvalid
    /// An id or name is empty, too long or has characters the ledger or QR codes cannot carry.
    case identifierInvalid(String)
    /// A merchant QR was asked for a wallet that does not accept C2B payments.
    case notAMerchant(WalletID)
    /// The ledger refused a set-up transfer or account.
    case ledgerRefused(String)
    /// A wallet registration account on the ledger does not decode (``CBDCWalletRegistration``).
    case registrationCorrupt(String)
    /// A platform configuration file is not valid (``CBDCPlatformConfiguration``): the text names the line and key.
    case configurationInvalid(String)

    public var description: String {
        switch self {
        case .bankUnknown(let id): "no participant bank \(id)"
        case .walletUnknown(let id): "no wallet \(id)"
        case .walletTypeMismatch(let holder, let existing): "holder \(holder) already has a \(existing.rawValue) wallet"
        case .amountInvalid: "amount must be a positive RUB amount"
        case .identifierInvalid(let text): "invalid identifier: \(text)"
        case .notAMerchant(let id): "wallet \(id) does not accept C2B payments"
        case .ledgerRefused(let text): "ledger refused \(text)"
        case .registrationCorrupt(let text): "wallet registration does not decode: \(text)"
        case .configurationInvalid(let text): "platform configuration: \(text)"
        }
    }
}
