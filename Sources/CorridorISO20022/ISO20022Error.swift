import CorridorCore

/// Why a message could not be written or read. Every case that concerns one element names its path
/// (`/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt`), so a bad message points at its own fault.
///
/// Descriptions hold identifiers and codes only; party names are not repeated in them.
public enum ISO20022Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not XML the reader accepts; positions are 1-based.
    case malformedXML(line: Int, column: Int, message: String)
    /// The root element or its namespace is not the one the message kind needs.
    case unexpectedDocument(expected: String, found: String)
    /// A mandatory element is missing.
    case missingElement(path: String)
    /// A mandatory attribute (for example `Ccy`) is missing.
    case missingAttribute(path: String, name: String)
    /// An element's value is not allowed there; `expected` says what is.
    case invalidValue(path: String, value: String, expected: String)
    /// A BIC (ISO 9362) that does not have the form `AAAA CC LL [BBB]` with a known ISO 3166 country.
    case invalidBIC(String)
    /// A UETR that is not a lowercase-printable UUID version 4 (RFC 9562 §5.4, CBPR+ UETR rule).
    case invalidUETR(String)
    /// A `Ccy` attribute that ISO 4217 does not list.
    case unknownCurrency(path: String, code: String)
    /// An amount whose text is not an exact decimal in the currency's exponent, or does not fit Int64 minor units.
    case invalidAmount(path: String, text: String, reason: MoneyError)
    /// An amount that ISO 20022 cannot carry: negative, or more than 18 digits in all (`totalDigits 18`).
    case amountOutOfRange(path: String, minorUnits: Int64)
    /// An identifier (Max35Text and the like) that is empty, too long, or has characters outside the CBPR+ set.
    case invalidIdentifier(path: String, value: String, reason: String)
    /// The message breaks a CBPR+ usage rule that the plain XSD does not check.
    case ruleViolation(path: String, rule: String)
    /// `NbOfTxs` does not match the transactions present.
    case transactionCountMismatch(path: String, declared: String, actual: Int)
    /// The header and the document do not belong together (message definition or identifiers differ).
    case headerMismatch(reason: String)

    public var description: String {
        switch self {
        case .malformedXML(let line, let column, let message): "malformed XML at \(line):\(column): \(message)"
        case .unexpectedDocument(let expected, let found): "expected \(expected), found \(found)"
        case .missingElement(let path): "missing element \(path)"
        case .missingAttribute(let path, let name): "missing attribute \(name) on \(path)"
        case .invalidValue(let path, let value, let expected): "\(path): \"\(value)\" is not \(expected)"
        case .invalidBIC(let text): "invalid BIC \"\(text)\""
        case .invalidUETR(let text): "invalid UETR \"\(text)\" (UUID version 4 expected)"
        case .unknownCurrency(let path, let code): "\(path): unknown ISO 4217 currency \"\(code)\""
        case .invalidAmount(let path, let text, let reason): "\(path): invalid amount \"\(text)\": \(reason)"
        case .amountOutOfRange(let path, let minorUnits):
            "\(path): amount \(minorUnits) minor units is negative or longer than 18 digits"
        case .invalidIdentifier(let path, let value, let reason): "\(path): identifier \"\(value)\" \(reason)"
        case .ruleViolation(let path, let rule): "\(path): \(rule)"
        case .transactionCountMismatch(let path, let declared, let actual):
            "\(path): NbOfTxs says \(declared), the message has \(actual)"
        case .headerMismatch(let reason): "header does not match document: \(reason)"
        }
    }
}
