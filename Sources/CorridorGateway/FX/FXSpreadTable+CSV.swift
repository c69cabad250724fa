import CorridorCore
import Foundation

extension FXSpreadTable {
    /// The columns of a spread file, in any order.
    static let csvColumns = ["participant", "base", "quote", "spread_bps"]
    /// The longest participant id accepted.
    static let participantLengthMax = 64

    /// Loads a spread file: a header `participant,base,quote,spread_bps`, then one rule a line.
    ///
    /// `participant` is a directory id (`mirbank`); `base` and `quote` are ISO 4217 alphabetic codes or `*` for any
    /// currency; `spread_bps` is an integer 0...5000. Blank lines and `#` comment lines are skipped. When two
    /// one-sided rules match a pair (`CNY,*` and `RUB,*` for CNY/RUB), the one earlier in the file wins.
    /// - Parameter csv: the file's text.
    /// - Throws: `GatewayConfigurationError` naming the line and column: `.valueInvalid` for an empty or malformed
    ///   participant, an unknown currency, a bad spread, a pair of a currency with itself or too many participants;
    ///   `.duplicate` for a rule given twice; `.keyUnknown` / `.keyMissing` / `.duplicate` for the header;
    ///   `.syntaxInvalid` for a line with the wrong number of fields.
    public init(csv: String) throws(GatewayConfigurationError) {
        let file = try FXCSVTable(text: csv, columns: FXSpreadTable.csvColumns)
        self.init()
        for record in file.records {
            let participantField = file.field(0, of: record)
            guard !participantField.isEmpty, participantField.utf8.count <= FXSpreadTable.participantLengthMax,
                participantField != "*", !participantField.contains(where: \.isWhitespace)
            else {
                let reason = "\"\(participantField)\" is not a participant id"
                throw .valueInvalid(line: record.line, key: "participant", reason: reason)
            }
            let participant = ParticipantID(participantField)
            let base = try FXSpreadTable.currencyOrAny(file.field(1, of: record), line: record.line, column: "base")
            let quote = try FXSpreadTable.currencyOrAny(file.field(2, of: record), line: record.line, column: "quote")
            if let base, base == quote {
                throw .valueInvalid(line: record.line, key: "quote", reason: "a pair needs two different currencies")
            }
            let spreadBps = try FXRateBook.spread(file.field(3, of: record), line: record.line, column: "spread_bps")
            guard !hasRule(participant: participant, base: base, quote: quote) else {
                let pair = "\(base?.alphaCode ?? "*")/\(quote?.alphaCode ?? "*")"
                throw .duplicate(line: record.line, key: "participant,base,quote", value: "\(participant) \(pair)")
            }
            guard participantCount < FXSpreadTable.participantsMax || hasRules(participant: participant) else {
                let reason = "more than \(FXSpreadTable.participantsMax) participants"
                throw .valueInvalid(line: record.line, key: "participant", reason: reason)
            }
            do { try setSpread(participant: participant, base: base, quote: quote, spreadBps: spreadBps) } catch {
                throw .valueInvalid(line: record.line, key: "spread_bps", reason: error.description)
            }
        }
    }

    /// Loads a spread file from disk; see ``init(csv:)``.
    /// - Parameter url: the file.
    /// - Throws: the file system's error when it cannot be read as UTF-8, else as ``init(csv:)``.
    public init(contentsOf url: URL) throws {
        try self.init(csv: String(contentsOf: url, encoding: .utf8))
    }

    private static func currencyOrAny(
        _ field: Substring, line: Int, column: String
    ) throws(GatewayConfigurationError) -> Currency? {
        field == "*" ? nil : try FXRateBook.currency(field, line: line, column: column)
    }
}
