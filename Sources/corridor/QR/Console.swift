#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import CorridorCore
import Foundation

/// Standard output and standard error for the `qr` and `demo` commands: whole lines, UTF-8, unbuffered.
enum Console {
    /// Writes text followed by a newline to standard output.
    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes text as is (no newline added) to standard output.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes bytes as is to standard output.
    static func write(bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Writes text followed by a newline to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes text as is to standard error (the progress bar redraws its line with `\r`).
    static func errorText(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// True when standard error is a terminal (progress bars are drawn only then).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Reads standard input to its end, at most `byteCountMax` bytes.
    /// - Throws: ``QRCommandFailure`` when the input is larger.
    static func readStandardInput(byteCountMax: Int) throws -> [UInt8] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard data.count <= byteCountMax else {
            throw QRCommandFailure(code: "input_too_large", message: "standard input is over \(byteCountMax) bytes")
        }
        return Array(data)
    }

    /// Standard input as text, for options that take `-`: at most `byteCountMax` bytes, and UTF-8.
    /// - Throws: `ValidationError` naming the first byte that is not UTF-8, or saying the input is too large.
    static func readStandardInputText(byteCountMax: Int = 1 << 20) throws -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard data.count <= byteCountMax else { throw ValidationError("standard input is over \(byteCountMax) bytes") }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = UTF8Validation.firstInvalidOffset(in: data) ?? 0
            throw ValidationError("standard input is not UTF-8: byte offset \(offset) cannot be read")
        }
        return text
    }

    /// Lays rows out as a table: columns padded to their widest cell (counted in characters), two spaces apart.
    static func table(_ rows: [[String]]) -> [String] {
        guard let columnCount = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columnCount)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                line += cell
                if index < row.count - 1 { line += String(repeating: " ", count: widths[index] - cell.count + 2) }
            }
            return line
        }
    }
}

/// A failure a `qr` or `demo` command reports and exits 1 for: something outside the options went wrong (a file,
/// a missing tool, an image without a QR code). `code` is a stable snake_case string for `--json` output.
struct QRCommandFailure: Error, CustomStringConvertible {
    /// A stable short code, e.g. `zbarimg_missing`.
    let code: String
    /// One English sentence.
    let message: String

    var description: String { message }
}
