/// The two colours of a QR image: dark modules and light modules (quiet zone included).
///
/// Scanners need enough contrast and, most of them, dark on light; the renderers do not check either.
public struct QRColors: Sendable, Hashable {
    /// The colour of dark modules.
    public var dark: QRColor
    /// The colour of light modules and the quiet zone.
    public var light: QRColor

    /// Black on white.
    public static let blackOnWhite = QRColors(dark: .black, light: .white)

    /// Makes a colour pair.
    ///
    /// - Parameters:
    ///   - dark: The colour of dark modules.
    ///   - light: The colour of light modules and the quiet zone.
    public init(dark: QRColor, light: QRColor) {
        self.dark = dark
        self.light = light
    }
}
