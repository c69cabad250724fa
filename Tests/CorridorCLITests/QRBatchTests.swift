import Foundation
import Testing

/// `corridor qr batch`: one image per merchant row, each carrying exactly what `qr make` prints for that row.
@Suite("qr batch", .enabled(if: ExternalTool.shouldRun(.zbarimg, .rsvgConvert), "zbarimg or rsvg-convert is not installed"))
struct QRBatchTests {
    static let sampleCSV = CorridorBinary.sample("qr-batch/merchants.csv")

    /// The sample rows, parsed here independently of the CLI (RFC 4180, header first).
    static func sampleRows() throws -> [[String: String]] {
        let text = try String(contentsOfFile: sampleCSV, encoding: .utf8)
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty { records.append(record + [field]) }
        let header = try #require(records.first)
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// The `qr make` command line for a row: each filled column as its option (`sbp-id` is `--id`).
    static func makeArguments(_ row: [String: String]) -> [String] {
        var arguments = ["qr", "make", row["format"] ?? "", "--payload-only"]
        for (column, value) in row.sorted(by: { $0.key < $1.key }) where !value.isEmpty {
            switch column {
            case "id", "format": continue
            case "dynamic": if value == "yes" { arguments.append("--dynamic") }
            case "tip": arguments += ["--tip"] + value.split(separator: " ").map(String.init)
            case "sbp-id": arguments += ["--id", value]
            default: arguments += ["--\(column)", value]
            }
        }
        return arguments
    }

    @Test func sampleHasAboutTwentyRowsOfEveryFormat() throws {
        let rows = try Self.sampleRows()
        #expect((15...30).contains(rows.count))
        #expect(Set(rows.compactMap { $0["format"] }) == ["emv", "sbp", "gost"])
    }

    @Test func sampleBatchWritesOneImagePerRowCarryingTheRowsPayload() throws {
        let scratch = try Scratch()
        let rows = try Self.sampleRows()
        let result = try CorridorBinary.run(["qr", "batch", Self.sampleCSV, "--out-dir", scratch.path("out")])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.last?.hasPrefix("qr batch: \(rows.count) of \(rows.count) images written") == true)
        // Standard error is not a terminal here: no progress bar.
        #expect(result.standardError.isEmpty, "\(result)")
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out"))
        #expect(Set(files) == Set(rows.map { ($0["id"] ?? "") + ".png" }))

        for (index, row) in rows.enumerated() {
            let made = try CorridorBinary.run(Self.makeArguments(row))
            #expect(made.status == 0, "row \(index + 1): \(made)")
            let payload = try #require(made.lines.first)
            let image = scratch.path("out/\(row["id"] ?? "").png")
            // zbar on a few rows of each format (every one would only repeat the make tests); text for the rest.
            if index % 4 == 0 || row["encoding"] == "1" {
                let bytes = try ImageDecoder.payloadBytes(ofImageAt: image)
                if row["encoding"] == "1" || row["encoding"] == "3" {
                    #expect(bytes.count == payload.unicodeScalars.count, "row \(index + 1)")
                } else {
                    #expect(bytes == Array(payload.utf8), "row \(index + 1)")
                }
            }
            let decoded = try CorridorBinary.run(["qr", "decode", "--json", "--image", image])
            let fromPayload = try CorridorBinary.run(["qr", "decode", "--json", payload])
            #expect(decoded.status == 0, "row \(index + 1): \(decoded)")
            #expect(decoded.output == fromPayload.output, "row \(index + 1)")
        }
    }

    @Test func svgFormatWritesSVGFiles() throws {
        let scratch = try Scratch()
        let result = try CorridorBinary.run(
            ["qr", "batch", Self.sampleCSV, "--out-dir", scratch.path("svg"), "--format", "svg", "--jobs", "1"])
        #expect(result.status == 0, "\(result)")
        let rows = try Self.sampleRows()
        let first = try #require(rows.first)
        let payload = try #require(try CorridorBinary.run(Self.makeArguments(first)).lines.first)
        #expect(try ImageDecoder.payloadBytes(ofImageAt: scratch.path("svg/\(first["id"] ?? "").svg")) == Array(payload.utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("svg")).allSatisfy { $0.hasSuffix(".svg") })
    }

