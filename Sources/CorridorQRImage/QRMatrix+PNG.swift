import CPNGWriter

extension QRMatrix {
    /// The zlib level PNGs are written with unless the caller asks otherwise: 5.
    ///
    /// Measured on a typical EMV payload (157 characters, EC M, version 6, scale 8): level 5 writes the
    /// same 568 bytes as zlib's default 6 in about 60% of the deflate time; levels 1–3 are faster but nearly
    /// twice the size (≈1 KB), and 8–9 are both slower (5–7×) and larger, because a QR image's repeated rows
    /// fill deflate's hash chains with equal strings that the deeper searches walk to no gain. Pass 6 or
    /// more for the smallest files at large scales; the C baseline (`Tools/png-baseline`) uses the same level.
    public static let pngCompressionLevelDefault = 5

    /// Renders the QR code as a 1-bit PNG: grayscale (colour type 0), or a 2-entry palette (colour type 3).
    ///
    /// Each module row is built once, bit-packed and scaled, and written `scale` times; libpng's classic API
    /// writes it (filter none) inside one C function, `corridor_png_write_1bit`, that keeps its `setjmp` in C.
    ///
    /// - Parameters:
    ///   - scale: Pixels per module side, 1 ... ``scaleMax``; 8 by default.
    ///   - quietZone: Light margin in modules, 0 ... ``quietZoneMax``; 4 by default (ISO/IEC 18004:2015 §9.1).
    ///   - colors: Nil for black on white grayscale; otherwise a palette PNG with these two colours.
    ///   - compressionLevel: zlib level 0 ... 9; ``pngCompressionLevelDefault`` by default.
    /// - Returns: The PNG file's bytes.
    /// - Throws: ``QRImageError/invalidScale(_:)``, ``QRImageError/invalidQuietZone(_:)``,
    ///   ``QRImageError/invalidCompressionLevel(_:)``, ``QRImageError/outOfMemory`` or
    ///   ``QRImageError/pngWriterFailed(code:)``.
    public func pngData(
        scale: Int = 8,
        quietZone: Int = 4,
        colors: QRColors? = nil,
        compressionLevel: Int = QRMatrix.pngCompressionLevelDefault
    ) throws(QRImageError) -> [UInt8] {
        try Self.validate(scale: scale, quietZone: quietZone)
        guard (0...9).contains(compressionLevel) else { throw .invalidCompressionLevel(compressionLevel) }

        let sideModules = size + 2 * quietZone
        let widthPixels = sideModules * scale
        let rowBytes = (widthPixels + 7) / 8
        let rows = scaledRows(quietZone: quietZone, scale: scale, rowBytes: rowBytes)
        // Grayscale 0 is black and 1 white; the palette keeps that meaning (index 0 dark, 1 light), so the
        // same rows serve both.
        let palette: [UInt8] = colors.map {
            [$0.dark.red, $0.dark.green, $0.dark.blue, $0.light.red, $0.light.green, $0.light.blue]
        } ?? []

        var output = corridor_png_buffer()
        defer { corridor_png_buffer_free(&output) }
        let result = rows.withUnsafeBufferPointer { rowBuffer in
            palette.withUnsafeBufferPointer { paletteBuffer in
                var image = corridor_png_1bit_image(
                    rows: rowBuffer.baseAddress,
                    row_bytes: rowBytes,
                    width: UInt32(widthPixels),
                    distinct_row_count: UInt32(sideModules),
                    row_repeat: UInt32(scale),
                    compression_level: Int32(compressionLevel),
                    palette_rgb: paletteBuffer.isEmpty ? nil : paletteBuffer.baseAddress
                )
                return corridor_png_write_1bit(&image, &output)
            }
        }
        switch result {
        case CORRIDOR_PNG_OK: break
        case CORRIDOR_PNG_E_NOMEM: throw .outOfMemory
        default: throw .pngWriterFailed(code: result)
        }
        return Array(UnsafeBufferPointer(start: output.bytes, count: output.count))
    }

