import CorridorQRImage
import Testing

/// The module matrix libqrencode produces and the errors it maps.
struct QRMatrixTests {
    @Test(arguments: QRErrorCorrection.allCases)
    func sizeFollowsVersion(errorCorrection: QRErrorCorrection) throws {
        let matrix = try QRMatrix(encoding: Payloads.emv, errorCorrection: errorCorrection)
        #expect(matrix.size == 17 + 4 * matrix.version)
        #expect((1...40).contains(matrix.version))
    }

    @Test func higherErrorCorrectionNeedsAtLeastAsLargeASymbol() throws {
        let versions = try QRErrorCorrection.allCases.map {
            try QRMatrix(encoding: Payloads.emv, errorCorrection: $0).version
        }
        #expect(versions == versions.sorted())
        #expect(versions.first! < versions.last!)
    }

    @Test func finderPatternsSitInThreeCorners() throws {
        let matrix = try QRMatrix(encoding: Payloads.emv)
        let last = matrix.size - 7
        // ISO/IEC 18004:2015 §6.3.3: a dark 7×7 ring, a light ring, a dark 3×3 centre; a light separator.
        for (top, left) in [(0, 0), (0, last), (last, 0)] {
            for row in 0..<7 {
                for column in 0..<7 {
                    let ring = max(abs(row - 3), abs(column - 3))
                    #expect(matrix[top + row, left + column] == (ring != 2), "finder at \(top), \(left)")
                }
            }
        }
        for index in 0..<8 {
            #expect(!matrix[7, index])
            #expect(!matrix[index, 7])
        }
        // The bottom-right corner has no finder pattern.
        #expect(!(0..<7).allSatisfy { matrix[last + $0, last] })
    }

    @Test func modulesOutsideTheSymbolAreLight() throws {
        let matrix = try QRMatrix(encoding: "corridor")
        #expect(!matrix[-1, 0])
        #expect(!matrix[0, -1])
        #expect(!matrix[matrix.size, 0])
        #expect(!matrix[0, matrix.size])
        #expect(matrix[0, 0])
    }

    @Test(arguments: [1, 10, 40])
    func minimumVersionIsHonoured(version: Int) throws {
        #expect(try QRMatrix(encoding: "A", minimumVersion: version).version == version)
    }

    @Test func minimumVersionGrowsWhenThePayloadNeedsIt() throws {
        #expect(try QRMatrix(encoding: Payloads.emv, minimumVersion: 1).version > 1)
    }

    @Test(arguments: [0, -1, 41])
    func versionOutOfRangeIsRejected(version: Int) {
        #expect(throws: QRImageError.invalidVersion(version)) { try QRMatrix(encoding: "A", minimumVersion: version) }
    }

    @Test func emptyPayloadIsRejected() {
        #expect(throws: QRImageError.emptyPayload) { try QRMatrix(encoding: "") }
        #expect(throws: QRImageError.emptyPayload) { try QRMatrix(encoding: [UInt8]()) }
    }

    @Test func version40LowHoldsExactly2953Bytes() throws {
        // ISO/IEC 18004:2015 Table 7: version 40-L holds 2953 bytes in byte mode.
        let fits = try QRMatrix(encoding: [UInt8](repeating: 0x7A, count: 2_953), errorCorrection: .low)
        #expect(fits.version == 40)
        #expect(throws: QRImageError.payloadTooLarge(byteCount: 2_954, errorCorrection: .low)) {
            try QRMatrix(encoding: [UInt8](repeating: 0x7A, count: 2_954), errorCorrection: .low)
        }
    }

    @Test(arguments: QRErrorCorrection.allCases, QREncodingMode.allCases)
    func tooLargePayloadGivesTypedError(errorCorrection: QRErrorCorrection, mode: QREncodingMode) {
        let text = String(repeating: "Оплата чая 茶 ", count: 300)
        #expect(throws: QRImageError.payloadTooLarge(byteCount: text.utf8.count, errorCorrection: errorCorrection)) {
            try QRMatrix(encoding: text, errorCorrection: errorCorrection, mode: mode)
        }
    }

    @Test func errorDescriptionNeverHoldsThePayload() {
        let secret = "PersonalAcc=40702810138250123017"
        do {
            _ = try QRMatrix(encoding: String(repeating: secret, count: 200), errorCorrection: .high)
            Issue.record("expected payloadTooLarge")
        } catch {
            #expect(!error.description.contains("40702810138250123017"))
            #expect(error.description.contains("6400-byte"))
        }
    }

    @Test func textWithNULIsEncodedInByteMode() throws {
        let text = "A\u{0}B"
        let fromText = try QRMatrix(encoding: text)
        let fromBytes = try QRMatrix(encoding: Array(text.utf8))
        #expect(fromText == fromBytes)
    }

    @Test func automaticModeGivesNoLargerSymbolThanByteMode() throws {
        let automatic = try QRMatrix(encoding: Payloads.emv, mode: .automatic)
        let byte = try QRMatrix(encoding: Payloads.emv, mode: .byte)
        #expect(automatic.version <= byte.version)
    }

    @Test func equalPayloadsGiveEqualMatrices() throws {
        let first = try QRMatrix(encoding: Payloads.cyrillic, errorCorrection: .quartile)
        let second = try QRMatrix(encoding: Payloads.cyrillic, errorCorrection: .quartile)
        let other = try QRMatrix(encoding: Payloads.cyrillic, errorCorrection: .high)
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first != other)
    }

    @Test func concurrentRenderingMatchesSequential() async throws {
        // `corridor qr batch` renders on both cores; libqrencode and libpng must not share state between calls.
        let texts = (0..<64).map { "\(Payloads.emv)-\($0)" }
        let sequential = try texts.map { try QRMatrix(encoding: $0).pngData(scale: 2) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask { (index, try QRMatrix(encoding: text).pngData(scale: 2)) }
            }
            var results = [[UInt8]](repeating: [], count: texts.count)
            for try await (index, png) in group { results[index] = png }
            return results
        }
        #expect(concurrent == sequential)
    }

    @Test func errorCorrectionLettersRoundTrip() {
        #expect(QRErrorCorrection.allCases.map(\.description) == ["L", "M", "Q", "H"])
        #expect(QRErrorCorrection(rawValue: "Q") == .quartile)
        #expect(QRErrorCorrection(rawValue: "X") == nil)
    }
}
