import CorridorQRImage
import Testing

/// The SVG document's shape, and its path read back into modules without a rasterizer.
struct SVGStructureTests {
    @Test(arguments: [0, 4], [1, 8])
    func pathParsesBackToTheMatrix(quietZone: Int, moduleSize: Int) throws {
        for (_, text) in Payloads.all {
            let matrix = try QRMatrix(encoding: text)
            let svg = try matrix.svg(moduleSize: moduleSize, quietZone: quietZone)
            let side = matrix.size + 2 * quietZone
            let dark = try Self.modules(ofPath: try Self.attribute("d", of: "path", in: svg), side: side)
            for row in 0..<side {
                for column in 0..<side {
                    let expected = matrix[row - quietZone, column - quietZone]
                    #expect(dark[row][column] == expected, "module \(row), \(column)")
                }
            }
        }
    }

    @Test func documentHasOnePathAndSizesInModulesAndPixels() throws {
        let matrix = try QRMatrix(encoding: Payloads.emv)
        let svg = try matrix.svg(moduleSize: 5, quietZone: 4)
        let side = matrix.size + 8
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(try Self.attribute("viewBox", of: "svg", in: svg) == "0 0 \(side) \(side)")
        #expect(try Self.attribute("width", of: "svg", in: svg) == "\(side * 5)")
        #expect(try Self.attribute("height", of: "svg", in: svg) == "\(side * 5)")
        #expect(try Self.attribute("fill", of: "rect", in: svg) == "#fff")
        #expect(try Self.attribute("fill", of: "path", in: svg) == "#000")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func coloursAppearInTheDocument() throws {
        let colors = QRColors(
            dark: QRColor(red: 0x12, green: 0x34, blue: 0x56),
            light: QRColor(red: 0xAA, green: 0xBB, blue: 0xCC)
        )
        let svg = try QRMatrix(encoding: "corridor").svg(colors: colors)
        #expect(try Self.attribute("fill", of: "path", in: svg) == "#123456")
        #expect(try Self.attribute("fill", of: "rect", in: svg) == "#abc")
    }

    @Test func geometryOutOfRangeIsRejected() throws {
        let matrix = try QRMatrix(encoding: "corridor")
        #expect(throws: QRImageError.invalidScale(0)) { try matrix.svg(moduleSize: 0) }
        #expect(throws: QRImageError.invalidQuietZone(65)) { try matrix.svg(quietZone: 65) }
    }

    /// The value of `name` on the first `<element …>` tag.
    static func attribute(_ name: String, of element: String, in svg: String) throws -> String {
        let tagStart = try #require(svg.range(of: "<\(element) "), "no <\(element)>")
        let tag = svg[tagStart.upperBound...].prefix { $0 != ">" }
        let attributeStart = try #require(tag.range(of: " \(name)=\"") ?? tag.range(of: "\(name)=\""), "no \(name)")
        return String(tag[attributeStart.upperBound...].prefix { $0 != "\"" })
    }

    /// Fills a grid from a path of the form the renderer writes: `M x y` or `m dx dy`, then `h n v1 h-n z`.
    static func modules(ofPath path: String, side: Int) throws -> [[Bool]] {
        var grid = [[Bool]](repeating: [Bool](repeating: false, count: side), count: side)
        var scanner = Substring(path)
        var current = (x: 0, y: 0)
        func number() throws -> Int {
            let text = scanner.prefix { $0 == "-" || $0.isNumber }
            scanner = scanner.dropFirst(text.count)
            return try #require(Int(text), "bad number at \(scanner.prefix(10))")
        }
        func expect(_ literal: String) throws {
            try #require(scanner.hasPrefix(literal), "expected \(literal) at \(scanner.prefix(10))")
            scanner = scanner.dropFirst(literal.count)
        }
        var runs = 0
        while !scanner.isEmpty, runs < side * side {
            runs += 1
            let command = scanner.removeFirst()
            let dx = try number()
            try expect(" ")
            let dy = try number()
            switch command {
            case "M": current = (dx, dy)
            case "m": current = (current.x + dx, current.y + dy)
            default: Issue.record("unexpected command \(command)")
            }
            try expect("h")
            let length = try number()
            try expect("v1h-\(length)z")
            for column in current.x..<(current.x + length) { grid[current.y][column] = true }
        }
        return grid
    }
}
