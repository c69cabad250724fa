import CorridorQRImage
import Testing

/// SVG output, rasterized by librsvg (`rsvg-convert`), decodes with zbar back to the exact payload.
@Suite(.enabled(
    if: ExternalTool.shouldRun(.zbarimg, .rsvgConvert),
    "zbarimg (zbar-tools) or rsvg-convert (librsvg2-bin) is not installed"
))
struct SVGDecodingTests {
    @Test(arguments: QRErrorCorrection.allCases, [2, 5])
    func svgDecodesToPayloadAtEveryLevel(errorCorrection: QRErrorCorrection, moduleSize: Int) throws {
        let svg = try QRMatrix(encoding: Payloads.emv, errorCorrection: errorCorrection).svg(moduleSize: moduleSize)
        #expect(try decode(svg: svg) == Array(Payloads.emv.utf8))
    }

    @Test(arguments: Payloads.all.map(\.name))
    func nonLatinPayloadsDecodeFromSVG(name: String) throws {
        let text = try #require(Payloads.all.first { $0.name == name }).text
        let svg = try QRMatrix(encoding: text, errorCorrection: .quartile).svg(moduleSize: 4)
        #expect(try decode(svg: svg) == Array(text.utf8))
    }

    @Test func colouredSVGDecodesToPayload() throws {
        let colors = QRColors(dark: QRColor(hex: "#5a1a00")!, light: QRColor(hex: "fe9")!)
        let svg = try QRMatrix(encoding: Payloads.chinese).svg(moduleSize: 4, colors: colors)
        #expect(try decode(svg: svg) == Array(Payloads.chinese.utf8))
    }

    @Test func svgFileWrittenToDiskDecodes() throws {
        let scratch = try Scratch()
        let path = scratch.path("code.svg")
        try QRMatrix(encoding: Payloads.gost).writeSVG(toFile: path, moduleSize: 3)
        let png = scratch.path("code.png")
        #expect(try ExternalTool.rsvgConvert.run(["-o", png, path]).status == 0)
        #expect(try Zbar.decode(imageAt: png) == Array(Payloads.gost.utf8))
    }

    private func decode(svg: String) throws -> [UInt8] {
        let scratch = try Scratch()
        let svgPath = try scratch.write(Array(svg.utf8), to: "code.svg")
        let pngPath = scratch.path("code.png")
        let result = try ExternalTool.rsvgConvert.run(["-o", pngPath, svgPath])
        try #require(result.status == 0, "rsvg-convert failed (exit \(result.status))")
        return try Zbar.decode(imageAt: pngPath)
    }
}
