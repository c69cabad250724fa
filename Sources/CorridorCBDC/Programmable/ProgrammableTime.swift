import CorridorCore
import Foundation

/// UTC instants as the rule language writes them (`2026-03-31T23:59:59Z`), and calendar-month steps, with integer
/// arithmetic only, so that evaluating a contract gives the same answer on every machine and in every time zone.
enum ProgrammableTime {
    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds); nil for anything else, including impossible
    /// dates such as February 30.
    /// - Parameters:
    ///   - text: the instant as written.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
            bytes[16] == 0x3A, bytes[19] == 0x5A
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month),
            (1...CivilDate.daysIn(year: year, month: month)).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let seconds = CivilDate.days(fromYear: year, month: month, day: day) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        return Date(unixMilliseconds: seconds * 1000)
    }

    /// The instant as the rule language writes it (milliseconds dropped).
    /// - Parameters:
    ///   - date: the instant.
    static func format(_ date: Date) -> String {
        let civil = CivilDate(unixMilliseconds: date.unixMilliseconds)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(civil.year)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year
            + "-\(two(civil.month))-\(two(civil.day))T\(two(civil.hour)):\(two(civil.minute)):\(two(civil.second))Z"
    }

    /// `date` moved by `months` calendar months, the day clamped to the last of the month (Jan 31 + 1 month =
    /// Feb 28 or 29), the time of day kept.
    /// - Parameters:
    ///   - months: how many months forward (0 or more).
    ///   - date: the start.
    static func adding(months: Int, to date: Date) -> Date {
        let ms = date.unixMilliseconds
        let civil = CivilDate(unixMilliseconds: ms)
        let monthIndex = civil.year * 12 + (civil.month - 1) + months
        let year = monthIndex / 12
        let month = monthIndex % 12 + 1
        let day = min(civil.day, CivilDate.daysIn(year: year, month: month))
        let dayStartMs = CivilDate.days(fromYear: civil.year, month: civil.month, day: civil.day) * 86_400_000
        let timeOfDayMs = ms - dayStartMs
        return Date(unixMilliseconds: CivilDate.days(fromYear: year, month: month, day: day) * 86_400_000 + timeOfDayMs)
    }
}
