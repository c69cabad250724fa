/// A calendar date as ISO 20022 writes it (`ISODate`, `YYYY-MM-DD`).
///
/// Guarantees: the year is 1...9999, the month 1...12, the day valid for the month (leap years included).
public struct ISODate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// Creates a date; nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= ISODate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for anything else.
    public init?(text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`.
    public var text: String {
        String(unsafeUninitializedCapacity: Self.textLength) { buffer in write(to: buffer.baseAddress!) }
    }

    /// The length of ``text``.
    static let textLength = 10

    /// Writes `YYYY-MM-DD` as ASCII bytes at `bytes` (room for ``textLength``); returns the bytes written.
    @inline(__always)
    func write(to bytes: UnsafeMutablePointer<UInt8>) -> Int {
        Self.writeDigits(year, count: 4, to: bytes)
        bytes[4] = UInt8(ascii: "-")
        Self.writeDigits(month, count: 2, to: bytes + 5)
        bytes[7] = UInt8(ascii: "-")
        Self.writeDigits(day, count: 2, to: bytes + 8)
        return Self.textLength
    }

    /// Writes the last `count` decimal digits of a non-negative `value` at `bytes`, with leading zeros (the fields
    /// written this way are bounded by their types' guarantees, so no digit is lost).
    @inline(__always)
    static func writeDigits(_ value: Int, count: Int, to bytes: UnsafeMutablePointer<UInt8>) {
        precondition(value >= 0, "only non-negative fields are written as digits")
        var rest = value
        for offset in stride(from: count - 1, through: 0, by: -1) {
            bytes[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
    }

    public var description: String { text }

    public static func < (lhs: ISODate, rhs: ISODate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
