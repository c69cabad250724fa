import ArgumentParser

/// `corridor qr make|decode|render|batch`.
struct QRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "qr", abstract: "Make, decode and render merchant QR codes.")
}
