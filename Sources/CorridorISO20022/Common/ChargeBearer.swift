/// Who pays the charges (`ChargeBearerType1Code`).
public enum ChargeBearer: String, Sendable, Hashable, CaseIterable {
    /// `DEBT`: the debtor bears all charges (SWIFT MT "OUR").
    case debtor = "DEBT"
    /// `CRED`: the creditor bears all charges ("BEN").
    case creditor = "CRED"
    /// `SHAR`: each side pays its own agent ("SHA").
    case shared = "SHAR"
    /// `SLEV`: as the service level says. Used by Fedwire and SEPA; CBPR+ pacs.008 does not allow it.
    case serviceLevel = "SLEV"

    init(path: String, text: String) throws(ISO20022Error) {
        guard let value = ChargeBearer(rawValue: text) else {
            throw .invalidValue(path: path, value: text, expected: "DEBT, CRED, SHAR or SLEV")
        }
        self = value
    }
}
