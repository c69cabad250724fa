import CorridorCore
import Foundation

extension FXRateBook {
    /// The columns of a rate file, in any order.
    static let csvColumns = ["base", "quote", "mid", "spread_bps"]

    /// Loads a rate file: a header `base,quote,mid,spread_bps`, then one pair a line.
    ///
    /// `base` and `quote` are ISO 4217 alphabetic codes; `mid` is a plain decimal (see ``FXRate/init(text:)``), the
    /// units of `quote` one unit of `base` costs; `spread_bps` is the pair's default spread, an integer 0...5000.
    /// Blank lines and `#` comment lines are skipped. A pair may appear once, in one orientation.
    /// - Parameter csv: the file's text.
    /// - Throws: `GatewayConfigurationError` naming the line and column: `.valueInvalid` for an unknown currency,
    ///   a bad rate or spread, or a pair of a currency with itself; `.duplicate` for a pair given twice (either
    ///   orientation); `.keyUnknown` / `.keyMissing` / `.duplicate` for the header; `.syntaxInvalid` for a line with
    ///   the wrong number of fields.
    public init(csv: String) throws(GatewayConfigurationError) {
        let file = try FXCSVTable(text: csv, columns: FXRateBook.csvColumns)
        self.init()
        var seenCurrencies = Set<Currency>()
        for record in file.records {
            let base = try FXRateBook.currency(file.field(0, of: record), line: record.line, column: "base")
            let quote = try FXRateBook.currency(file.field(1, of: record), line: record.line, column: "quote")
            guard base != quote else {
                throw .valueInvalid(line: record.line, key: "quote", reason: "a pair needs two different currencies")
            }
            let midText = String(file.field(2, of: record))
            let mid: FXRate
            do { mid = try FXRate(text: midText) } catch {
                throw .valueInvalid(line: record.line, key: "mid", reason: error.description)
            }
            let spreadBps = try FXRateBook.spread(file.field(3, of: record), line: record.line, column: "spread_bps")
            guard !hasPair(base, quote) else {
                throw .duplicate(line: record.line, key: "base,quote", value: "\(base.alphaCode)/\(quote.alphaCode)")
            }
            seenCurrencies.insert(base)
            seenCurrencies.insert(quote)
            guard seenCurrencies.count <= FXRateBook.currenciesMax else {
                let reason = "more than \(FXRateBook.currenciesMax) currencies"
                throw .valueInvalid(line: record.line, key: "quote", reason: reason)
            }
            do { try store(base: base, quote: quote, mid: mid, spreadBps: spreadBps) } catch {
                // Checked above; kept so a future rule in `store` still reports a line.
                throw .valueInvalid(line: record.line, key: "base,quote", reason: error.description)
            }
        }
        rebuild()
    }

    /// Loads a rate file from disk; see ``init(csv:)``.
    /// - Parameter url: the file.
    /// - Throws: the file system's error when it cannot be read as UTF-8, else as ``init(csv:)``.
    public init(contentsOf url: URL) throws {
        try self.init(csv: String(contentsOf: url, encoding: .utf8))
    }

    /// An ISO 4217 alphabetic code from a rate or spread file.
    static func currency(_ field: Substring, line: Int, column: String) throws(GatewayConfigurationError) -> Currency {
        guard field.utf8.count == 3, let currency = Currency(alphaCode: String(field)) else {
            throw .valueInvalid(line: line, key: column, reason: "\"\(field)\" is not an ISO 4217 currency code")
        }
        return currency
    }

    /// A spread in basis points, 0...``spreadBpsMax``, from a rate or spread file.
    static func spread(_ field: Substring, line: Int, column: String) throws(GatewayConfigurationError) -> Int {
        guard field.utf8.count <= 4, field.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(field),
            (0...spreadBpsMax).contains(value)
        else {
            throw .valueInvalid(line: line, key: column, reason: "\"\(field)\" is not an integer 0...\(spreadBpsMax)")
        }
        return value
    }
}
