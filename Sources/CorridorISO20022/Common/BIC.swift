import CorridorCore

/// A Business Identifier Code (ISO 9362:2014): 4-character institution code, ISO 3166 country, 2-character
/// location, optional 3-character branch; the form the XSD type `BICFIDec2014Identifier` allows.
///
/// Guarantees: `text` is 8 or 11 uppercase ASCII letters and digits matching
/// `[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?`, and characters 5–6 are a country ISO 3166 lists.
public struct BIC: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 8- or 11-character code.
    public let text: String

    /// Validates a BIC.
    /// - Parameter text: the code, uppercase, no spaces.
    /// - Throws: ``ISO20022Error/invalidBIC(_:)``.
    public init(_ text: String) throws(ISO20022Error) {
        let bytes = Array(text.utf8)
        guard bytes.count == 8 || bytes.count == 11 else { throw .invalidBIC(text) }
        func isUpperOrDigit(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) }
        for (offset, byte) in bytes.enumerated() {
            let valid = (4...5).contains(offset) ? (0x41...0x5A).contains(byte) : isUpperOrDigit(byte)
            guard valid else { throw .invalidBIC(text) }
        }
        guard Country(code: String(text.dropFirst(4).prefix(2))) != nil else { throw .invalidBIC(text) }
        self.text = text
    }

    /// The institution code (characters 1–4).
    public var institutionCode: Substring { text.prefix(4) }
    /// The country (characters 5–6).
    public var country: Country { Country(code: String(text.dropFirst(4).prefix(2)))! }
    /// The location code (characters 7–8).
    public var locationCode: Substring { text.dropFirst(6).prefix(2) }
    /// The branch code (characters 9–11), nil for an 8-character BIC.
    public var branchCode: Substring? { text.count == 11 ? text.suffix(3) : nil }

    public var description: String { text }
    public static func < (lhs: BIC, rhs: BIC) -> Bool { lhs.text < rhs.text }
}
