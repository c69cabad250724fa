import CorridorCBDC

/// A digital-ruble wallet on the wire, with its balance.
public struct APIWallet: Codable, Sendable, Hashable {
    /// The wallet id (`DR…`).
    public let id: String
    /// The holder id.
    public let holder: String
    /// The holder's name.
    public let name: String
    /// person, soleTrader, company or government.
    public let type: String
    /// The banks serving it, the first one opened it.
    public let banks: [String]
    /// Its MCC for businesses.
    public let mcc: String?
    /// The balance in RUB.
    public let balance: APIMoney

    /// The wire form.
    public init(_ wallet: CBDCWallet, balance: APIMoney) {
        id = wallet.id
        holder = wallet.holder
        name = wallet.name
        type = wallet.type.rawValue
        banks = wallet.banks
        mcc = wallet.merchantCategoryCode?.description
        self.balance = balance
    }
}

/// The body of `POST /wallets`.
public struct APIOpenWallet: Codable, Sendable, Hashable {
    /// The holder id (1–64 of `A–Z a–z 0–9 . _ -`).
    public let holder: String
    /// The holder's name.
    public let name: String
    /// person (default), soleTrader, company, government.
    public let type: String?
    /// The bank opening it (a participant's key opens at its own bank only).
    public let bank: String
    /// For businesses: the MCC.
    public let mcc: String?
}

/// The body of `POST /wallets/{holder}/deposits`: cash paid into the holder's bank deposit.
public struct APIDeposit: Codable, Sendable, Hashable {
    /// The bank.
    public let bank: String
    /// A positive RUB amount.
    public let amount: APIMoney
    /// Names the deposit: the same reference deposits once.
    public let reference: String
}

/// The body of `POST /wallets/{holder}/conversions`.
public struct APIConversion: Codable, Sendable, Hashable {
    /// `toDigital` (deposit → wallet) or `toDeposit` (wallet → deposit).
    public let direction: String
    /// The bank holding the deposit.
    public let bank: String
    /// A positive RUB amount.
    public let amount: APIMoney
    /// The operation id (idempotency key); generated when absent.
    public let id: String?
}

/// The body of `POST /wallets/{holder}/payments`: to another holder (`to`, `amount`, `kind`) or a merchant's
/// dynamic QR code (`qr`).
public struct APIWalletPayment: Codable, Sendable, Hashable {
    /// The holder paid.
    public let to: String?
    /// The amount, RUB.
    public let amount: APIMoney?
    /// p2p (default), b2b, g2p or c2b.
    public let kind: String?
    /// A merchant's dynamic QR payload from the platform.
    public let qr: String?
    /// The payment id; generated when absent.
    public let id: String?
    /// A reference for people.
    public let reference: String?
}

/// A wallet operation's result on the wire.
public struct APIWalletResult: Codable, Sendable, Hashable {
    /// The operation id.
    public let id: String
    /// p2p, c2b, toDigital, …
    public let kind: String
    /// approved, declined, refunded.
    public let status: String
    /// The amount.
    public let amount: APIMoney
    /// The merchant fee.
    public let fee: APIMoney
    /// The paying wallet.
    public let payer: String?
    /// The wallet paid.
    public let payee: String?
    /// ISO 8583-style response code.
    public let responseCode: String
    /// ISO 20022 status.
    public let iso20022Status: String
    /// Why it was declined.
    public let declineReason: String?
    /// The ledger transfer.
    public let transferId: String?

    /// The wire form.
    public init(_ result: CBDCPaymentResult) {
        id = result.id
        kind = result.kind.rawValue
        status = result.status.rawValue
        amount = APIMoney(result.amount)
        fee = APIMoney(result.fee)
        payer = result.payer
        payee = result.payee
        responseCode = result.responseCode
        iso20022Status = result.iso20022Status
        declineReason = result.declineReason?.description
        transferId = result.transferID
    }
}

/// The body of `POST /wallets/offline/sync`: offline transfers as the devices signed them, hex encoded.
public struct APIOfflineSync: Codable, Sendable, Hashable {
    /// Each transfer's wire bytes (``OfflineTransfer/wireBytes``) in hex.
    public let transfers: [String]
}

/// What a sync did.
public struct APIOfflineSyncReport: Codable, Sendable, Hashable {
    /// Transfers posted.
    public let posted: Int
    /// Their total.
    public let postedAmount: APIMoney
    /// Already synced before.
    public let duplicates: Int
    /// Refused (bad signature, unknown device, …).
    public let rejected: Int
    /// Double spends detected.
    public let conflicts: Int
    /// Wallets flagged by this sync.
    public let flaggedWallets: [String]
}
