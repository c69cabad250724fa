import CorridorCore
import CorridorGateway
import CorridorTesting
import Foundation
import Testing

/// The demo watch list in `Samples/gateway/watchlist.csv`, shared by the screening suites.
enum ScreeningSampleList {
    static func load() throws -> WatchList {
        try WatchList(contentsOf: URL(fileURLWithPath: SampleFiles.path("gateway/watchlist.csv")))
    }
}

@Suite("Screening: watch-list CSV")
struct ScreeningWatchListTests {
    static let header = "id,name,aliases,country,id_numbers,list\n"

    private func parseError(_ csv: String) -> GatewayConfigurationError? {
        do {
            _ = try WatchList(csv: csv)
            return nil
        } catch {
            return error
        }
    }

    @Test func sampleListLoadsEveryEntryWithItsQuotedAliases() throws {
        let list = try ScreeningSampleList.load()
        #expect(list.count == 20)
        let company = try #require(list.entry(id: "CDL-0002"))
        #expect(company.name == "Northern Shadow Trading LLC")
        #expect(company.aliases == ["ООО Северная Тень", "OOO \"Severnaya Ten\"", "Northern Shadow Trading, Ltd."])
        #expect(company.idNumbers == ["DEMO-INN-0000000002", "DEMO-OGRN-0000000000002"])
        #expect(company.country == .russia)
        #expect(company.list == "CORRIDOR-DEMO")
        #expect(list.entry(id: "CDL-0003")?.name == "王黑名")
        #expect(list.entry(id: "CDL-0008")?.country == nil)
        #expect(list.entry(id: "CDL-0005")?.idNumbers == [])
        #expect(list.entry(id: "CDL-0020")?.list == "CORRIDOR-DEMO-PEP")
    }

    @Test func columnsMayComeInAnyOrderWithCRLFAndQuotedLineBreaks() throws {
        let csv = "list,id_numbers,country,aliases,name,id\r\nL,,cn,\"A; B\r\nC\",\"Wang \"\"Xiao\"\" Ming\",X1\r\n"
        let list = try WatchList(csv: csv)
        let entry = try #require(list.entry(id: "X1"))
        #expect(entry.name == "Wang \"Xiao\" Ming")
        #expect(entry.aliases == ["A", "B\nC"])
        #expect(entry.country == .china)
        #expect(entry.list == "L")
    }

    @Test func headerWithoutAColumnNamesIt() {
        #expect(parseError("id,name,aliases,country,list\n") == .keyMissing(line: 1, key: "id_numbers"))
    }

    @Test func headerWithAnUnknownColumnNamesIt() {
        #expect(
            parseError("id,name,aliases,country,id_numbers,list,notes\n") == .keyUnknown(line: 1, key: "notes"))
    }

    @Test func recordWithTooFewFieldsNamesTheFirstMissingColumn() {
        #expect(parseError(Self.header + "X1,Ivan,,RU,\n") == .keyMissing(line: 2, key: "list"))
    }

    @Test func recordWithTooManyFieldsIsASyntaxError() {
        #expect(
            parseError(Self.header + "X1,Ivan,,RU,,L,extra\n")
                == .syntaxInvalid(line: 2, reason: "column 7: 7 fields, the header has 6"))
    }

    @Test func emptyNameIsRefusedWithItsLine() {
        #expect(parseError(Self.header + "X1,,,RU,,L\n") == .valueInvalid(line: 2, key: "name", reason: "empty"))
    }

    @Test func unknownCountryIsRefusedWithItsLine() {
        #expect(
            parseError(Self.header + "X1,Ivan,,ZZ,,L\n")
                == .valueInvalid(line: 2, key: "country", reason: "\"ZZ\" is not an ISO 3166-1 code"))
    }

    @Test func duplicateIdNamesTheSecondLine() {
        #expect(
            parseError(Self.header + "X1,Ivan,,RU,,L\nX1,Petr,,RU,,L\n") == .duplicate(line: 3, key: "id", value: "X1"))
    }

    @Test func unterminatedQuoteNamesTheLineAndColumnWhereItOpened() {
        #expect(
            parseError(Self.header + "X1,\"Ivan,,RU,,L\nX2,Petr,,RU,,L\n")
                == .syntaxInvalid(line: 2, reason: "column 2 (name): the quote opened here is never closed"))
    }

    @Test func textAfterAClosingQuoteIsRefused() {
        #expect(
            parseError(Self.header + "X1,\"Ivan\" Petrov,,RU,,L\n")
                == .syntaxInvalid(line: 2, reason: "column 2 (name): text after the closing quote"))
    }

    @Test func commentAndBlankLinesCountInLineNumbers() {
        let csv = "# a comment\n" + Self.header + "\n# another\nX1,Ivan,,XX,,L\n"
        #expect(parseError(csv) == .valueInvalid(line: 5, key: "country", reason: "\"XX\" is not an ISO 3166-1 code"))
    }

    @Test func emptyTextHasNoHeader() {
        #expect(parseError("# only a comment\n") == .syntaxInvalid(
            line: 1, reason: "no header line (id,name,aliases,country,id_numbers,list)"))
    }
}
