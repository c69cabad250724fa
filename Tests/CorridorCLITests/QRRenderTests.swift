import Testing

/// `corridor qr render`: any text as PNG, SVG or terminal half blocks.
@Suite("qr render")
struct QRRenderTests {
    static let text = "https://example.com/корридор/走廊?q=1"

    @Test(
        .enabled(if: ExternalTool.shouldRun(.zbarimg, .rsvgConvert), "zbarimg or rsvg-convert is not installed"),
        arguments: ["png", "svg"])
    func anyTextRendersToAnImageThatDecodesToIt(_ format: String) throws {
        let scratch = try Scratch()
        let image = scratch.path("text.\(format)")
        let result = try CorridorBinary.run(["qr", "render", Self.text, "--out", image, "--ec", "H", "--scale", "4"])
        #expect(result.status == 0, "\(result)")
        #expect(result.output.isEmpty)
        #expect(try ImageDecoder.payloadBytes(ofImageAt: image) == Array(Self.text.utf8))
    }

    @Test(arguments: [[], ["--out", "-"]])
    func withoutAFileItPrintsHalfBlocks(_ extra: [String]) throws {
        let result = try CorridorBinary.run(["qr", "render", "HELLO"] + extra)
        #expect(result.status == 0)
        let lines = result.lines
        // Version 1 (21 modules) plus a quiet zone of 4 on each side: 29 columns, 15 lines of two rows each.
        #expect(lines.count == 15)
        #expect(lines.allSatisfy { $0.count == 29 })
        #expect(lines.allSatisfy { $0.allSatisfy { "█▀▄ ".contains($0) } })
        // On a dark background the quiet zone is light, drawn as full blocks.
        #expect(lines.first == String(repeating: "█", count: 29))
    }

    @Test func lightBackgroundDrawsDarkModules() throws {
        let lines = try CorridorBinary.run(["qr", "render", "HELLO", "--background", "light"]).lines
        #expect(lines.first == String(repeating: " ", count: 29))
    }

    @Test(.enabled(if: ExternalTool.shouldRun(.zbarimg), "zbarimg is not installed"))
    func dashReadsTheTextFromStandardInput() throws {
        let scratch = try Scratch()
        let image = scratch.path("stdin.png")
        let result = try CorridorBinary.run(["qr", "render", "-", "--out", image], input: Array("from stdin\n".utf8))
        #expect(result.status == 0)
        #expect(try ImageDecoder.payloadBytes(ofImageAt: image) == Array("from stdin".utf8))
    }

    @Test func textTooLargeForAQRCodeExits1() throws {
        let result = try CorridorBinary.run(["qr", "render", String(repeating: "x", count: 3_000), "--out", "-"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("does not fit"))
    }
}
