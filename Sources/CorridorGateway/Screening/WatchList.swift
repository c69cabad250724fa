import CorridorCore
import Foundation

/// The entries compliance screening compares payers, payees and their banks with.
///
/// Loaded from CSV (``init(csv:)``) whose header is `id,name,aliases,country,id_numbers,list` (any order); aliases
/// and id numbers are separated by `;`; fields may be quoted as RFC 4180 says; lines starting with `#` are comments.
///
/// Guarantees: ids are unique; every entry has a non-empty id, name and list; at most ``entriesMax`` entries.
public struct WatchList: Sendable {
    /// The columns a watch-list file has, each exactly once.
    public static let columns = ["id", "name", "aliases", "country", "id_numbers", "list"]
    /// The most entries one list may hold.
    public static let entriesMax = 1_000_000

    /// The entries, in file order.
    public let entries: [WatchListEntry]
    private let positionByID: [String: Int]

    /// A list of the given entries.
    /// - Parameter entries: entries with unique ids, at most ``entriesMax`` of them (a duplicate is a bug: it traps).
    public init(entries: [WatchListEntry]) {
        precondition(entries.count <= Self.entriesMax, "WatchList: more than \(Self.entriesMax) entries")
        var positionByID: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            precondition(
                positionByID.updateValue(position, forKey: entry.id) == nil, "WatchList: duplicate id \(entry.id)")
        }
        self.entries = entries
        self.positionByID = positionByID
    }

    /// Parses a watch-list CSV file.
    /// - Parameter csv: the file's text.
    /// - Throws: ``GatewayConfigurationError`` naming the line and the column: a column missing from the header or
    ///   a record (`keyMissing`), an unknown header column (`keyUnknown`), an empty id, name or list or a country
    ///   that is not ISO 3166-1 (`valueInvalid`), an id seen before (`duplicate`), a quote never closed or other
    ///   CSV syntax (`syntaxInvalid`).
    public init(csv: String) throws(GatewayConfigurationError) {
        var reader = WatchListCSVReader(csv)
        guard let header = try reader.nextRecord() else {
            throw .syntaxInvalid(line: 1, reason: "no header line (\(Self.columns.joined(separator: ",")))")
        }
        let names = header.fields.map { $0.lowercased() }
        var positionByColumn: [String: Int] = [:]
        for (position, name) in names.enumerated() {
            guard Self.columns.contains(name) else { throw .keyUnknown(line: header.line, key: name) }
            guard positionByColumn.updateValue(position, forKey: name) == nil else {
                throw .duplicate(line: header.line, key: "header", value: name)
            }
        }
        for column in Self.columns where positionByColumn[column] == nil {
            throw .keyMissing(line: header.line, key: column)
        }
        reader.columnNames = names

        var entries: [WatchListEntry] = []
        var lineByID: [String: Int] = [:]
        while let record = try reader.nextRecord() {
            guard record.fields.count <= names.count else {
                throw .syntaxInvalid(
                    line: record.line,
                    reason: "column \(names.count + 1): \(record.fields.count) fields, the header has \(names.count)")
            }
            guard record.fields.count == names.count else {
                throw .keyMissing(line: record.line, key: names[record.fields.count])
            }
            guard entries.count < Self.entriesMax else {
                throw .valueInvalid(line: record.line, key: "id", reason: "more than \(Self.entriesMax) entries")
            }
            func field(_ column: String) -> String { record.fields[positionByColumn[column]!] }
            func list(_ column: String) -> [String] {
                field(column).split(separator: ";").map { WatchListCSVReader.trimmed(String($0)) }
                    .filter { !$0.isEmpty }
            }
            let id = field("id")
            guard !id.isEmpty else { throw .valueInvalid(line: record.line, key: "id", reason: "empty") }
            let name = field("name")
            guard !name.isEmpty else { throw .valueInvalid(line: record.line, key: "name", reason: "empty") }
            let listName = field("list")
            guard !listName.isEmpty else { throw .valueInvalid(line: record.line, key: "list", reason: "empty") }
            var country: Country?
            let countryCode = field("country")
            if !countryCode.isEmpty {
                guard let found = Country(code: countryCode) else {
                    throw .valueInvalid(
                        line: record.line, key: "country", reason: "\"\(countryCode)\" is not an ISO 3166-1 code")
                }
                country = found
            }
            if lineByID.updateValue(record.line, forKey: id) != nil {
                throw .duplicate(line: record.line, key: "id", value: id)
            }
            entries.append(
                WatchListEntry(
                    id: id, name: name, aliases: list("aliases"), country: country, idNumbers: list("id_numbers"),
                    list: listName))
        }
        self.init(entries: entries)
    }

    /// Reads and parses a watch-list CSV file.
    /// - Parameter url: the file.
    /// - Throws: the file system's error when the file cannot be read or is not UTF-8, or
    ///   ``GatewayConfigurationError`` as ``init(csv:)`` says.
    public init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        try self.init(csv: text)
    }

    /// The entry with this id, if the list holds one.
    public func entry(id: String) -> WatchListEntry? { positionByID[id].map { entries[$0] } }

    /// The number of entries.
    public var count: Int { entries.count }
}
