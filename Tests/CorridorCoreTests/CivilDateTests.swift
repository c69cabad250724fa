import CorridorCore
import Foundation
import Testing

@Suite("CivilDate: UTC calendar fields by integer arithmetic")
struct CivilDateTests {
    @Test("Agrees with Foundation's Gregorian calendar over 1900...2200, every 7 hours 13 minutes")
    func agreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var milliseconds: Int64 = -2_208_988_800_000   // 1900-01-01
        let end: Int64 = 7_258_118_400_000              // 2200-01-01
        var checked = 0
        while milliseconds < end {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let civil = CivilDate(unixMilliseconds: milliseconds)
            let fields: [Int?] = [civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second, civil.dayOfYear]
            let foundation: [Int?] = [
                expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second,
                calendar.ordinality(of: .day, in: .year, for: date),
            ]
            if fields != foundation {
                Issue.record("\(milliseconds) ms: \(fields) != Foundation's \(foundation)")
                return
            }
            milliseconds += 26_000_000
            checked += 1
        }
        #expect(checked > 300_000)
    }

    @Test("Known dates", arguments: [
        (Int64(0), 1970, 1, 1, 1), (951_782_400_000, 2000, 2, 29, 60), (1_767_225_599_999, 2025, 12, 31, 365),
        (1_798_675_200_000, 2026, 12, 31, 365), (-1, 1969, 12, 31, 365),
    ])
    func knownDates(milliseconds: Int64, year: Int, month: Int, day: Int, dayOfYear: Int) {
        let civil = CivilDate(unixMilliseconds: milliseconds)
        let fields: [Int] = [civil.year, civil.month, civil.day, civil.dayOfYear]
        let expected: [Int] = [year, month, day, dayOfYear]
        #expect(fields == expected)
    }
}
