import ArgumentParser
import CorridorQRImage

/// The image options `qr make`, `qr render` and `qr batch` share.
struct QRImageOptions: ParsableArguments {
    @Option(name: .customLong("ec"), help: ArgumentHelp("Error-correction level.", valueName: "level"))
    var errorCorrection: QRErrorCorrection = .medium

    @Option(help: "Pixels (PNG) or SVG units per module, 1-64.")
    var scale: Int = 8

    @Option(name: .customLong("quiet-zone"), help: "Light margin in modules, 0-64.")
    var quietZone: Int = 4

    @Option(help: ArgumentHelp("Colour of dark modules (#rrggbb or #rgb).", valueName: "colour"))
    var dark: QRColor?

    @Option(help: ArgumentHelp("Colour of light modules and the margin (#rrggbb or #rgb).", valueName: "colour"))
    var light: QRColor?

    mutating func validate() throws {
        guard (1...QRMatrix.scaleMax).contains(scale) else {
            throw ValidationError("--scale: \(scale) is not 1 to \(QRMatrix.scaleMax)")
        }
        guard (0...QRMatrix.quietZoneMax).contains(quietZone) else {
            throw ValidationError("--quiet-zone: \(quietZone) is not 0 to \(QRMatrix.quietZoneMax)")
        }
    }

    /// The options as a plain value that concurrent tasks can share.
    var settings: QRImageSettings {
        let colors: QRColors? =
            dark == nil && light == nil ? nil : QRColors(dark: dark ?? .black, light: light ?? .white)
        return QRImageSettings(errorCorrection: errorCorrection, scale: scale, quietZone: quietZone, colors: colors)
    }
}

/// How to draw a QR image: the values of ``QRImageOptions``.
struct QRImageSettings: Sendable, Hashable {
    /// The error-correction level.
    var errorCorrection: QRErrorCorrection
    /// Pixels (PNG) or SVG units per module.
    var scale: Int
    /// Light margin in modules.
    var quietZone: Int
    /// Nil for a 1-bit grayscale PNG (black on white); otherwise a palette PNG and these SVG colours.
    var colors: QRColors?

    /// Writes a QR code as a PNG or SVG file, replacing any file there.
    /// - Throws: ``QRImageError`` when the file cannot be written.
    func write(_ matrix: QRMatrix, as format: QRImageFormat, toFile path: String) throws(QRImageError) {
        switch format {
        case .png:
            try matrix.writePNG(toFile: path, scale: scale, quietZone: quietZone, colors: colors)
        case .svg:
            try matrix.writeSVG(toFile: path, moduleSize: scale, quietZone: quietZone, colors: colors ?? .blackOnWhite)
        }
    }
}

/// The image file formats the CLI writes.
enum QRImageFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    case png
    case svg

    /// The format a file name asks for by its extension (any case), or nil.
    init?(path: String) {
        guard let dot = path.lastIndex(of: "."), let format = QRImageFormat(rawValue: path[dot...].dropFirst().lowercased())
        else { return nil }
        self = format
    }
}

extension QRErrorCorrection: ExpressibleByArgument {
    /// `L`, `M`, `Q` or `H`, either case.
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension QRColor: ExpressibleByArgument {
    /// `#rrggbb`, `rrggbb`, `#rgb` or `rgb`.
    public init?(argument: String) {
        self.init(hex: argument)
    }

    public var defaultValueDescription: String { cssHex }
}
