/// The image formats a merchant QR code is served in.
public enum QRImageFormat: String, Sendable, Hashable {
    /// 1-bit grayscale PNG (libpng).
    case png
    /// SVG.
    case svg

    /// The response's content type.
    public var contentType: String {
        switch self {
        case .png: "image/png"
        case .svg: "image/svg+xml"
        }
    }
}
