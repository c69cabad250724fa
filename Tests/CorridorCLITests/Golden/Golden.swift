/// Expected help text, written by hand from the command definitions in Sources/corridor/QR (not captured from a
/// run). The files here are Swift so that SwiftPM compiles them instead of warning about unhandled resources.
enum Golden {
    /// `corridor qr --help` at 80 columns, ending in a newline.
    static let qrHelp = #"""
        OVERVIEW: Make, decode and render merchant QR codes.

        Formats: EMVCo merchant-presented QR (emv), SBP payment links (sbp) and GOST R
        56042 bank-transfer payloads (gost). Exit status: 0 success, 1 invalid input or
        a failed row, 64 bad options.

        USAGE: corridor qr <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          make                    Build a payload from options, print it, and write its
                                  image with --out.
          decode                  Detect a payload's format (emv, sbp, gost), check it,
                                  and show its fields.
          render                  Render any text as a QR code: PNG or SVG by --out's
                                  extension, or terminal half blocks.
          batch                   Make one QR image per merchant row of a CSV or JSON
                                  Lines file, on every core.

          See 'corridor help qr <subcommand>' for detailed help.

        """#
}
