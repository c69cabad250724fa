/// The `type` parameter of an SBP link.
public enum SBPLinkType: String, Sendable, Hashable, Codable, CaseIterable {
    /// `01`: a static code printed at the till; `sum` optional.
    case staticLink = "01"
    /// `02`: a dynamic code for one payment; `sum` required.
    case dynamicLink = "02"
}
