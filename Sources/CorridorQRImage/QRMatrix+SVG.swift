extension QRMatrix {
    /// Renders the QR code as a compact SVG document: one `<rect>` for the light field and one `<path>` for all
    /// dark modules.
    ///
    /// Each horizontal run of dark modules is one rectangle in the path (`m dx dy h n v1 h-n z`, moves relative
    /// to the previous run), and the `viewBox` counts modules, so the document stays small at any size.
    /// `shape-rendering="crispEdges"` keeps rasterizers from blurring module edges.
    ///
    /// - Parameters:
    ///   - moduleSize: The `width`/`height` attributes' units (CSS pixels) per module, 1 ... ``scaleMax``.
    ///   - quietZone: Light margin in modules, 0 ... ``quietZoneMax``; 4 by default (ISO/IEC 18004:2015 §9.1).
    ///   - colors: Dark and light colours; black on white by default.
    /// - Returns: The SVG document, UTF-8 text ending in a newline.
    /// - Throws: ``QRImageError/invalidScale(_:)`` or ``QRImageError/invalidQuietZone(_:)``.
    public func svg(moduleSize: Int = 8, quietZone: Int = 4, colors: QRColors = .blackOnWhite) throws(QRImageError)
        -> String
    {
        try Self.validate(scale: moduleSize, quietZone: quietZone)
        let side = size + 2 * quietZone
        let pixels = side * moduleSize
        var path = ""
        path.reserveCapacity(size * size)
        // The point each `z` returns to: the start of the previous run.
        var previous: (x: Int, y: Int)? = nil
        for row in 0..<size {
            var column = 0
            while column < size {
                guard self[row, column] else {
                    column += 1
                    continue
                }
                let start = column
                while column < size, self[row, column] { column += 1 }
                let x = start + quietZone
                let y = row + quietZone
                let length = column - start
                if let previous {
                    path += "m\(x - previous.x) \(y - previous.y)"
                } else {
                    path += "M\(x) \(y)"
                }
                path += "h\(length)v1h-\(length)z"
                previous = (x, y)
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(pixels)" \
            height="\(pixels)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="\(colors.light.cssHex)"/>\
            <path fill="\(colors.dark.cssHex)" d="\(path)"/></svg>

            """
    }

    /// Renders the QR code as SVG (see ``svg(moduleSize:quietZone:colors:)``) and writes it to a file, replacing
    /// any file already there.
    ///
    /// - Parameters:
    ///   - path: The file to create or truncate.
    ///   - moduleSize: CSS pixels per module, 1 ... ``scaleMax``.
    ///   - quietZone: Light margin in modules, 0 ... ``quietZoneMax``.
    ///   - colors: Dark and light colours.
    /// - Throws: Any error of ``svg(moduleSize:quietZone:colors:)``, or ``QRImageError/fileWriteFailed(path:errno:)``.
    public func writeSVG(
        toFile path: String,
        moduleSize: Int = 8,
        quietZone: Int = 4,
        colors: QRColors = .blackOnWhite
    ) throws(QRImageError) {
        let text = try svg(moduleSize: moduleSize, quietZone: quietZone, colors: colors)
        try FileOutput.save(Array(text.utf8), toFile: path)
    }
}
