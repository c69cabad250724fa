import CorridorCore

/// Detects a payload's format (EMV, SBP or GOST) and decodes it.
public enum MerchantQRDecoder {
    /// How much an EMV payload is checked.
    public enum Validation: Sendable, Hashable {
        /// Structure, CRC and every rule of ``MerchantPresentedQR`` (mandatory tags, lengths, character sets).
        case strict
        /// Structure and CRC only; for payloads in the wild that omit tags (PromptPay person-to-person codes
        /// carry no 52, 59 or 60). The typed value is still filled in when the payload passes the strict rules.
        case structural
    }

    /// Decodes text as scanned; leading and trailing whitespace and newlines are ignored.
    /// - Parameters:
    ///   - text: the payload.
    ///   - validation: how strictly EMV payloads are checked.
    /// - Throws: ``MerchantQRError``; ``MerchantQRError/unknownFormat(offset:)`` when no format fits.
    public static func decode(_ text: String, validation: Validation = .strict) throws(MerchantQRError)
        -> DecodedMerchantQR
    {
        let trimmed = trimmed(text)
        guard !trimmed.isEmpty else { throw .empty }
        switch MerchantQRFormat.detect(trimmed) {
        case .emv?:
            let payload = try EMVPayload(decoding: trimmed)
            switch validation {
            case .strict:
                return DecodedMerchantQR(emvPayload: payload, typed: try MerchantPresentedQR(payload: payload))
            case .structural:
                return DecodedMerchantQR(emvPayload: payload, typed: try? MerchantPresentedQR(payload: payload))
            }
        case .sbp?:
            return DecodedMerchantQR(sbp: try SBPLink(decoding: trimmed))
        case .gost?:
            return DecodedMerchantQR(gost: try GOSTPaymentOrder(decoding: trimmed))
        case nil:
            throw .unknownFormat(offset: 0)
        }
    }

    /// Decodes bytes as a QR code carries them: GOST payloads in their declared encoding, anything else as UTF-8.
    /// - Parameters:
    ///   - bytes: the payload bytes.
    ///   - validation: how strictly EMV payloads are checked.
    /// - Throws: ``MerchantQRError``.
    public static func decode(bytes: [UInt8], validation: Validation = .strict) throws(MerchantQRError)
        -> DecodedMerchantQR
    {
        if bytes.starts(with: Array(GOSTPaymentOrder.formatIdentifier.utf8)) {
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
            return DecodedMerchantQR(gost: try GOSTPaymentOrder(decoding: bytes[..<end]))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidUTF8(offset: UTF8Validation.firstInvalidOffset(in: bytes) ?? 0)
        }
        return try decode(text, validation: validation)
    }

    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}
