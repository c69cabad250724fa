/// Reads RFC 4180 CSV records one at a time, for ``WatchList/init(csv:)``.
///
/// Rules: fields are separated by `,` and records by LF, CRLF or CR; a field that starts with `"` (after optional
/// spaces) is quoted and may hold commas, line breaks and doubled quotes (`""` → `"`); a quote inside an unquoted
/// field, text after a closing quote and a quote never closed are errors. Unquoted fields are trimmed of spaces and
/// tabs. Lines that are empty, blank or start with `#` between records are skipped (comments). A UTF-8 byte order
/// mark at the start is ignored.
struct WatchListCSVReader {
    /// One record: the physical line it starts on and its fields.
    struct Record {
        /// The 1-based line the record starts on.
        let line: Int
        /// The field values, unquoted.
        let fields: [String]
    }

    /// The longest field accepted, in Unicode scalars: a name, an alias list or an id-number list.
    static let fieldLengthMax = 16_384
    /// The most fields one record may have.
    static let fieldsPerRecordMax = 64

    /// Column names by 0-based field index, used in error messages once the header is known.
    var columnNames: [String] = []

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1

    /// Creates a reader over `text`.
    init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
    }

    /// The next record, or nil at the end of the text.
    /// - Throws: ``GatewayConfigurationError/syntaxInvalid(line:reason:)`` naming the line and column.
    mutating func nextRecord() throws(GatewayConfigurationError) -> Record? {
        skipCommentsAndBlankLines()
        guard index < scalars.count else { return nil }
        let recordLine = line
        var fields: [String] = []
        while true {
            guard fields.count < Self.fieldsPerRecordMax else {
                throw .syntaxInvalid(line: line, reason: "more than \(Self.fieldsPerRecordMax) fields")
            }
            let column = fields.count
            var lookahead = index
            while lookahead < scalars.count, scalars[lookahead] == " " || scalars[lookahead] == "\t" { lookahead += 1 }
            if lookahead < scalars.count, scalars[lookahead] == "\"" {
                index = lookahead
                fields.append(try readQuoted(column: column))
            } else {
                fields.append(try readUnquoted(column: column))
            }
            guard index < scalars.count else { break }
            if scalars[index] == "," {
                index += 1
                continue
            }
            consumeLineBreak()
            break
        }
        return Record(line: recordLine, fields: fields)
    }

    /// "column 2 (name)" when the header is known, "column 2" before.
    func columnLabel(_ column: Int) -> String {
        column < columnNames.count ? "column \(column + 1) (\(columnNames[column]))" : "column \(column + 1)"
    }

    private mutating func readQuoted(column: Int) throws(GatewayConfigurationError) -> String {
        let openingLine = line
        index += 1
        var value = String.UnicodeScalarView()
        var length = 0
        while true {
            guard index < scalars.count else {
                throw .syntaxInvalid(
                    line: openingLine, reason: "\(columnLabel(column)): the quote opened here is never closed")
            }
            let scalar = scalars[index]
            if scalar == "\"" {
                if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                    value.append("\"")
                    index += 2
                } else {
                    index += 1
                    break
                }
            } else if scalar == "\r" || scalar == "\n" {
                consumeLineBreak()
                value.append("\n")
            } else {
                value.append(scalar)
                index += 1
            }
            length += 1
            guard length <= Self.fieldLengthMax else {
                throw .syntaxInvalid(
                    line: openingLine, reason: "\(columnLabel(column)): longer than \(Self.fieldLengthMax) characters")
            }
        }
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        if index < scalars.count, !Self.endsField(scalars[index]) {
            throw .syntaxInvalid(line: line, reason: "\(columnLabel(column)): text after the closing quote")
        }
        return String(value)
    }

    private mutating func readUnquoted(column: Int) throws(GatewayConfigurationError) -> String {
        var value = String.UnicodeScalarView()
        var length = 0
        while index < scalars.count, !Self.endsField(scalars[index]) {
            let scalar = scalars[index]
            if scalar == "\"" {
                throw .syntaxInvalid(
                    line: line,
                    reason:
                        "\(columnLabel(column)): a quote inside an unquoted field (quote the field, double the quote)")
            }
            value.append(scalar)
            index += 1
            length += 1
            guard length <= Self.fieldLengthMax else {
                throw .syntaxInvalid(
                    line: line, reason: "\(columnLabel(column)): longer than \(Self.fieldLengthMax) characters")
            }
        }
        return Self.trimmed(String(value))
    }

    private static func endsField(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "," || scalar == "\n" || scalar == "\r"
    }

    /// Consumes one LF, CRLF or CR at the cursor and counts the line.
    private mutating func consumeLineBreak() {
        guard index < scalars.count else { return }
        if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
        index += 1
        line += 1
    }

    private mutating func skipCommentsAndBlankLines() {
        while index < scalars.count {
            var end = index
            while end < scalars.count, scalars[end] == " " || scalars[end] == "\t" { end += 1 }
            let isBlank = end == scalars.count || scalars[end] == "\n" || scalars[end] == "\r"
            let isComment = index < scalars.count && scalars[index] == "#"
            guard isBlank || isComment else { return }
            while end < scalars.count, scalars[end] != "\n", scalars[end] != "\r" { end += 1 }
            index = end
            consumeLineBreak()
        }
    }

    /// The text without leading and trailing spaces and tabs.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
