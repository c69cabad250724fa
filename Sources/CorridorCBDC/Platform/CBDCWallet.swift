import CorridorCore
import CorridorLedger

/// A digital-ruble wallet as the platform knows it.
///
/// Guarantees: one wallet per holder id on the platform; `banks` lists every participant bank the holder reaches it
/// through, in the order they opened it (the first is the servicing bank that earns the merchant fees); `id` is
/// derived from the holder id, so it is the same in every process.
public struct CBDCWallet: Sendable, Hashable {
    /// The wallet id (`DR` and 20 hexadecimal digits, safe inside EMV and SBP payloads).
    public let id: WalletID
    /// The holder's id (a person's id, an INN/OGRN for businesses and government bodies).
    public let holder: String
    /// The holder's name, for trails and merchant QR codes.
    public let name: String
    /// What kind of holder it is.
    public let type: CBDCWalletType
    /// The banks that opened (and serve) the wallet, first opener first.
    public internal(set) var banks: [String]
    /// The merchant category code shown in the wallet's QR codes (businesses only).
    public let merchantCategoryCode: MerchantCategoryCode?

    /// The wallet's ledger account, ``CBDCAccounts/wallet(_:)`` of `id` (derived once: a payment names it often).
    public let account: AccountID

    /// The bank that earns merchant fees and whose id a merchant QR carries.
    public var servicingBank: String { banks[0] }

    init(
        id: WalletID, holder: String, name: String, type: CBDCWalletType, banks: [String],
        merchantCategoryCode: MerchantCategoryCode?
    ) {
        self.id = id
        self.holder = holder
        self.name = name
        self.type = type
        self.banks = banks
        self.merchantCategoryCode = merchantCategoryCode
        account = CBDCAccounts.wallet(id)
    }
}
