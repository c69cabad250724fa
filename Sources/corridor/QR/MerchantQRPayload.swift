import CorridorMerchantQR
import CorridorQRImage

/// A payload built by `qr make` or one row of `qr batch`: the text to print and the bytes the QR code carries.
///
/// Guarantees: for EMV and SBP, and GOST in encoding 2, `bytes` are the UTF-8 bytes of `text`; for GOST in
/// encodings 1 and 3 they are the text in windows-1251 or KOI8-R, which is what scanners of bank apps expect.
struct MerchantQRPayload: Sendable, Hashable {
    /// Which format the payload is in.
    let format: MerchantQRFormat
    /// The payload as text.
    let text: String
    /// The bytes the QR code carries.
    let bytes: [UInt8]

    /// The QR code for the payload.
    /// - Parameters:
    ///   - errorCorrection: the error-correction level.
    /// - Throws: ``QRImageError`` when the payload does not fit.
    func matrix(errorCorrection: QRErrorCorrection) throws(QRImageError) -> QRMatrix {
        // UTF-8 text goes through libqrencode's segmenting entry point (smaller symbols for digit runs);
        // GOST bytes in a Cyrillic code page are not UTF-8, so they go in as one 8-bit segment.
        if bytes.elementsEqual(text.utf8) {
            return try QRMatrix(encoding: text, errorCorrection: errorCorrection)
        }
        return try QRMatrix(encoding: bytes, errorCorrection: errorCorrection)
    }
}

/// Why a `qr make` option or a `qr batch` column cannot make a payload: the option or column key (`amount`,
/// `personal-acc`) and a reason.
struct MerchantQRFieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The option name without its dashes, which is also the `qr batch` column name.
    let key: String
    /// What is wrong, one clause.
    let reason: String

    var description: String { "\(key): \(reason)" }

    /// The message as `qr make` shows it: `--amount: …`.
    var optionMessage: String { "--\(key): \(reason)" }

    /// Maps a library building error to the option that caused it.
    /// - Parameters:
    ///   - error: the error from an encoder.
    ///   - keys: tag paths or field names → option keys; unmapped tags are named as they are.
    static func from(_ error: MerchantQRError, keys: [String: String]) -> MerchantQRFieldError {
        switch error {
        case .cannotEncode(let tag, let reason):
            MerchantQRFieldError(key: keys[tag] ?? tag, reason: reason)
        case .gostTooLong(_, _, let byteCount):
            MerchantQRFieldError(
                key: "name", reason: "the payload is \(byteCount) bytes; GOST R 56042 allows at most 300")
        default:
            MerchantQRFieldError(key: error.tag ?? error.field ?? "payload", reason: error.description)
        }
    }
}

/// The values of one `qr batch` row, or the options of one `qr make` call, by key; empty values count as absent.
struct MerchantQRFieldValues: Sendable {
    private var values: [String: String]

    /// Wraps key → value pairs; values are trimmed of surrounding spaces and empty ones dropped.
    init(_ values: [String: String]) {
        var kept: [String: String] = [:]
        for (key, value) in values {
            let trimmed = value.trimmingSpaces
            if !trimmed.isEmpty { kept[key] = trimmed }
        }
        self.values = kept
    }

    /// The value of a key, or nil.
    subscript(key: String) -> String? { values[key] }

    /// The keys that have values.
    var keys: Set<String> { Set(values.keys) }

    /// A yes/no column: `true`, `yes`, `1` or `false`, `no`, `0` (any case); absent is no.
    /// - Throws: ``MerchantQRFieldError`` for anything else.
    func flag(_ key: String) throws(MerchantQRFieldError) -> Bool {
        guard let value = values[key] else { return false }
        switch value.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw MerchantQRFieldError(key: key, reason: "\"\(value)\" is not true/false, yes/no or 1/0")
        }
    }

    /// Checks that only keys of the given set (plus `id` and `format`) have values.
    /// - Throws: ``MerchantQRFieldError`` naming the first key that does not apply.
    func requireOnly(_ allowed: Set<String>, format: MerchantQRFormat) throws(MerchantQRFieldError) {
        let extra = keys.subtracting(allowed).subtracting(["id", "format"])
        if let key = extra.sorted().first {
            throw MerchantQRFieldError(key: key, reason: "does not apply to format \(format.rawValue)")
        }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
