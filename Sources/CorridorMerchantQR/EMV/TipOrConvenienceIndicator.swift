import CorridorCore

/// EMV tags 55–57: whether the payer is asked for a tip or charged a convenience fee (EMV QRCPS MPM 4.2.6).
public enum TipOrConvenienceIndicator: Sendable, Hashable {
    /// `5502 01`: the payer's app prompts for a tip.
    case promptForTip
    /// `5502 02` with tag 56: a fixed convenience fee in the transaction currency.
    case convenienceFeeFixed(Money)
    /// `5502 03` with tag 57: a convenience fee as a percentage, the text as carried ("3.00", at most 5 characters).
    case convenienceFeePercentage(String)

    /// The value of tag 55.
    public var indicatorText: String {
        switch self {
        case .promptForTip: "01"
        case .convenienceFeeFixed: "02"
        case .convenienceFeePercentage: "03"
        }
    }
}
