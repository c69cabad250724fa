import Foundation

/// A screening decision with the codes the gateway answers with in ISO 8583 and ISO 20022 terms.
///
/// Guarantees: the codes and the reason follow from the decision alone (see ``init(decision:checkedAt:)``); the
/// reason never names a list, an entry or a score, so it may be shown to the payer without tipping anyone off.
public struct ScreeningResult: Sendable, Hashable {
    /// What screening decided.
    public let decision: ScreeningDecision
    /// When the payment was screened: the instant passed to
    /// ``ComplianceScreener/screen(_:payerKey:corridor:amount:at:)``.
    public let checkedAt: Date
    /// ISO 8583:1987 field 39: `00` approved, `05` do not honour (a watch-list hit; the code deliberately says no
    /// more), `61` exceeds withdrawal amount limit.
    public let iso8583ResponseCode: String
    /// ISO 20022 ExternalStatusReason1Code for a pacs.002 rejection: `RR04` regulatory reason for a hit, `AM14`
    /// amount exceeds agreed limit; nil when clear.
    public let iso20022Reason: String?
    /// A sentence for people, free of list names, entry ids and scores.
    public let reason: String

    /// The result of a decision.
    /// - Parameters:
    ///   - decision: what screening decided.
    ///   - checkedAt: when.
    public init(decision: ScreeningDecision, checkedAt: Date) {
        self.decision = decision
        self.checkedAt = checkedAt
        switch decision {
        case .clear:
            iso8583ResponseCode = "00"
            iso20022Reason = nil
            reason = "Cleared by compliance screening."
        case .hit(_, _, _, let subject, _):
            iso8583ResponseCode = "05"
            iso20022Reason = "RR04"
            reason = "Declined by compliance screening: the \(subject) needs review."
        case .limitExceeded(let kind, let limit, let attempted):
            iso8583ResponseCode = "61"
            iso20022Reason = "AM14"
            switch kind {
            case .singlePayment:
                reason = "Declined: \(attempted) is above the limit of \(limit) for one payment in this corridor."
            case .payerDaily:
                reason = "Declined: the payer's total today would be \(attempted), above the daily limit of \(limit)."
            case .corridorDaily:
                reason =
                    "Declined: the corridor's total today would be \(attempted), above its daily limit of \(limit)."
            }
        }
    }
}
