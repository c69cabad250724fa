/// EMV tag 01, point of initiation method (EMV QRCPS MPM 4.2.2).
public enum PointOfInitiation: String, Sendable, Hashable, Codable, CaseIterable {
    /// `11`: the same QR code serves many payments (printed at the till).
    case staticQR = "11"
    /// `12`: a new QR code for each payment, usually with an amount.
    case dynamicQR = "12"
}
