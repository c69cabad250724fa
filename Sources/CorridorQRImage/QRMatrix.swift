#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CQREncode

/// The modules of one QR code symbol: a square of dark and light cells, without the quiet zone.
///
/// Made by libqrencode (ISO/IEC 18004:2015); render it with ``pngData(scale:quietZone:colors:compressionLevel:)``,
/// ``svg(moduleSize:quietZone:colors:)`` or ``terminalText(quietZone:background:)``.
///
/// Guarantees:
/// - `size` is 17 + 4 × `version`, 21 ... 177.
/// - The value is immutable and holds no C memory: libqrencode's result is copied and freed at once.
public struct QRMatrix: Sendable, Hashable {
    /// The largest version ISO/IEC 18004 defines.
    public static let versionMax = 40
    /// The largest scale the renderers accept: 64 pixels (or SVG units) per module.
    public static let scaleMax = 64
    /// The largest quiet zone the renderers accept, in modules.
    public static let quietZoneMax = 64

    /// Modules per side, 21 ... 177.
    public let size: Int
    /// Row `r` is `rowByteCount` bytes from `r * rowByteCount`, most significant bit first; 1 is dark.
    let packedRows: [UInt8]

    /// The symbol version, 1 ... 40 (ISO/IEC 18004:2015 §5.3.1).
    public var version: Int { (size - 17) / 4 }

    /// Bytes per row in `packedRows`.
    var rowByteCount: Int { (size + 7) / 8 }

    /// Encodes text (its UTF-8 bytes) into a QR code.
    ///
    /// - Parameters:
    ///   - text: The payload, for example an EMV merchant-presented QR string. Must not be empty.
    ///   - errorCorrection: The error-correction level; M by default.
    ///   - minimumVersion: The smallest version to use, 1 ... 40; libqrencode grows it as the payload needs.
    ///   - mode: How characters are packed; ``QREncodingMode/automatic`` by default. Text holding a NUL
    ///     character is always encoded in byte mode, since libqrencode's string entry point stops at NUL.
    /// - Throws: ``QRImageError/emptyPayload``, ``QRImageError/invalidVersion(_:)``,
    ///   ``QRImageError/payloadTooLarge(byteCount:errorCorrection:)`` or ``QRImageError/encoderFailed(errno:)``.
    public init(
        encoding text: String,
        errorCorrection: QRErrorCorrection = .medium,
        minimumVersion: Int = 1,
        mode: QREncodingMode = .automatic
    ) throws(QRImageError) {
        let bytes = Array(text.utf8)
        if mode == .byte || bytes.contains(0) {
            try self.init(encoding: bytes, errorCorrection: errorCorrection, minimumVersion: minimumVersion)
            return
        }
        try Self.validate(byteCount: bytes.count, minimumVersion: minimumVersion)
        errno = 0
        let code = text.withCString { string in
            QRcode_encodeString(string, Int32(minimumVersion), errorCorrection.cValue, QR_MODE_8, 1)
        }
        self = try Self.take(code, byteCount: bytes.count, errorCorrection: errorCorrection)
    }

    /// Encodes raw bytes into a QR code as one 8-bit segment.
    ///
    /// - Parameters:
    ///   - bytes: The payload. Must not be empty; may hold any byte, NUL included.
    ///   - errorCorrection: The error-correction level; M by default.
    ///   - minimumVersion: The smallest version to use, 1 ... 40.
    /// - Throws: ``QRImageError/emptyPayload``, ``QRImageError/invalidVersion(_:)``,
    ///   ``QRImageError/payloadTooLarge(byteCount:errorCorrection:)`` or ``QRImageError/encoderFailed(errno:)``.
    public init(
        encoding bytes: [UInt8],
        errorCorrection: QRErrorCorrection = .medium,
        minimumVersion: Int = 1
    ) throws(QRImageError) {
        try Self.validate(byteCount: bytes.count, minimumVersion: minimumVersion)
        errno = 0
        let code = bytes.withUnsafeBufferPointer { buffer in
            QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, Int32(minimumVersion), errorCorrection.cValue)
        }
        self = try Self.take(code, byteCount: bytes.count, errorCorrection: errorCorrection)
    }

    /// Whether the module at `row`, `column` is dark. Coordinates outside the symbol (the quiet zone) are light.
    ///
    /// - Parameters:
    ///   - row: 0 is the top row; any integer.
    ///   - column: 0 is the left column; any integer.
    public subscript(row: Int, column: Int) -> Bool {
        guard row >= 0, row < size, column >= 0, column < size else { return false }
        let byte = packedRows[row * rowByteCount + column >> 3]
        return byte & (0x80 >> UInt8(column & 7)) != 0
    }

    private init(size: Int, packedRows: [UInt8]) {
        self.size = size
        self.packedRows = packedRows
    }

    private static func validate(byteCount: Int, minimumVersion: Int) throws(QRImageError) {
        guard byteCount > 0 else { throw .emptyPayload }
        guard (1...versionMax).contains(minimumVersion) else { throw .invalidVersion(minimumVersion) }
    }

    /// Copies libqrencode's result into a matrix and frees it; maps a NULL result through `errno`.
    private static func take(
        _ code: UnsafeMutablePointer<QRcode>?,
        byteCount: Int,
        errorCorrection: QRErrorCorrection
    ) throws(QRImageError) -> QRMatrix {
        guard let code else {
            let error = errno
            switch error {
            case ERANGE: throw .payloadTooLarge(byteCount: byteCount, errorCorrection: errorCorrection)
            case ENOMEM: throw .outOfMemory
            default: throw .encoderFailed(errno: error)
            }
        }
        defer { QRcode_free(code) }
        let size = Int(code.pointee.width)
        precondition((21...177).contains(size) && (size - 17) % 4 == 0, "libqrencode returned width \(size)")
        let rowByteCount = (size + 7) / 8
        // libqrencode gives one byte per module; bit 0 is dark, the other bits say which function pattern it is.
        let modules = UnsafeBufferPointer(start: code.pointee.data, count: size * size)
        let packedRows = [UInt8](unsafeUninitializedCapacity: rowByteCount * size) { packed, count in
            for row in 0..<size {
                let base = row * rowByteCount
                for byteIndex in 0..<rowByteCount {
                    var byte: UInt8 = 0
                    let first = byteIndex * 8
                    for column in first..<min(first + 8, size) {
                        byte |= (modules[row * size + column] & 1) << UInt8(7 - (column - first))
                    }
                    packed[base + byteIndex] = byte
                }
            }
            count = rowByteCount * size
        }
        return QRMatrix(size: size, packedRows: packedRows)
    }
}
