import Testing

/// Decodes QR images with `zbarimg`.
///
/// Measured with zbar 0.23.92: `--raw -q -Sbinary` prints the symbol's bytes exactly as stored, with no
/// newline after them (NUL included), so it is the byte-exact check. Plain `--raw -q` guesses a character set
/// for 8-bit segments, converts to UTF-8 and adds a newline; it gets UTF-8 Cyrillic and Chinese payloads right,
/// which ``decodeText(png:)`` checks because scripts and the CLI use that form.
enum Zbar {
    /// The payload bytes of the single QR code in the image file at `path` (`-Sbinary`).
    static func decode(imageAt path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
        let result = try ExternalTool.zbarimg.run(["--raw", "-q", "-Sbinary", path], sourceLocation: sourceLocation)
        try #require(result.status == 0, "zbarimg found no QR code in \(path) (exit \(result.status))",
                     sourceLocation: sourceLocation)
        return result.output
    }

    /// The payload bytes of the single QR code in a PNG (`-Sbinary`).
    static func decode(png: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
        let scratch = try Scratch()
        return try decode(imageAt: scratch.write(png, to: "code.png"), sourceLocation: sourceLocation)
    }

    /// The text zbar prints for the single QR code in a PNG without `-Sbinary`, less its final newline.
    static func decodeText(png: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let scratch = try Scratch()
        let path = try scratch.write(png, to: "code.png")
        let result = try ExternalTool.zbarimg.run(["--raw", "-q", path], sourceLocation: sourceLocation)
        try #require(result.status == 0, "zbarimg found no QR code in \(path) (exit \(result.status))",
                     sourceLocation: sourceLocation)
        try #require(result.output.last == 0x0A, "zbarimg --raw output does not end in a newline",
                     sourceLocation: sourceLocation)
        return String(decoding: result.output.dropLast(), as: UTF8.self)
    }
}
