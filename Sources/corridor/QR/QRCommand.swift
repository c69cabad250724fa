import ArgumentParser

/// `corridor qr make|decode|render|batch`: merchant QR payloads and images (issue 2 §5; the names are a stable
/// scripting interface).
///
/// Exit status: 0 success; 1 invalid input the command was asked to judge (`decode`), a file or tool failure, or
/// a `batch` row that failed; 64 bad options (a `ValidationError` naming the option).
struct QRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Make, decode and render merchant QR codes.",
        discussion: """
            Formats: EMVCo merchant-presented QR (emv), SBP payment links (sbp) and GOST R 56042 \
            bank-transfer payloads (gost). Exit status: 0 success, 1 invalid input or a failed row, 64 bad options.
            """,
        subcommands: [Make.self, Decode.self, Render.self, Batch.self]
    )
}
