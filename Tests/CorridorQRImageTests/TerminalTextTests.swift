import CorridorQRImage
import Testing

/// Terminal text parsed back into modules equals the matrix, quiet zone included.
struct TerminalTextTests {
    @Test(arguments: TerminalBackground.allCases, [0, 1, 4])
    func halfBlocksParseBackToTheMatrix(background: TerminalBackground, quietZone: Int) throws {
        for (_, text) in Payloads.all {
            let matrix = try QRMatrix(encoding: text)
            let rendered = try matrix.terminalText(quietZone: quietZone, background: background)
            let side = matrix.size + 2 * quietZone
            let dark = try Self.parse(rendered, background: background)
            #expect(dark.count == side + side % 2)
            for row in dark.indices {
                #expect(dark[row].count == side)
                for column in dark[row].indices {
                    // Past the bottom edge counts as light (quiet zone).
                    let expected = row < side && matrix[row - quietZone, column - quietZone]
                    #expect(dark[row][column] == expected, "module \(row), \(column)")
                }
            }
        }
    }

    @Test func textUsesOnlyHalfBlocksSpacesAndNewlines() throws {
        let rendered = try QRMatrix(encoding: Payloads.emv).terminalText()
        #expect(rendered.allSatisfy { "▀▄█ \n".contains($0) })
        #expect(rendered.hasSuffix("\n"))
        let widths = Set(rendered.split(separator: "\n").map(\.count))
        #expect(widths.count == 1)
    }

    @Test func darkBackgroundDrawsTheQuietZoneAsFullBlocks() throws {
        let rendered = try QRMatrix(encoding: "corridor").terminalText(quietZone: 2, background: .dark)
        let firstLine = try #require(rendered.split(separator: "\n").first)
        #expect(firstLine.allSatisfy { $0 == "█" })
    }

    @Test func quietZoneOutOfRangeIsRejected() throws {
        let matrix = try QRMatrix(encoding: "corridor")
        #expect(throws: QRImageError.invalidQuietZone(-1)) { try matrix.terminalText(quietZone: -1) }
        #expect(throws: QRImageError.invalidQuietZone(65)) { try matrix.terminalText(quietZone: 65) }
    }

    /// Rows of dark modules read from half-block text (two module rows per line).
    static func parse(_ text: String, background: TerminalBackground) throws -> [[Bool]] {
        var rows: [[Bool]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            var top: [Bool] = []
            var bottom: [Bool] = []
            for character in line {
                let ink: (Bool, Bool)
                switch character {
                case "█": ink = (true, true)
                case "▀": ink = (true, false)
                case "▄": ink = (false, true)
                case " ": ink = (false, false)
                default:
                    Issue.record("unexpected character \(character)")
                    ink = (false, false)
                }
                // On a dark background the blocks are the light modules.
                top.append(background == .dark ? !ink.0 : ink.0)
                bottom.append(background == .dark ? !ink.1 : ink.1)
            }
            rows.append(top)
            rows.append(bottom)
        }
        return rows
    }
}
