import Foundation

/// Reads QR codes from image files with zbar's `zbarimg`, run as a subprocess.
///
/// `--raw -q -Sbinary` prints the symbol's bytes exactly as stored, with nothing added (measured with zbar
/// 0.23.92), so a GOST payload in windows-1251 comes back as its own bytes rather than zbar's guess at UTF-8.
enum ZbarImage {
    /// The most bytes read back from zbarimg: far above a version-40 symbol's 2,953.
    static let outputByteCountMax = 1 << 20

    /// The path of `zbarimg` on `PATH`, or nil.
    static var executablePath: String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/zbarimg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The payload bytes of the QR code in the image at `path`.
    /// - Throws: ``QRCommandFailure`` with code `zbarimg_missing`, `image_unreadable` or `no_qr_code`.
    static func decode(imageAt path: String) throws(QRCommandFailure) -> [UInt8] {
        guard let executable = executablePath else {
            throw QRCommandFailure(
                code: "zbarimg_missing",
                message: "zbarimg is not on PATH; install zbar-tools (Debian: apt-get install zbar-tools)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--raw", "-q", "-Sbinary", path]
        let output = Pipe()
        process.standardOutput = output
        // zbarimg prints D-Bus noise on machines without a system bus; its exit status says what we need.
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw QRCommandFailure(code: "zbarimg_failed", message: "cannot run \(executable): \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0:
            guard data.count <= outputByteCountMax else {
                throw QRCommandFailure(code: "image_unreadable", message: "zbarimg printed over \(outputByteCountMax) bytes")
            }
            return Array(data)
        case 4:
            throw QRCommandFailure(code: "no_qr_code", message: "zbarimg found no QR code in \(path)")
        default:
            throw QRCommandFailure(
                code: "image_unreadable",
                message: "zbarimg cannot read \(path) (exit \(process.terminationStatus))")
        }
    }
}
