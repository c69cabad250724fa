/// A participant's net position in one currency after a business day's clearing, for the report.
public struct NetPositionLine: Sendable, Hashable, Codable {
    /// The business day.
    public let businessDate: String
    /// The participant.
    public let participant: String
    /// The currency's alphabetic code.
    public let currency: String
    /// Minor units: positive pays in to the settlement agent, negative is paid.
    public let owesMinorUnits: Int64
    /// The same, as a decimal amount with its currency (`"-1234.50 CNY"`).
    public let owes: String
}
