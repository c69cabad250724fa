/// The payload formats Corridor reads.
public enum MerchantQRFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// EMVCo merchant-presented QR (TLV with CRC).
    case emv
    /// An SBP payment link, `https://qr.nspk.ru/…`.
    case sbp
    /// A GOST R 56042-2014 bank-transfer payload, `ST0001…`.
    case gost

    /// The format `text` looks like, judged by its first characters only; nil when none fits.
    /// - Parameters:
    ///   - text: the payload text.
    public static func detect(_ text: String) -> MerchantQRFormat? {
        if text.hasPrefix("ST0001") { return .gost }
        // Only the prefix is compared (ASCII, case-insensitively): lowercasing the whole payload would cost more than
        // decoding it.
        let prefix = "https://qr.nspk.ru/".utf8
        if text.utf8.count >= prefix.count,
            zip(text.utf8.prefix(prefix.count), prefix).allSatisfy({ ($0 | ($0 &- 0x41 < 26 ? 0x20 : 0)) == $1 })
        {
            return .sbp
        }
        let head = text.utf8.prefix(2)
        if head.count == 2, head.allSatisfy({ $0 &- 0x30 < 10 }) { return .emv }
        return nil
    }
}
