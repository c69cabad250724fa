import CQREncode

/// A QR code's error-correction level: how much of the symbol may be damaged and still decode.
///
/// ISO/IEC 18004:2015 §5.3.8. A higher level survives more damage (a logo over the centre, a worn sticker)
/// at the cost of a larger symbol for the same payload.
public enum QRErrorCorrection: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Level L: about 7% of codewords can be restored.
    case low = "L"
    /// Level M: about 15% of codewords can be restored. The usual choice for merchant QR codes.
    case medium = "M"
    /// Level Q: about 25% of codewords can be restored.
    case quartile = "Q"
    /// Level H: about 30% of codewords can be restored.
    case high = "H"

    /// The level's letter: "L", "M", "Q" or "H".
    public var description: String { rawValue }

    /// The libqrencode constant for this level.
    var cValue: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}
