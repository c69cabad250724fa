/// How the payload's characters are packed into the QR code's data segments.
///
/// ISO/IEC 18004:2015 §7.3. Both modes carry the payload's UTF-8 bytes unchanged; they differ only in how
/// compactly runs of digits and upper-case letters are stored.
public enum QREncodingMode: Sendable, Hashable, CaseIterable {
    /// libqrencode splits the text into numeric, alphanumeric and 8-bit segments, whichever is shortest
    /// (its `QR_MODE_8` hint, case-sensitive). EMV payloads are mostly digits, so this gives smaller symbols.
    case automatic
    /// The whole payload as one 8-bit (byte) segment, as some older scanners expect.
    case byte
}
