/// Why a card number was rejected. Descriptions never hold the PAN, only its length or masked form.
public enum CardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The PAN has a non-digit character at `offset`.
    case nonDigit(offset: Int)
    /// The PAN is not 12...19 digits long.
    case badLength(Int)
    /// The Luhn check digit is wrong; `masked` is the PAN with its middle digits hidden.
    case luhnCheckFailed(masked: String)

    public var description: String {
        switch self {
        case .nonDigit(let offset): "card number has a non-digit character at offset \(offset)"
        case .badLength(let length): "card number has \(length) digits; 12 to 19 expected"
        case .luhnCheckFailed(let masked): "card number \(masked) fails the Luhn check"
        }
    }
}
