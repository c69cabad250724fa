import CorridorGateway

/// The body of `POST /quotes`: what the merchant is paid, and the payer's currency.
public struct APIQuoteRequest: Codable, Sendable, Hashable {
    /// The merchant's price.
    public let amount: APIMoney
    /// The payer's ISO 4217 currency.
    public let payerCurrency: String
}

/// An FX quote on the wire: pass its `id` as `quoteId` in `POST /payments` before it expires.
public struct APIQuote: Codable, Sendable, Hashable {
    /// The quote id.
    public let id: String
    /// What the merchant is paid.
    public let payeeAmount: APIMoney
    /// What the payer pays.
    public let payerAmount: APIMoney
    /// The FX margin in the payer's currency.
    public let margin: APIMoney
    /// The spread in basis points.
    public let spreadBps: Int
    /// The customer rate, payee per payer unit.
    public let customerRate: String
    /// The mid rate.
    public let midRate: String
    /// When it was made, RFC 3339.
    public let createdAt: String
    /// When it stops being usable, RFC 3339.
    public let expiresAt: String

    /// The wire form.
    public init(_ quote: FXQuote) {
        id = quote.id
        payeeAmount = APIMoney(quote.payeeAmount)
        payerAmount = APIMoney(quote.payerAmount)
        margin = APIMoney(quote.margin)
        spreadBps = quote.spreadBps
        customerRate = quote.customerRateText
        midRate = quote.midRateText
        createdAt = RFC3339.string(quote.createdAt)
        expiresAt = RFC3339.string(quote.expiresAt)
    }
}
