import Foundation

/// One screening decision that was not ``ScreeningDecision/clear``, as ``ComplianceScreener/auditRecords()`` keeps it.
public struct ScreeningAuditRecord: Sendable, Hashable {
    /// When the payment was screened.
    public let time: Date
    /// The payer key the payment was screened under.
    public let payerKey: String
    /// The party that matched; nil for a limit.
    public let subjectRole: ScreeningSubject.Role?
    /// The party's name as the payment gave it; nil for a limit.
    public let subjectName: String?
    /// The matched entry's id; nil for a limit.
    public let entryID: String?
    /// The matched entry's list; nil for a limit.
    public let list: String?
    /// The similarity, 0…1; nil for a limit.
    public let score: Double?
    /// The decision in words (``ScreeningDecision/description``).
    public let decision: String

    /// Creates a record.
    /// - Parameters:
    ///   - time: when the payment was screened.
    ///   - payerKey: the payer key.
    ///   - subjectRole: the party that matched, for a hit.
    ///   - subjectName: the party's name as given, for a hit.
    ///   - entryID: the entry's id, for a hit.
    ///   - list: the entry's list, for a hit.
    ///   - score: the similarity, for a hit.
    ///   - decision: the decision in words.
    public init(
        time: Date, payerKey: String, subjectRole: ScreeningSubject.Role?, subjectName: String?, entryID: String?,
        list: String?, score: Double?, decision: String
    ) {
        self.time = time
        self.payerKey = payerKey
        self.subjectRole = subjectRole
        self.subjectName = subjectName
        self.entryID = entryID
        self.list = list
        self.score = score
        self.decision = decision
    }
}
