/// Everything that can go wrong between a payload and a QR image.
///
/// Descriptions name sizes and codes only, never the payload itself (it may hold account details).
public enum QRImageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The payload was empty; a QR code must carry at least one byte.
    case emptyPayload
    /// The payload does not fit in a version-40 symbol at this error-correction level (libqrencode `ERANGE`).
    case payloadTooLarge(byteCount: Int, errorCorrection: QRErrorCorrection)
    /// The minimum version is outside 1...40.
    case invalidVersion(Int)
    /// The scale (pixels or units per module) is outside 1...``QRMatrix/scaleMax``.
    case invalidScale(Int)
    /// The quiet zone (modules of light margin) is outside 0...``QRMatrix/quietZoneMax``.
    case invalidQuietZone(Int)
    /// The zlib compression level is outside 0...9.
    case invalidCompressionLevel(Int)
    /// libqrencode failed for another reason; `errno` as it set it (`EINVAL`, `ENOMEM`, ...).
    case encoderFailed(errno: Int32)
    /// Memory ran out while writing the PNG.
    case outOfMemory
    /// libpng reported an error; `code` is the `CORRIDOR_PNG_E_*` value from `corridor_png_write_1bit`.
    case pngWriterFailed(code: Int32)
    /// Writing the image file failed; `errno` from `open`, `write` or `close`.
    case fileWriteFailed(path: String, errno: Int32)

    /// A one-line explanation for logs and the CLI.
    public var description: String {
        switch self {
        case .emptyPayload:
            "the payload is empty"
        case .payloadTooLarge(let byteCount, let errorCorrection):
            "a \(byteCount)-byte payload does not fit in a QR code at error correction \(errorCorrection)"
        case .invalidVersion(let version):
            "QR version \(version) is outside 1...40"
        case .invalidScale(let scale):
            "scale \(scale) is outside 1...\(QRMatrix.scaleMax)"
        case .invalidQuietZone(let quietZone):
            "quiet zone \(quietZone) is outside 0...\(QRMatrix.quietZoneMax)"
        case .invalidCompressionLevel(let level):
            "compression level \(level) is outside 0...9"
        case .encoderFailed(let errno):
            "libqrencode failed (errno \(errno))"
        case .outOfMemory:
            "out of memory while writing the PNG"
        case .pngWriterFailed(let code):
            "libpng failed (code \(code))"
        case .fileWriteFailed(let path, let errno):
            "cannot write \(path) (errno \(errno))"
        }
    }
}
