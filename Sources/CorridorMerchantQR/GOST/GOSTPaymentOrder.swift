import CorridorCore

/// A Russian bank-transfer QR payload, GOST R 56042-2014 "Standards of financial operations. Two-dimensional
/// barcode symbols for payments by individuals".
///
/// Layout: `ST0001`, an encoding digit (1 windows-1251, 2 UTF-8, 3 KOI8-R), a separator (usually `|`), then
/// `Key=Value` pairs joined by the separator. Mandatory, in this order: Name (≤160), PersonalAcc (20 digits),
/// BankName (≤45), BIC (9 digits), CorrespAcc (20 digits). Optional: Sum (kopecks), Purpose (≤210), PayeeINN
/// (≤12 digits), KPP (9), CBC (20), OKTMO (≤11), DocDate, TechCode (≤2); any other key is kept in order.
///
/// Guarantees for a decoded or encodable value: the rules above hold; no value contains the separator; the
/// whole payload is at most ``byteCountMax`` bytes in its own encoding.
public struct GOSTPaymentOrder: Sendable, Hashable {
    /// The format identifier every payload starts with.
    public static let formatIdentifier = "ST0001"
    /// The largest payload in bytes, in its own encoding (GOST R 56042-2014 clause 5.4).
    public static let byteCountMax = 300

    /// The character encoding of the payload bytes.
    public var encoding: GOSTCharacterEncoding
    /// The separator between pairs; `|` unless the payload needs it inside a value.
    public var separator: Unicode.Scalar
    /// Name: the payee's name, ≤160 characters.
    public var name: String
    /// PersonalAcc: the payee's account, 20 digits.
    public var personalAccount: String
    /// BankName: the payee's bank, ≤45 characters.
    public var bankName: String
    /// BIC: the bank's Russian BIK, 9 digits.
    public var bic: String
    /// CorrespAcc: the bank's correspondent account, 20 digits.
    public var correspondentAccount: String
    /// Sum: the amount in RUB (carried in kopecks).
    public var sum: Money?
    /// Purpose: the payment purpose, ≤210 characters.
    public var purpose: String?
    /// PayeeINN: the payee's taxpayer number, ≤12 digits.
    public var payeeINN: String?
    /// KPP: the payee's tax registration reason code, 9 characters.
    public var kpp: String?
    /// CBC: the budget classification code, 20 characters.
    public var cbc: String?
    /// OKTMO: the municipal territory code, ≤11 characters.
    public var oktmo: String?
    /// DocDate: the document date.
    public var docDate: String?
    /// TechCode: the technical payment code, ≤2 characters.
    public var techCode: String?
    /// Any other pairs, in payload order.
    public var otherFields: [GOSTField]

    /// Creates a payment order with the mandatory fields; set the optional ones afterwards.
    /// - Parameters:
    ///   - name: Name.
    ///   - personalAccount: PersonalAcc, 20 digits.
    ///   - bankName: BankName.
    ///   - bic: BIC, 9 digits.
    ///   - correspondentAccount: CorrespAcc, 20 digits.
    ///   - encoding: the encoding, UTF-8 by default.
    ///   - separator: `|` by default.
    public init(
        name: String, personalAccount: String, bankName: String, bic: String, correspondentAccount: String,
        encoding: GOSTCharacterEncoding = .utf8, separator: Unicode.Scalar = "|"
    ) {
        self.encoding = encoding
        self.separator = separator
        self.name = name
        self.personalAccount = personalAccount
        self.bankName = bankName
        self.bic = bic
        self.correspondentAccount = correspondentAccount
        self.sum = nil
        self.purpose = nil
        self.payeeINN = nil
        self.kpp = nil
        self.cbc = nil
        self.oktmo = nil
        self.docDate = nil
        self.techCode = nil
        self.otherFields = []
    }

    /// Every pair in writing order: the mandatory five, the named optional ones present, then ``otherFields``.
    public var fields: [GOSTField] {
        var result = [
            GOSTField(key: "Name", value: name),
            GOSTField(key: "PersonalAcc", value: personalAccount),
            GOSTField(key: "BankName", value: bankName),
            GOSTField(key: "BIC", value: bic),
            GOSTField(key: "CorrespAcc", value: correspondentAccount),
        ]
        if let sum { result.append(GOSTField(key: "Sum", value: String(sum.minorUnits))) }
        let optional: [(String, String?)] = [
            ("Purpose", purpose), ("PayeeINN", payeeINN), ("KPP", kpp), ("CBC", cbc), ("OKTMO", oktmo),
            ("DocDate", docDate), ("TechCode", techCode),
        ]
        for (key, value) in optional {
            if let value { result.append(GOSTField(key: key, value: value)) }
        }
        return result + otherFields
    }

