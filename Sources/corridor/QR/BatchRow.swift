import CorridorMerchantQR
import Foundation

/// One merchant row of a `qr batch` file: its 1-based row number among the data rows, the line it starts on,
/// and its column values (or why the row could not be read).
struct BatchRow: Sendable {
    /// 1-based among data rows (the CSV header is not a row).
    let number: Int
    /// 1-based line of the file where the row starts.
    let line: Int
    /// Column → value.
    let values: [String: String]
    /// Why the row could not be read (a JSON error, a wrong number of CSV fields), or nil.
    let problem: String?

    /// Every column a row may have: `id`, `format`, and the keys of the three formats.
    static let columns: Set<String> = Set(["id", "format"]).union(EMVFields.keys).union(SBPFields.keys)
        .union(GOSTFields.keys)

    /// The most rows one file may hold.
    static let rowCountMax = 1_000_000
    /// The largest file read, in bytes.
    static let fileByteCountMax = 1 << 28

    /// Reads a `.csv` (RFC 4180, header row of column names) or `.jsonl` (one JSON object per line) file.
    /// - Throws: ``QRCommandFailure`` when the file cannot be read, is too large, or names an unknown column.
    static func read(file path: String) throws(QRCommandFailure) -> [BatchRow] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw QRCommandFailure(code: "file_unreadable", message: "cannot read \(path): \(error.localizedDescription)")
        }
        guard data.count <= fileByteCountMax else {
            throw QRCommandFailure(code: "file_too_large", message: "\(path) is over \(fileByteCountMax) bytes")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw QRCommandFailure(code: "file_not_utf8", message: "\(path) is not UTF-8 text")
        }
        let rows = path.lowercased().hasSuffix(".csv") ? try csvRows(text) : try jsonLineRows(text)
        guard rows.count <= rowCountMax else {
            throw QRCommandFailure(code: "too_many_rows", message: "\(path) has over \(rowCountMax) rows")
        }
        return rows
    }

    /// Rows of a CSV document whose first record names the columns.
    static func csvRows(_ text: String) throws(QRCommandFailure) -> [BatchRow] {
        var records = CSVRecords(text)
        guard let header = records.next() else { return [] }
        let columns = header.fields.map { $0.trimmingSpaces.lowercased() }
        let unknown = columns.filter { !$0.isEmpty && !Self.columns.contains($0) }
        guard unknown.isEmpty else {
            throw QRCommandFailure(
                code: "unknown_column",
                message: "unknown column\(unknown.count > 1 ? "s" : "") \(unknown.joined(separator: ", ")); "
                    + "see corridor qr batch --help")
        }
        guard columns.contains("id"), columns.contains("format") else {
            throw QRCommandFailure(code: "missing_column", message: "the header needs the columns id and format")
        }
        var rows: [BatchRow] = []
        while let record = records.next() {
            // A line with nothing on it separates nothing; skip it rather than count an empty row.
            if record.fields.count == 1, record.fields[0].trimmingSpaces.isEmpty { continue }
            let number = rows.count + 1
            guard record.fields.count == columns.count else {
                rows.append(BatchRow(
                    number: number, line: record.line, values: [:],
                    problem: "\(record.fields.count) fields, the header has \(columns.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (column, field) in zip(columns, record.fields) where !column.isEmpty { values[column] = field }
            rows.append(BatchRow(number: number, line: record.line, values: values, problem: nil))
        }
        return rows
    }

    /// Rows of a JSON Lines document: each non-blank line one object of column → string (numbers and booleans are
    /// taken as their text; write amounts as strings to keep their digits exactly).
    static func jsonLineRows(_ text: String) throws(QRCommandFailure) -> [BatchRow] {
        var rows: [BatchRow] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard !String(line).trimmingSpaces.isEmpty else { continue }
            let number = rows.count + 1
            guard let object = try? JSONDecoder().decode([String: BatchJSONValue].self, from: Data(line.utf8)) else {
                rows.append(BatchRow(
                    number: number, line: lineNumber, values: [:],
                    problem: "not a JSON object of strings, numbers and booleans"))
                continue
            }
            var values: [String: String] = [:]
            var problem: String? = nil
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                guard Self.columns.contains(key) else {
                    problem = "unknown column \(key)"
                    break
                }
                if let text = value.text { values[key] = text }
            }
            rows.append(BatchRow(number: number, line: lineNumber, values: values, problem: problem))
        }
        return rows
    }
}

/// A JSON Lines value: a string, a number or boolean taken as its text (`yes`/`no` for booleans), or null.
struct BatchJSONValue: Decodable {
    /// The value as text; nil for null.
    let text: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            text = nil
        } else if let string = try? container.decode(String.self) {
            text = string
        } else if let bool = try? container.decode(Bool.self) {
            text = bool ? "yes" : "no"
        } else if let integer = try? container.decode(Int64.self) {
            text = String(integer)
        } else {
            text = "\(try container.decode(Decimal.self))"
        }
    }
}

/// Splits CSV text into records (RFC 4180): commas between fields, double quotes around fields that hold commas,
/// quotes or line breaks, `""` for a quote inside them, LF or CRLF between records.
struct CSVRecords {
    /// One record and the 1-based line it starts on.
    struct Record {
        let fields: [String]
        let line: Int
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The next record, or nil at the end of the text.
    mutating func next() -> Record? {
        guard index < scalars.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if quoted {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                quoted = true
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
            case "\r" where index < scalars.count && scalars[index] == "\n":
                break
            case "\n":
                line += 1
                fields.append(String(field))
                return Record(fields: fields, line: startLine)
            default:
                field.append(scalar)
            }
        }
        fields.append(String(field))
        return Record(fields: fields, line: startLine)
    }
}
