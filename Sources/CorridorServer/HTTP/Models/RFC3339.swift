import CorridorCore
import Foundation

/// RFC 3339 timestamps in UTC with milliseconds (`2026-11-30T11:09:15.123Z`).
///
/// Written digit by digit from ``CivilDate``: a payment's answer carries one, and creating an `ISO8601DateFormatter`
/// per call (it is not `Sendable`, so it cannot be shared) was 7% of the server's CPU under `POST /payments` load.
public enum RFC3339 {
    /// Formats Unix milliseconds.
    public static func string(milliseconds: Int64) -> String {
        let civil = CivilDate(unixMilliseconds: milliseconds)
        // Years before 1 (never a server's clock) keep the formatter's own spelling.
        guard civil.year >= 1 else { return formatted(Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)) }
        let millisecond = Int(((milliseconds % 1000) + 1000) % 1000)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func append(_ value: Int, digits: Int) {
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            // A year beyond 9999 keeps all its digits.
            while divisor * 10 <= value { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        append(civil.year, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(civil.month, digits: 2)
        bytes.append(UInt8(ascii: "-"))
        append(civil.day, digits: 2)
        bytes.append(UInt8(ascii: "T"))
        append(civil.hour, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(civil.minute, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(civil.second, digits: 2)
        bytes.append(UInt8(ascii: "."))
        append(millisecond, digits: 3)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Formats a date, rounded to the nearest millisecond (as `ISO8601DateFormatter` rounds).
    public static func string(_ date: Date) -> String {
        string(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    private static func formatted(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
