/// The comma-separated files the FX part reads (rates, spreads): a header of known column names, then one record a
/// line.
///
/// Rules: lines end with LF or CRLF; blank lines and lines whose first non-blank character is `#` are skipped;
/// fields are trimmed of spaces and tabs; quoting is not supported (no value in these files needs a comma); every
/// record has as many fields as the header. Errors name the 1-based line and the column.
struct FXCSVTable {
    /// One record and the line it was on.
    struct Record {
        /// The 1-based line number in the file.
        let line: Int
        /// The trimmed fields, in header order.
        let fields: [Substring]
    }

    /// The most records a file may hold.
    static let recordsMax = 10_000

    /// The header line's number.
    let headerLine: Int
    /// The records in file order.
    let records: [Record]
    /// For each expected column (in the order the caller gave), its position in the file's header.
    let positions: [Int]

    /// Reads `text`, whose header must name exactly `columns` (in any order).
    /// - Throws: `GatewayConfigurationError.keyUnknown`, `.keyMissing`, `.duplicate` for the header;
    ///   `.syntaxInvalid` for a record with the wrong number of fields or a file with too many records.
    init(text: String, columns: [String]) throws(GatewayConfigurationError) {
        var header: (line: Int, names: [Substring])?
        var records: [Record] = []
        // A byte-order mark, as some spreadsheet exports write, is not part of the first column's name.
        let body = text.hasPrefix("\u{FEFF}") ? Substring(text.dropFirst()) : Substring(text)
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (offset, rawLine) in lines.enumerated() {
            let line = offset + 1
            let trimmed = FXCSVTable.trim(rawLine)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false).map(FXCSVTable.trim)
            guard let expected = header else {
                header = (line, fields)
                continue
            }
            guard fields.count == expected.names.count else {
                let reason = "expected \(expected.names.count) fields, found \(fields.count)"
                throw .syntaxInvalid(line: line, reason: reason)
            }
            guard records.count < FXCSVTable.recordsMax else {
                throw .syntaxInvalid(line: line, reason: "more than \(FXCSVTable.recordsMax) records")
            }
            records.append(Record(line: line, fields: fields))
        }
        guard let header else { throw .keyMissing(line: 1, key: columns.joined(separator: ",")) }
        var seen: Set<Substring> = []
        for name in header.names {
            guard columns.contains(String(name)) else { throw .keyUnknown(line: header.line, key: String(name)) }
            guard seen.insert(name).inserted else {
                throw .duplicate(line: header.line, key: "header", value: String(name))
            }
        }
        var positions: [Int] = []
        for column in columns {
            guard let position = header.names.firstIndex(where: { $0 == column }) else {
                throw .keyMissing(line: header.line, key: column)
            }
            positions.append(position)
        }
        self.headerLine = header.line
        self.records = records
        self.positions = positions
    }

    /// The field of `record` under the caller's `column`-th expected column.
    func field(_ column: Int, of record: Record) -> Substring { record.fields[positions[column]] }

    private static func trim<S: StringProtocol>(_ text: S) -> Substring {
        let view = Substring(text)
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = view.firstIndex(where: { !isBlank($0) }), let last = view.lastIndex(where: { !isBlank($0) })
        else { return view[view.endIndex...] }
        return view[first...last]
    }
}
