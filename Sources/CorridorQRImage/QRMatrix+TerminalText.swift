extension QRMatrix {
    /// Renders the QR code as text for a terminal: each character is two modules stacked, drawn with the
    /// Unicode half blocks `▀` (U+2580), `▄` (U+2584), `█` (U+2588) and a space.
    ///
    /// Rows past the bottom edge (the symbol plus quiet zone has an odd height) count as light, which only
    /// widens the quiet zone by half a line. Every line has the same number of characters and ends in `\n`.
    ///
    /// - Parameters:
    ///   - quietZone: Light margin in modules, 0 ... ``quietZoneMax``; 4 by default (ISO/IEC 18004:2015 §9.1).
    ///     Phone scanners find the code on a screen more easily with the full margin.
    ///   - background: The terminal's background; ``TerminalBackground/dark`` by default, which draws light
    ///     modules as blocks so a scanner sees dark modules on light.
    /// - Returns: The text, ready to print.
    /// - Throws: ``QRImageError/invalidQuietZone(_:)``.
    public func terminalText(quietZone: Int = 4, background: TerminalBackground = .dark) throws(QRImageError)
        -> String
    {
        try Self.validate(scale: 1, quietZone: quietZone)
        let side = size + 2 * quietZone
        // Whether a module shows as foreground (a block half) on this background.
        func isInk(_ row: Int, _ column: Int) -> Bool {
            let dark = row < side && self[row - quietZone, column - quietZone]
            return background == .dark ? !dark : dark
        }
        var text = ""
        text.reserveCapacity((side + 1) / 2 * (side * 3 + 1))
        for row in stride(from: 0, to: side, by: 2) {
            for column in 0..<side {
                switch (isInk(row, column), isInk(row + 1, column)) {
                case (true, true): text += "█"
                case (true, false): text += "▀"
                case (false, true): text += "▄"
                case (false, false): text += " "
                }
            }
            text += "\n"
        }
        return text
    }
}