    /// Renders the QR code as a PNG (see ``pngData(scale:quietZone:colors:compressionLevel:)``) and writes it to
    /// a file, replacing any file already there.
    ///
    /// - Parameters:
    ///   - path: The file to create or truncate.
    ///   - scale: Pixels per module side, 1 ... ``scaleMax``.
    ///   - quietZone: Light margin in modules, 0 ... ``quietZoneMax``.
    ///   - colors: Nil for grayscale; otherwise a palette PNG with these two colours.
    ///   - compressionLevel: zlib level 0 ... 9.
    /// - Throws: Any error of ``pngData(scale:quietZone:colors:compressionLevel:)``, or
    ///   ``QRImageError/fileWriteFailed(path:errno:)``.
    public func writePNG(
        toFile path: String,
        scale: Int = 8,
        quietZone: Int = 4,
        colors: QRColors? = nil,
        compressionLevel: Int = QRMatrix.pngCompressionLevelDefault
    ) throws(QRImageError) {
        let bytes = try pngData(scale: scale, quietZone: quietZone, colors: colors, compressionLevel: compressionLevel)
        try FileOutput.save(bytes, toFile: path)
    }

    /// Checks the geometry every renderer shares.
    static func validate(scale: Int, quietZone: Int) throws(QRImageError) {
        guard (1...scaleMax).contains(scale) else { throw .invalidScale(scale) }
        guard (0...quietZoneMax).contains(quietZone) else { throw .invalidQuietZone(quietZone) }
    }

    /// One PNG row per module row (quiet zone included), `rowBytes` each, 1 bits white and 0 bits black.
    ///
    /// Starts all white and clears the pixels of each horizontal run of dark modules a byte at a time, so the
    /// cost follows the number of runs and bytes, not pixels.
    private func scaledRows(quietZone: Int, scale: Int, rowBytes: Int) -> [UInt8] {
        let sideModules = size + 2 * quietZone
        var rows = [UInt8](repeating: 0xFF, count: sideModules * rowBytes)
        rows.withUnsafeMutableBufferPointer { buffer in
            packedRows.withUnsafeBufferPointer { packed in
                let rowByteCount = self.rowByteCount
                for row in 0..<size {
                    let output = (row + quietZone) * rowBytes
                    let input = row * rowByteCount
                    var column = 0
                    while column < size {
                        guard Self.isDark(packed, input, column) else {
                            column += 1
                            continue
                        }
                        let runStart = column
                        while column < size, Self.isDark(packed, input, column) { column += 1 }
                        Self.clearBits(
                            buffer,
                            rowStart: output,
                            from: (runStart + quietZone) * scale,
                            to: (column + quietZone) * scale
                        )
                    }
                }
            }
        }
        return rows
    }

    @inline(__always)
    private static func isDark(_ packed: UnsafeBufferPointer<UInt8>, _ rowStart: Int, _ column: Int) -> Bool {
        packed[rowStart + column >> 3] & (0x80 >> UInt8(column & 7)) != 0
    }

    /// Clears bits `[from, to)` of the row at `rowStart`, most significant bit first.
    @inline(__always)
    private static func clearBits(_ buffer: UnsafeMutableBufferPointer<UInt8>, rowStart: Int, from: Int, to: Int) {
        var bit = from
        // Leading partial byte.
        while bit < to, bit & 7 != 0 {
            buffer[rowStart + bit >> 3] &= ~(0x80 >> UInt8(bit & 7))
            bit += 1
        }
        // Whole bytes.
        while to - bit >= 8 {
            buffer[rowStart + bit >> 3] = 0
            bit += 8
        }
        // Trailing partial byte: the top (to - bit) bits.
        if bit < to {
            buffer[rowStart + bit >> 3] &= UInt8(0xFF) >> UInt8(to - bit)
        }
    }
}
