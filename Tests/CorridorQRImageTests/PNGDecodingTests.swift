import CorridorQRImage
import Testing

/// Every PNG kind decodes with zbar back to the exact payload bytes.
@Suite(.enabled(if: ExternalTool.shouldRun(.zbarimg), "zbarimg (zbar-tools) is not installed"))
struct PNGDecodingTests {
    @Test(arguments: QRErrorCorrection.allCases, [2, 4, 8])
    func grayscalePNGDecodesToPayloadAtEveryLevelAndScale(errorCorrection: QRErrorCorrection, scale: Int) throws {
        let matrix = try QRMatrix(encoding: Payloads.emv, errorCorrection: errorCorrection)
        let png = try matrix.pngData(scale: scale)
        #expect(try Zbar.decode(png: png) == Array(Payloads.emv.utf8))
    }

    @Test(arguments: Payloads.all.map(\.name), QRErrorCorrection.allCases)
    func nonLatinPayloadsDecodeByteForByte(name: String, errorCorrection: QRErrorCorrection) throws {
        let text = try #require(Payloads.all.first { $0.name == name }).text
        let png = try QRMatrix(encoding: text, errorCorrection: errorCorrection).pngData(scale: 4)
        #expect(try Zbar.decode(png: png) == Array(text.utf8))
    }

    @Test(arguments: Payloads.all.map(\.name))
    func utf8PayloadsDecodeInZbarTextModeToo(name: String) throws {
        let text = try #require(Payloads.all.first { $0.name == name }).text
        let png = try QRMatrix(encoding: text).pngData(scale: 4)
        #expect(try Zbar.decodeText(png: png) == text)
    }

    @Test(arguments: QREncodingMode.allCases)
    func bothEncodingModesDecodeToPayload(mode: QREncodingMode) throws {
        let png = try QRMatrix(encoding: Payloads.chinese, mode: mode).pngData(scale: 3)
        #expect(try Zbar.decode(png: png) == Array(Payloads.chinese.utf8))
    }

    @Test(arguments: QRErrorCorrection.allCases, [3, 8])
    func palettePNGDecodesToPayload(errorCorrection: QRErrorCorrection, scale: Int) throws {
        let colors = QRColors(
            dark: QRColor(red: 0x10, green: 0x2A, blue: 0x5C),
            light: QRColor(red: 0xFF, green: 0xF8, blue: 0xE1)
        )
        let png = try QRMatrix(encoding: Payloads.cyrillic, errorCorrection: errorCorrection)
            .pngData(scale: scale, colors: colors)
        #expect(try Zbar.decode(png: png) == Array(Payloads.cyrillic.utf8))
    }

    @Test(arguments: [0, 9])
    func extremeCompressionLevelsStillDecode(level: Int) throws {
        let png = try QRMatrix(encoding: Payloads.gost).pngData(scale: 2, compressionLevel: level)
        #expect(try Zbar.decode(png: png) == Array(Payloads.gost.utf8))
    }

    @Test func bytePayloadWithNULDecodesByteForByte() throws {
        let bytes: [UInt8] = [0x41, 0x00, 0x42, 0x0A, 0x43]
        let png = try QRMatrix(encoding: bytes, errorCorrection: .high).pngData(scale: 4)
        #expect(try Zbar.decode(png: png) == bytes)
    }
}
