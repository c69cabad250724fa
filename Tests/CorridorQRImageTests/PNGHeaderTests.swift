import CorridorQRImage
import Testing

/// The PNG bytes themselves: signature, IHDR (ISO/IEC 15948 §11.2.2), PLTE, IEND.
struct PNGHeaderTests {
    @Test(arguments: [1, 3, 8], [0, 4])
    func grayscaleHeaderIsOneBitColourTypeZero(scale: Int, quietZone: Int) throws {
        let matrix = try QRMatrix(encoding: Payloads.emv)
        let png = try PNGChunks(try matrix.pngData(scale: scale, quietZone: quietZone))
        let header = try png.header()
        let side = UInt32((matrix.size + 2 * quietZone) * scale)
        #expect(header.width == side)
        #expect(header.height == side)
        #expect(header.bitDepth == 1)
        #expect(header.colourType == 0)
        #expect(header.interlace == 0)
        #expect(png.chunks.first?.type == "IHDR")
        #expect(png.chunks.last?.type == "IEND")
        #expect(png.chunks.contains { $0.type == "IDAT" })
        #expect(png.chunks.allSatisfy { $0.type != "PLTE" })
        #expect(png.chunks.allSatisfy { $0.crcIsValid })
    }

    @Test func paletteHeaderIsOneBitColourTypeThreeWithBothColours() throws {
        let colors = QRColors(dark: QRColor(red: 1, green: 2, blue: 3), light: QRColor(red: 250, green: 251, blue: 252))
        let png = try PNGChunks(try QRMatrix(encoding: Payloads.chinese).pngData(colors: colors))
        let header = try png.header()
        #expect(header.bitDepth == 1)
        #expect(header.colourType == 3)
        let palette = try #require(png.chunks.first { $0.type == "PLTE" })
        #expect(palette.data == [1, 2, 3, 250, 251, 252])
        #expect(png.chunks.allSatisfy { $0.crcIsValid })
    }

    @Test func defaultCompressionIsSmallerThanStored() throws {
        let matrix = try QRMatrix(encoding: Payloads.emv)
        let stored = try matrix.pngData(compressionLevel: 0)
        let compressed = try matrix.pngData()
        #expect(compressed.count < stored.count)
    }

    @Test func renderingIsDeterministic() throws {
        let first = try QRMatrix(encoding: Payloads.gost).pngData()
        let second = try QRMatrix(encoding: Payloads.gost).pngData()
        #expect(first == second)
    }

    @Test func geometryOutOfRangeIsRejected() throws {
        let matrix = try QRMatrix(encoding: "corridor")
        #expect(throws: QRImageError.invalidScale(0)) { try matrix.pngData(scale: 0) }
        #expect(throws: QRImageError.invalidScale(65)) { try matrix.pngData(scale: 65) }
        #expect(throws: QRImageError.invalidQuietZone(-1)) { try matrix.pngData(quietZone: -1) }
        #expect(throws: QRImageError.invalidCompressionLevel(10)) { try matrix.pngData(compressionLevel: 10) }
        #expect(throws: QRImageError.invalidCompressionLevel(-1)) { try matrix.pngData(compressionLevel: -1) }
    }

    @Test func largestGeometryRenders() throws {
        let matrix = try QRMatrix(encoding: [UInt8](repeating: 0x5A, count: 2_953), errorCorrection: .low)
        let png = try PNGChunks(try matrix.pngData(scale: 8, quietZone: QRMatrix.quietZoneMax, compressionLevel: 1))
        #expect(try png.header().width == UInt32((177 + 2 * QRMatrix.quietZoneMax) * 8))
    }
}
