import CorridorQRImage
import Foundation
import Testing

/// Writing images to files: the same bytes as in memory, and `errno` mapped on failure.
struct FileWritingTests {
    @Test func pngFileHoldsTheSameBytesAsPNGData() throws {
        let scratch = try Scratch()
        let matrix = try QRMatrix(encoding: Payloads.emv)
        let path = scratch.path("code.png")
        try matrix.writePNG(toFile: path, scale: 4)
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == (try matrix.pngData(scale: 4)))
    }

    @Test func writingReplacesALongerFile() throws {
        let scratch = try Scratch()
        let path = try scratch.write([UInt8](repeating: 0xEE, count: 100_000), to: "code.svg")
        let matrix = try QRMatrix(encoding: "corridor")
        try matrix.writeSVG(toFile: path)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == (try matrix.svg()))
    }

    @Test func missingDirectoryGivesFileWriteFailedWithENOENT() throws {
        let scratch = try Scratch()
        let path = scratch.path("missing/code.png")
        let matrix = try QRMatrix(encoding: "corridor")
        #expect(throws: QRImageError.fileWriteFailed(path: path, errno: ENOENT)) { try matrix.writePNG(toFile: path) }
        #expect(throws: QRImageError.fileWriteFailed(path: path, errno: ENOENT)) { try matrix.writeSVG(toFile: path) }
    }

    @Test(.enabled(if: ExternalTool.shouldRun(.zbarimg), "zbarimg (zbar-tools) is not installed"))
    func pngFileDecodesWithZbar() throws {
        let scratch = try Scratch()
        let path = scratch.path("code.png")
        try QRMatrix(encoding: Payloads.cyrillic, errorCorrection: .high).writePNG(toFile: path, scale: 5)
        #expect(try Zbar.decode(imageAt: path) == Array(Payloads.cyrillic.utf8))
    }
}
