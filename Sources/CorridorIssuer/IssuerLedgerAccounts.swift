import CorridorCore
import CorridorLedger
import Crypto
import Foundation

/// The ledger accounts behind an issuer's cards, with ids derived from names so every process and every restart
/// finds the same accounts without a lookup table.
///
/// Per card: a card account (`cardAccount`, `debitsMustNotExceedCredits`, so the ledger itself refuses to spend
/// money that is not there). Per issuer and currency: a settlement account (credited by card debits, what the
/// issuer owes the scheme) and a funding account (the source of opening balances).
public enum IssuerLedgerAccounts {
    /// The card account of a card token.
    public static func cardAccount(token: String) -> AccountID { derivedID("card/" + token) }

    /// The issuer's settlement account in a currency.
    public static func settlementAccount(issuer: String, currency: Currency) -> AccountID {
        derivedID("settlement/\(issuer)/\(currency.alphaCode)")
    }

    /// The issuer's funding account in a currency.
    public static func fundingAccount(issuer: String, currency: Currency) -> AccountID {
        derivedID("funding/\(issuer)/\(currency.alphaCode)")
    }

    /// A transfer id derived from a key (SHA-256, first 128 bits), stable across processes.
    public static func transferID(_ key: String) -> TransferID { derivedID("transfer/" + key) }

    /// Creates every account of a portfolio and credits each card's opening balance; idempotent, so it runs on
    /// every start. A card's opening balance is credited once; a figure edited later in the file is ignored.
    /// - Throws: `IssuerLedgerSetupError` naming the account or transfer the backend refused.
    public static func provision(_ portfolio: IssuerPortfolio, on backend: any SettlementBackend) async throws {
        var accounts: [Account] = []
        var issuerCurrencies: Set<String> = []
        for card in portfolio.cards.values.sorted(by: { $0.token.token < $1.token.token }) {
            if issuerCurrencies.insert("\(card.issuerID)/\(card.currency.alphaCode)").inserted {
                accounts.append(Account(
                    id: settlementAccount(issuer: card.issuerID, currency: card.currency), currency: card.currency,
                    owner: card.issuerID, kind: .settlement, userData: "issuer settlement"))
                accounts.append(Account(
                    id: fundingAccount(issuer: card.issuerID, currency: card.currency), currency: card.currency,
                    owner: card.issuerID, kind: .other, userData: "issuer card funding"))
            }
            accounts.append(Account(
                id: cardAccount(token: card.token.token), currency: card.currency, owner: card.issuerID,
                kind: .cardAccount, flags: .debitsMustNotExceedCredits,
                userData: "\(card.token.scheme.rawValue) …\(card.token.lastFour) \(card.token.token)"))
        }
        for chunk in stride(from: 0, to: accounts.count, by: backend.batchSizeMax) {
            let slice = Array(accounts[chunk..<min(chunk + backend.batchSizeMax, accounts.count)])
            for (account, outcome) in zip(slice, try await backend.createAccounts(slice)) {
                if case .rejected(let reason) = outcome { throw IssuerLedgerSetupError.accountRefused(account.id, reason.description) }
            }
        }
        let fundings = portfolio.cards.values.filter { $0.openingBalance.minorUnits > 0 }
            .sorted(by: { $0.token.token < $1.token.token })
            .map { card in
                Transfer.single(
                    id: transferID("opening/" + card.token.token),
                    debit: fundingAccount(issuer: card.issuerID, currency: card.currency),
                    credit: cardAccount(token: card.token.token), amount: card.openingBalance,
                    userData: TransferUserData(paymentID: "", rail: "card", reference: "opening balance"))
            }
        for chunk in stride(from: 0, to: fundings.count, by: backend.batchSizeMax) {
            let slice = Array(fundings[chunk..<min(chunk + backend.batchSizeMax, fundings.count)])
            for (transfer, outcome) in zip(slice, try await backend.post(slice)) {
                // A balance edited in the file after the first start keeps the first figure: the ledger is the truth.
                if case .rejected(let reason) = outcome, reason != .idReusedWithDifferentBody {
                    throw IssuerLedgerSetupError.transferRefused(transfer.id, reason.description)
                }
            }
        }
    }

    private static func derivedID(_ name: String) -> LedgerIdentifier {
        LedgerIdentifier.derived(namespace: "corridor.issuer", name: name)
    }
}

/// The backend refused part of an issuer's set-up (an id already used for something else, say).
public enum IssuerLedgerSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An account was refused.
    case accountRefused(AccountID, String)
    /// An opening-balance transfer was refused.
    case transferRefused(TransferID, String)

    public var description: String {
        switch self {
        case .accountRefused(let id, let reason): "account \(id) refused: \(reason)"
        case .transferRefused(let id, let reason): "opening balance \(id) refused: \(reason)"
        }
    }
}
