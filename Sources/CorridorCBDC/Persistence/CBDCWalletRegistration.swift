import CorridorCore
import CorridorLedger
import Foundation

/// One bank's registration of a wallet, kept on the ledger as a zero-balance account so that any process can rebuild
/// the wallet registry from the ledger alone (``DigitalRublePlatform/restore()``).
///
/// The account: id ``CBDCAccounts/registration(of:bank:)``, RUB, kind `other`, owned by the wallet id, never moved;
/// `userData` is ``tag`` followed by compact JSON (`h` holder, `n` name, `t` type, `b` bank, `m` MCC, `o` the order
/// in which banks joined the wallet — 0 is the servicing bank). Names are shortened, whole characters at a time, so
/// the text stays within ``Account/userDataLengthMax``.
public struct CBDCWalletRegistration: Sendable, Hashable, Codable {
    /// The holder id.
    public let holder: String
    /// The holder's name (possibly shortened).
    public let name: String
    /// The wallet type.
    public let type: CBDCWalletType
    /// The bank this registration is with.
    public let bank: String
    /// The MCC a business wallet's QR codes show.
    public let merchantCategoryCode: MerchantCategoryCode?
    /// 0 for the bank that opened the wallet, then 1, 2, … for banks that joined later.
    public let ordinal: Int

    /// What every registration account's `userData` starts with.
    public static let tag = "cbdc-wallet/"

    enum CodingKeys: String, CodingKey {
        case holder = "h", name = "n", type = "t", bank = "b", merchantCategoryCode = "m", ordinal = "o"
    }

    /// A registration.
    public init(
        holder: String, name: String, type: CBDCWalletType, bank: String, merchantCategoryCode: MerchantCategoryCode?,
        ordinal: Int
    ) {
        self.holder = holder
        self.name = name
        self.type = type
        self.bank = bank
        self.merchantCategoryCode = merchantCategoryCode
        self.ordinal = ordinal
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        holder = try container.decode(String.self, forKey: .holder)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(CBDCWalletType.self, forKey: .type)
        bank = try container.decode(String.self, forKey: .bank)
        ordinal = try container.decode(Int.self, forKey: .ordinal)
        if let code = try container.decodeIfPresent(Int.self, forKey: .merchantCategoryCode) {
            guard let mcc = MerchantCategoryCode(code) else {
                throw DecodingError.dataCorruptedError(forKey: .merchantCategoryCode, in: container,
                                                       debugDescription: "MCC \(code) out of range")
            }
            merchantCategoryCode = mcc
        } else {
            merchantCategoryCode = nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(holder, forKey: .holder)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try container.encode(bank, forKey: .bank)
        try container.encode(ordinal, forKey: .ordinal)
        try container.encodeIfPresent(merchantCategoryCode?.code, forKey: .merchantCategoryCode)
    }

    /// The account that records this registration of `wallet`.
    public func account(wallet: WalletID) -> Account {
        Account(id: CBDCAccounts.registration(of: wallet, bank: bank), currency: .rub, owner: wallet, kind: .other,
                userData: userData)
    }

    /// ``tag`` and the JSON, the name shortened until it fits.
    var userData: String {
        var shortened = self
        while true {
            let text = Self.tag + Self.json(shortened)
            if text.utf8.count <= Account.userDataLengthMax || shortened.name.isEmpty { return text }
            shortened = CBDCWalletRegistration(
                holder: holder, name: String(shortened.name.dropLast()), type: type, bank: bank,
                merchantCategoryCode: merchantCategoryCode, ordinal: ordinal)
        }
    }

    private static func json(_ registration: CBDCWalletRegistration) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings and integers cannot fail.
        return String(decoding: (try? encoder.encode(registration)) ?? Data(), as: UTF8.self)
    }

    /// The registration an account records, or nil when the account is not a registration.
    /// - Throws: ``CBDCPlatformError/registrationCorrupt(_:)`` when it is tagged as one but does not decode.
    public init?(account: Account) throws(CBDCPlatformError) {
        guard account.kind == .other, account.userData.hasPrefix(Self.tag) else { return nil }
        let json = Data(account.userData.utf8.dropFirst(Self.tag.utf8.count))
        do {
            self = try JSONDecoder().decode(CBDCWalletRegistration.self, from: json)
        } catch {
            throw .registrationCorrupt("account \(account.id): \(error)")
        }
    }
}
