import CorridorCore
import Foundation

/// A date and time as ISO 20022 writes it (`ISODateTime`, XML Schema `dateTime`): local date and time, optional
/// milliseconds, and the UTC offset CBPR+ asks for (`2026-01-01T10:00:00+03:00`).
///
/// Kept as written rather than as an instant, so a message read and written again keeps its text.
/// Guarantees: fields are in range; the offset is within ±14:00.
public struct ISODateTime: Sendable, Hashable, CustomStringConvertible {
    /// The local date.
    public let date: ISODate
    /// 0...23.
    public let hour: Int
    /// 0...59.
    public let minute: Int
    /// 0...59.
    public let second: Int
    /// 0...999; written only when not zero.
    public let millisecond: Int
    /// Minutes east of UTC; nil when the text had no offset (CBPR+ forbids that; the reader accepts it).
    public let utcOffsetMinutes: Int?

    /// Creates a value from its fields; nil when one is out of range.
    public init?(date: ISODate, hour: Int, minute: Int, second: Int, millisecond: Int = 0, utcOffsetMinutes: Int?) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
            (0...999).contains(millisecond), (-14 * 60...14 * 60).contains(utcOffsetMinutes ?? 0)
        else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// The instant `date`, shown at the given UTC offset, to the millisecond.
    public init(_ instant: Date, utcOffsetMinutes: Int = 0) {
        precondition((-14 * 60...14 * 60).contains(utcOffsetMinutes), "UTC offsets stay within ±14:00")
        let milliseconds = instant.unixMilliseconds + Int64(utcOffsetMinutes) * 60_000
        let civil = CivilDate(unixMilliseconds: milliseconds)
        self.date = ISODate(year: civil.year, month: civil.month, day: civil.day)!
        self.hour = civil.hour
        self.minute = civil.minute
        self.second = civil.second
        self.millisecond = Int(((milliseconds % 1000) + 1000) % 1000)
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// Parses `YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]`; fractions beyond milliseconds must be zeros.
    public init?(text: String) {
        guard let separator = text.firstIndex(of: "T"), let date = ISODate(text: String(text[..<separator])) else {
            return nil
        }
        var rest = Substring(text[text.index(after: separator)...])
        var offset: Int?
        if rest.hasSuffix("Z") {
            offset = 0
            rest = rest.dropLast()
        } else if rest.count > 6, let sign = rest.dropLast(5).last, sign == "+" || sign == "-" {
            let zone = rest.suffix(5)
            guard zone.dropFirst(2).first == ":", let hours = Int(zone.prefix(2)), let minutes = Int(zone.suffix(2)),
                zone.prefix(2).allSatisfy(\.isASCII), zone.suffix(2).allSatisfy(\.isASCII)
            else { return nil }
            offset = (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
            rest = rest.dropLast(6)
        }
        var millisecond = 0
        if let dot = rest.firstIndex(of: ".") {
            let fraction = rest[rest.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            let padded = String((fraction + "000").prefix(3))
            guard fraction.dropFirst(3).allSatisfy({ $0 == "0" }), let value = Int(padded) else { return nil }
            millisecond = value
            rest = rest[..<dot]
        }
        let clock = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2])
        else { return nil }
        self.init(date: date, hour: hour, minute: minute, second: second, millisecond: millisecond,
                  utcOffsetMinutes: offset)
    }

    /// The text form; the offset as `±hh:mm` (`+00:00` for UTC).
    public var text: String {
        String(unsafeUninitializedCapacity: Self.textLengthMax) { buffer in write(to: buffer.baseAddress!) }
    }

    /// The longest ``text``: date, time, milliseconds and offset.
    static let textLengthMax = 29

    /// Writes ``text`` as ASCII bytes at `bytes` (room for ``textLengthMax``); returns the bytes written.
    /// Written byte by byte: string interpolation cost more than the rest of the header.
    func write(to bytes: UnsafeMutablePointer<UInt8>) -> Int {
        var count = date.write(to: bytes)
        bytes[count] = UInt8(ascii: "T")
        ISODate.writeDigits(hour, count: 2, to: bytes + count + 1)
        bytes[count + 3] = UInt8(ascii: ":")
        ISODate.writeDigits(minute, count: 2, to: bytes + count + 4)
        bytes[count + 6] = UInt8(ascii: ":")
        ISODate.writeDigits(second, count: 2, to: bytes + count + 7)
        count += 9
        if millisecond != 0 {
            bytes[count] = UInt8(ascii: ".")
            ISODate.writeDigits(millisecond, count: 3, to: bytes + count + 1)
            count += 4
        }
        if let offset = utcOffsetMinutes {
            let magnitude = abs(offset)
            bytes[count] = offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            ISODate.writeDigits(magnitude / 60, count: 2, to: bytes + count + 1)
            bytes[count + 3] = UInt8(ascii: ":")
            ISODate.writeDigits(magnitude % 60, count: 2, to: bytes + count + 4)
            count += 6
        }
        return count
    }

    public var description: String { text }
}
