import Foundation
import Testing

/// `report.html` as people see it: rendered by headless Chromium, its screenshot decoded pixel by pixel.
///
/// Runs when `chromium-headless-shell` and `python3` are installed, and always on CI (`CI=1`), where a missing
/// browser fails the test instead of skipping it.
@Suite("simulate report in a browser")
struct SimulateReportBrowserTests {
    static let chromium = ExternalTool(name: "chromium-headless-shell", debianPackage: "chromium-headless-shell")

    /// Decodes a PNG (8-bit grey, RGB or RGBA, not interlaced) with zlib and undoes the row filters (PNG spec §9),
    /// then prints the size, the number of distinct colours, the share of pixels that are not near-white, and how
    /// many pixels have each of the given colours.
    static let pngCensus = #"""
        import collections, json, struct, sys, zlib
        data = open(sys.argv[1], "rb").read()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
        pos, idat, width, height, ctype = 8, b"", 0, 0, 0
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            pos += 12 + length
            if kind == b"IHDR":
                width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
                assert depth == 8 and interlace == 0 and ctype in (0, 2, 4, 6), "unsupported PNG layout"
            elif kind == b"IDAT": idat += body
        channels = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
        raw, stride = zlib.decompress(idat), width * channels
        low, high = int.from_bytes(b"\x7f" * stride, "big"), int.from_bytes(b"\x80" * stride, "big")
        counts, prev, i = collections.Counter(), bytes(stride), 0
        for _ in range(height):
            f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
            if f == 2:  # Up: bytewise sums without carries between bytes, on the whole row at once
                a, b = int.from_bytes(line, "big"), int.from_bytes(prev, "big")
                line = bytearray((((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(stride, "big"))
            elif f != 0:
                for x in range(stride):
                    a = line[x - channels] if x >= channels else 0
                    b, c = prev[x], prev[x - channels] if x >= channels else 0
                    if f == 1: line[x] = (line[x] + a) & 255
                    elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                    else:
                        p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            prev = bytes(line)
            if channels < 3: counts.update(zip(line[0::channels], line[0::channels], line[0::channels]))
            else: counts.update(zip(line[0::channels], line[1::channels], line[2::channels]))
        marked = sum(n for rgb, n in counts.items() if min(rgb) < 235)
        wanted = {w: counts.get(tuple(int(w[k:k + 2], 16) for k in (0, 2, 4)), 0) for w in sys.argv[2:]}
        print(json.dumps({"width": width, "height": height, "colours": len(counts),
                          "markedShare": marked / float(width * height), "wanted": wanted}))
        """#

    @Test func theReportRendersWithItsChartsInHeadlessChromium() throws {
        guard ExternalTool.shouldRun(Self.chromium, .python) else { return }
        let browser = try Self.chromium.require()
        let scratch = try Scratch()
        let run = try CorridorBinary.run([
            "simulate", CorridorBinary.sample("scenarios/border-day-faults.yaml"), "--out", scratch.path("out"),
        ])
        #expect(run.status == 0, "\(run)")
        let screenshot = scratch.path("report.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--screenshot=\(screenshot)",
            "--window-size=1200,1600",
            "file://" + scratch.path("out/report.html"),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try #require(FileManager.default.fileExists(atPath: screenshot), "Chromium wrote no screenshot")

        // The instrument colours of the volume chart and the latency bars' purple (SVGChart.palette).
        let colours = ["1f77b4", "d62728", "2ca02c", "ff7f0e", "9467bd"]
        let census = try ExternalTool.python.run(["-c", Self.pngCensus, screenshot] + colours)
        #expect(census.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(census.output)) as? [String: Any])
        #expect(object["width"] as? Int == 1200 && object["height"] as? Int == 1600)
        // Not blank: text and charts give many colours, and a good share of the page is drawn on.
        #expect((object["colours"] as? Int ?? 0) > 100, "\(object)")
        #expect((object["markedShare"] as? Double ?? 0) > 0.05, "\(object)")
        // Every chart colour is on screen in bar-sized areas: the inline SVG was drawn, not just the text.
        let wanted = try #require(object["wanted"] as? [String: Int])
        for colour in colours { #expect((wanted[colour] ?? 0) > 300, "#\(colour): \(wanted[colour] ?? 0) pixels") }
    }
}
