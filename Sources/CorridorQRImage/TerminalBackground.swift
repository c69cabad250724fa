/// The background colour of the terminal that shows ``QRMatrix/terminalText(quietZone:background:)``.
///
/// Block characters are drawn in the foreground colour, so on a dark background the light modules must be
/// the blocks, and on a light background the dark ones; a scanner then sees dark modules on a light field.
public enum TerminalBackground: Sendable, Hashable, CaseIterable {
    /// Light text on a dark background (most terminals): light modules are drawn as blocks.
    case dark
    /// Dark text on a light background: dark modules are drawn as blocks.
    case light
}
