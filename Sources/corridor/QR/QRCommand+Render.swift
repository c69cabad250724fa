import ArgumentParser
import CorridorQRImage

extension QRCommand {
    /// `corridor qr render PAYLOAD --out FILE`: any text as a QR image, or as half blocks in the terminal.
    struct Render: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render any text as a QR code: PNG or SVG by --out's extension, or terminal half blocks."
        )

        /// The most bytes read from standard input.
        static let inputByteCountMax = 1 << 16

        @Argument(help: "The text to encode, or - to read it from standard input (one trailing newline dropped).")
        var payload: String

        @Option(help: ArgumentHelp("A .png or .svg file; - or no --out prints half blocks.", valueName: "file"))
        var out: String?

        @Option(help: "Terminal background for half blocks: dark or light.")
        var background: RenderBackground = .dark

        @OptionGroup var image: QRImageOptions

        mutating func validate() throws {
            if let out, out != "-", QRImageFormat(path: out) == nil {
                throw ValidationError("--out: \"\(out)\" does not end in .png or .svg (or is -)")
            }
            if payload.isEmpty { throw ValidationError("PAYLOAD is empty") }
        }

        func run() async throws {
            var text = payload
            if payload == "-" {
                let bytes = try Console.readStandardInput(byteCountMax: Self.inputByteCountMax)
                text = String(decoding: bytes, as: UTF8.self)
                if text.hasSuffix("\n") { text.removeLast() }
            }
            do {
                let matrix = try QRMatrix(encoding: text, errorCorrection: image.errorCorrection)
                if let out, out != "-", let format = QRImageFormat(path: out) {
                    try image.settings.write(matrix, as: format, toFile: out)
                } else {
                    Console.write(
                        try matrix.terminalText(
                            quietZone: image.quietZone, background: background == .dark ? .dark : .light))
                }
            } catch {
                Console.error("error: \(error)")
                throw ExitCode.failure
            }
        }
    }
}

/// The terminal background `qr render` draws half blocks for.
enum RenderBackground: String, CaseIterable, Sendable, ExpressibleByArgument {
    case dark
    case light
}
