/// A card's primary account number (PAN, ISO/IEC 7812), checked with Luhn.
///
/// Guarantees: 12...19 ASCII digits with a valid Luhn check digit. `description` and `debugDescription` are
/// masked (first six, last four), so string interpolation and logging never leak the full number; the digits
/// are reachable only through ``unmaskedDigits``, which callers must not log or store.
public struct PrimaryAccountNumber: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// The shortest PAN accepted.
    public static let lengthMin = 12
    /// The longest PAN accepted (ISO/IEC 7812-1).
    public static let lengthMax = 19

    private let digits: String

    /// Validates a PAN: digits only, 12...19 long, Luhn check digit correct.
    /// - Throws: ``CardError``.
    public init(_ text: String) throws(CardError) {
        var count = 0
        for (offset, byte) in text.utf8.enumerated() {
            guard byte >= 0x30 && byte <= 0x39 else { throw .nonDigit(offset: offset) }
            count += 1
        }
        guard (Self.lengthMin...Self.lengthMax).contains(count) else { throw .badLength(count) }
        guard Luhn.isValid(text) else { throw .luhnCheckFailed(masked: Self.mask(text)) }
        digits = text
    }

    /// The full number. Never log it, store it or put it in an error or response: use ``masked`` or a token.
    public var unmaskedDigits: String { digits }

    /// The first six digits (the BIN / IIN).
    public var bin: String { String(digits.prefix(6)) }

    /// The last four digits, which may be stored and shown.
    public var lastFour: String { String(digits.suffix(4)) }

    /// First six and last four digits with `*` between: "220000******0004".
    public var masked: String { Self.mask(digits) }

    /// The card scheme the BIN belongs to.
    public var scheme: CardScheme { CardScheme(pan: digits) }

    public var description: String { masked }
    public var debugDescription: String { "PAN(\(masked))" }
    /// Reflection (`dump`, `Mirror`, loggers that walk values) sees only the masked number.
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }

    /// Masks any digit string: keeps the first six and last four when it is long enough, else hides all but four.
    public static func mask(_ text: String) -> String {
        let count = text.count
        guard count > 10 else { return String(repeating: "*", count: max(0, count - 4)) + String(text.suffix(4)) }
        return String(text.prefix(6)) + String(repeating: "*", count: count - 10) + String(text.suffix(4))
    }
}
