import Foundation

/// RFC 3339 timestamps in UTC with milliseconds (`2026-11-30T11:09:15.123Z`).
public enum RFC3339 {
    /// Formats Unix milliseconds.
    public static func string(milliseconds: Int64) -> String {
        string(Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000))
    }

    /// Formats a date.
    public static func string(_ date: Date) -> String {
        // A formatter per call: ISO8601DateFormatter is not Sendable, and this is not a hot path.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