    @Test func badRowsAreReportedByNumberAndTheOthersStillMade() throws {
        let scratch = try Scratch()
        let csv = try scratch.write(
            """
            id,format,name,city,country,mcc,currency,amount,network,account,bank,sum
            good-1,emv,TEA HOUSE,BEIJING,CN,5812,CNY,10.00,unionpay,6229100000000000123,,
            bad-amount,emv,TEA HOUSE,BEIJING,CN,5812,CNY,1.234,unionpay,6229100000000000123,,
            good-2,sbp,,,,,,,,,100000000001,99.90
            bad-bank,sbp,,,,,,,,,123,
            good-1,sbp,,,,,,,,,100000000001,
            ,emv,NO ID,BEIJING,CN,5812,CNY,,unionpay,1,,
            bad/id,sbp,,,,,,,,,100000000001,
            too,few
            odd-format,pix,,,,,,,,,,

            """, to: "rows.csv")
        let result = try CorridorBinary.run(["qr", "batch", csv, "--out-dir", scratch.path("out")])
        #expect(result.status == 1, "\(result)")
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out")).sorted()
        #expect(files == ["good-1.png", "good-2.png"])
        let errors = result.standardError.split(separator: "\n").map(String.init)
        #expect(errors.count == 7, "\(result)")
        #expect(errors.contains { $0.hasPrefix("row 2 (line 3, id bad-amount): column amount:") }, "\(result)")
        #expect(errors.contains { $0.hasPrefix("row 4 (line 5, id bad-bank): column bank:") }, "\(result)")
        #expect(errors.contains { $0.hasPrefix("row 5 (line 6, id good-1): id good-1 appears in an earlier row") })
        #expect(errors.contains { $0.hasPrefix("row 6 (line 7): column id: is required") })
        #expect(errors.contains { $0.hasPrefix("row 7 (line 8, id bad/id): column id:") })
        #expect(errors.contains { $0.hasPrefix("row 8 (line 9): 2 fields") })
        #expect(errors.contains { $0.hasPrefix("row 9 (line 10, id odd-format): column format:") })
        #expect(result.lines.last == "qr batch: 2 of 9 images written to \(scratch.path("out")) (png, 2 at once), 7 failed"
            || result.lines.last?.hasPrefix("qr batch: 2 of 9 images written") == true)
    }

    @Test func columnOfTheWrongFormatIsABadRow() throws {
        let scratch = try Scratch()
        let csv = try scratch.write(
            "id,format,bank,name\nmixed,sbp,100000000001,SHOP\n", to: "rows.csv")
        let result = try CorridorBinary.run(["qr", "batch", csv, "--out-dir", scratch.path("out")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("row 1 (line 2, id mixed): column name: does not apply to format sbp"))
    }

    @Test func unknownColumnStopsTheBatchBeforeAnyRow() throws {
        let scratch = try Scratch()
        let csv = try scratch.write("id,format,colour\na,sbp,red\n", to: "rows.csv")
        let result = try CorridorBinary.run(["qr", "batch", csv, "--out-dir", scratch.path("out")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("unknown column colour"))
    }

    @Test func jsonLinesRowsWork() throws {
        let scratch = try Scratch()
        let jsonl = try scratch.write(
            """
            {"id": "taxi", "format": "emv", "name": "TAXI", "city": "BEIJING", "country": "CN", "mcc": "4121", \
            "currency": "CNY", "amount": "86.50", "network": "unionpay", "account": "6229100000000008842", "dynamic": true}
            {"id": "fare", "format": "sbp", "bank": "100000000004", "sum": 1559.5, "seed": 42}

            not json

            """, to: "rows.jsonl")
        let result = try CorridorBinary.run(["qr", "batch", jsonl, "--out-dir", scratch.path("out")])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("row 3 (line 4): not a JSON object"), "\(result)")
        let fare = try ImageDecoder.payloadBytes(ofImageAt: scratch.path("out/fare.png"))
        let expected = try CorridorBinary.run(
            ["qr", "make", "sbp", "--bank", "100000000004", "--sum", "1559.50", "--seed", "42", "--payload-only"])
        #expect(fare == Array(try #require(expected.lines.first).utf8))
        #expect(FileManager.default.fileExists(atPath: scratch.path("out/taxi.png")))
    }
}