    /// The payload as text (what a UTF-8 scanner shows), starting `ST0001`.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` or
    ///   ``MerchantQRError/gostTooLong(field:offset:byteCount:)``.
    public func encodedText() throws(MerchantQRError) -> String {
        let text = try unsizedText()
        _ = try encodedBytes(text: text)
        return text
    }

    /// The payload bytes in ``encoding``, what the QR code carries.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` or
    ///   ``MerchantQRError/gostTooLong(field:offset:byteCount:)``.
    public func encoded() throws(MerchantQRError) -> [UInt8] {
        try encodedBytes(text: unsizedText())
    }

    private func unsizedText() throws(MerchantQRError) -> String {
        guard separator.value >= 0x20, separator.value < 0x7F, separator != "=",
            !(separator.properties.isAlphabetic || ("0"..."9").contains(separator))
        else { throw .cannotEncode(tag: "separator", reason: "the separator must be ASCII punctuation, not '='") }
        var text = GOSTPaymentOrder.formatIdentifier + String(encoding.rawValue) + String(separator)
        var first = true
        for field in fields {
            try GOSTPaymentOrder.check(field, position: nil)
            guard !field.value.unicodeScalars.contains(separator), !field.key.unicodeScalars.contains(separator)
            else { throw .cannotEncode(tag: field.key, reason: "the value contains the separator") }
            if !first { text.unicodeScalars.append(separator) }
            first = false
            text += field.key + "=" + field.value
        }
        return text
    }

    private func encodedBytes(text: String) throws(MerchantQRError) -> [UInt8] {
        guard let bytes = encoding.encode(text) else {
            throw .cannotEncode(tag: encoding.name, reason: "a character has no byte in \(encoding.name)")
        }
        guard bytes.count <= GOSTPaymentOrder.byteCountMax else {
            throw .gostTooLong(field: encoding.name, offset: GOSTPaymentOrder.byteCountMax, byteCount: bytes.count)
        }
        return bytes
    }

    /// The fixed rules of the known keys. `position` is the pair's character offset when decoding, nil when
    /// encoding (the error is then ``MerchantQRError/cannotEncode(tag:reason:)``).
    static func check(_ field: GOSTField, position: Int?) throws(MerchantQRError) {
        func fail(_ reason: String) -> MerchantQRError {
            guard let position else { return .cannotEncode(tag: field.key, reason: reason) }
            return .gostInvalidField(field: field.key, offset: position, reason: reason)
        }
        let value = field.value
        let length = value.unicodeScalars.count
        let digitsOnly = !value.isEmpty && value.utf8.allSatisfy { $0 &- 0x30 < 10 }
        guard !field.key.isEmpty, !field.key.contains("=") else { throw fail("the key is empty or holds '='") }
        switch field.key {
        case "Name":
            guard length >= 1, length <= 160 else { throw fail("Name is 1 to 160 characters") }
        case "PersonalAcc", "CorrespAcc":
            guard digitsOnly, length == 20 else {
                guard let position else { throw fail("an account is 20 digits") }
                throw .gostBadAccount(field: field.key, offset: position)
            }
        case "BankName":
            guard length >= 1, length <= 45 else { throw fail("BankName is 1 to 45 characters") }
        case "BIC":
            guard digitsOnly, length == 9 else { throw fail("BIC is 9 digits") }
        case "Sum":
            guard digitsOnly, length <= 18 else { throw fail("Sum is kopecks, digits only") }
        case "Purpose":
            guard length <= 210 else { throw fail("Purpose is at most 210 characters") }
        case "PayeeINN":
            guard digitsOnly, length <= 12 else { throw fail("PayeeINN is at most 12 digits") }
        case "KPP":
            guard length == 9 else { throw fail("KPP is 9 characters") }
        case "CBC":
            guard length == 20 else { throw fail("CBC is 20 characters") }
        case "OKTMO":
            guard length <= 11 else { throw fail("OKTMO is at most 11 characters") }
        case "TechCode":
            guard length <= 2 else { throw fail("TechCode is at most 2 characters") }
        default:
            break
        }
    }
}
