import CorridorCore
import CorridorLedger
import Foundation

/// How a contract's terms and its escrow confirmations are kept on the ledger, so that another process rebuilds the
/// contracts from the ledger alone (``DigitalRublePlatform/restoreContracts()``).
///
/// - Terms: the terms as compact JSON (keys sorted, instants in milliseconds, so the same terms always give the
///   same bytes), cut into chunks of at most ``chunkLengthMax`` bytes, each the `userData` of a zero-balance account
///   (id from `contract-terms/<contract>/<n>`, RUB, kind `other`, owned by the contract id) after the tag
///   `cbdc-contract/<n>/<count>/`. At most ``chunksMax`` chunks.
/// - A confirmation of an escrow condition that did not release it: a zero-balance account (id from
///   `contract-confirm/<contract>/<condition>`) whose `userData` is `cbdc-contract-confirm/` and the condition name.
///
/// Everything else is read from the money: what is left is the conditional account's balance, and the step
/// transfers (`contract/<id>/open`, `payment-<n>`, `release`, `expiry`, `cancel`) say where the contract stands.
enum ProgrammableContractRecord {
    /// What every terms account's `userData` starts with.
    static let termsTag = "cbdc-contract/"
    /// What every confirmation account's `userData` starts with.
    static let confirmationTag = "cbdc-contract-confirm/"
    /// The most JSON bytes in one account.
    static let chunkLengthMax = 200
    /// The most accounts one contract's terms take.
    static let chunksMax = 64

    /// The accounts that record a contract's terms.
    static func termsAccounts(contract id: String, _ terms: ProgrammableContractTerms) -> [Account] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        // Terms are plain values with no failing encoders: an error here is a bug.
        let json = Array(try! encoder.encode(terms))
        let chunks = stride(from: 0, to: json.count, by: chunkLengthMax).map {
            json[$0..<min($0 + chunkLengthMax, json.count)]
        }
        precondition(chunks.count <= chunksMax, "contract terms are bounded by the rule language's maxima")
        return chunks.enumerated().map { index, chunk in
            Account(id: LedgerIdentifier.derived(namespace: "corridor.cbdc", name: "contract-terms/\(id)/\(index)"),
                    currency: .rub, owner: id, kind: .other,
                    userData: "\(termsTag)\(index)/\(chunks.count)/" + String(decoding: chunk, as: UTF8.self))
        }
    }

    /// The account that records the confirmation of an escrow condition.
    static func confirmationAccount(contract id: String, condition: String) -> Account {
        Account(id: LedgerIdentifier.derived(namespace: "corridor.cbdc", name: "contract-confirm/\(id)/\(condition)"),
                currency: .rub, owner: id, kind: .other, userData: confirmationTag + condition)
    }

    /// A terms chunk: (index, count, bytes), nil when the account is not one.
    static func termsChunk(_ account: Account) -> (index: Int, count: Int, text: Substring)? {
        guard account.kind == .other, account.userData.hasPrefix(termsTag) else { return nil }
        let parts = account.userData.dropFirst(termsTag.count).split(separator: "/", maxSplits: 2,
                                                                     omittingEmptySubsequences: false)
        guard parts.count == 3, let index = Int(parts[0]), let count = Int(parts[1]), (1...chunksMax).contains(count),
            (0..<count).contains(index)
        else { return nil }
        return (index, count, parts[2])
    }

    /// The condition a confirmation account records, nil when the account is not one.
    static func confirmedCondition(_ account: Account) -> String? {
        guard account.kind == .other, account.userData.hasPrefix(confirmationTag) else { return nil }
        return String(account.userData.dropFirst(confirmationTag.count))
    }

    /// Terms from their chunks (in any order); nil when chunks are missing or the JSON does not decode.
    static func terms(from chunks: [(index: Int, count: Int, text: Substring)]) -> ProgrammableContractTerms? {
        guard let count = chunks.first?.count, chunks.count == count, chunks.allSatisfy({ $0.count == count }),
            Set(chunks.map(\.index)).count == count
        else { return nil }
        let json = chunks.sorted { $0.index < $1.index }.map(\.text).joined()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try? decoder.decode(ProgrammableContractTerms.self, from: Data(json.utf8))
    }
}
