import Foundation
import Testing

/// One row of the bad-input catalogue (`docs/bad-inputs.md`): an input Corridor must refuse, the exit status and
/// the words of the error it must give, and what shows that nothing changed.
struct BadInput: Sendable, CustomTestStringConvertible {
    /// What is compared before and after the command.
    enum Proof: Sendable {
        /// A command that keeps no state (payload and message tools): only its answer is checked.
        case stateless
        /// Every row of every table in the SQLite file is the same (its full SQL dump): the command wrote nothing.
        case databaseUnchanged
        /// The ledger's postings and balances are the same (`ledger export`), and `ledger verify` holds; the
        /// gateway may have recorded the refusal in the payment's trail.
        case ledgerUnchanged
    }

    /// The row's id in the table, e.g. `CLI-07`.
    let id: String
    /// The command line after `corridor`. Placeholders: `{db}` the scratch ledger (`sqlite:PATH`), `{key}` its token
    /// key file, `{dir}` the scratch directory, `{samples}` the package's `Samples` folder.
    let arguments: [String]
    /// Bytes for standard input.
    var input: [UInt8]? = nil
    /// Files written into the scratch directory first (name → contents; placeholders expanded).
    var files: [String: String] = [:]
    /// The exit status expected.
    let status: Int32
    /// Words the error (standard error and output together) must contain, e.g. the field and offset.
    let error: [String]
    let proof: Proof

    var testDescription: String { id }

    /// The arguments with the placeholders of `scratch`.
    func expanded(_ text: String, in scratch: Scratch) -> String {
        text.replacingOccurrences(of: "{db}", with: "sqlite:" + scratch.path("corridor.sqlite"))
            .replacingOccurrences(of: "{key}", with: scratch.path("corridor.key"))
            .replacingOccurrences(of: "{dir}", with: scratch.directory)
            .replacingOccurrences(of: "{samples}", with: CorridorBinary.sample(""))
    }
}
