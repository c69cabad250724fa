import CorridorCore

/// How a conversion between two currencies is priced by an ``FXRateBook``.
public enum FXRoute: Sendable, Hashable, CustomStringConvertible {
    /// Same currency: nothing to convert.
    case identity
    /// One pair of the book, used as written or inverted exactly; `base` and `quote` as the book holds them.
    case direct(base: Currency, quote: Currency)
    /// Two pairs of the book through a third currency, because the book has no direct pair.
    case cross(via: Currency)

    /// What the trail shows: "identity", "direct CNY/RUB", "cross via USD".
    public var description: String {
        switch self {
        case .identity: "identity"
        case .direct(let base, let quote): "direct \(base.alphaCode)/\(quote.alphaCode)"
        case .cross(let via): "cross via \(via.alphaCode)"
        }
    }
}
