import CorridorCore
import CorridorMerchantQR

/// Builds a GOST R 56042-2014 payload from `qr make gost` options or `qr batch` columns.
///
/// Keys: `name`, `personal-acc` (20 digits), `bank-name`, `bic` (9 digits), `corresp-acc` (20 digits), `sum`
/// (decimal rubles; the payload carries kopecks), `purpose`, `inn` (PayeeINN), `kpp`, `encoding` (1 windows-1251,
/// 2 UTF-8 — the default, 3 KOI8-R), `separator` (one ASCII punctuation character, `|` by default).
struct GOSTFields: Sendable {
    /// Every key a GOST row may fill.
    static let keys: Set<String> = [
        "name", "personal-acc", "bank-name", "bic", "corresp-acc", "sum", "purpose", "inn", "kpp", "encoding",
        "separator",
    ]

    /// Field names of the encoder's errors → the keys that set them.
    static let keyByField: [String: String] = [
        "Name": "name", "PersonalAcc": "personal-acc", "BankName": "bank-name", "BIC": "bic",
        "CorrespAcc": "corresp-acc", "Sum": "sum", "Purpose": "purpose", "PayeeINN": "inn", "KPP": "kpp",
        "separator": "separator", "windows-1251": "encoding", "UTF-8": "encoding", "KOI8-R": "encoding",
    ]

    let values: MerchantQRFieldValues

    /// The payload.
    /// - Throws: ``MerchantQRFieldError`` naming the key whose value cannot be used.
    func payload() throws(MerchantQRFieldError) -> MerchantQRPayload {
        try values.requireOnly(Self.keys, format: .gost)
        func required(_ key: String) throws(MerchantQRFieldError) -> String {
            guard let value = values[key] else { throw MerchantQRFieldError(key: key, reason: "is required") }
            return value
        }
        let encodingText = values["encoding"] ?? "2"
        guard let digit = UInt8(encodingText), let encoding = GOSTCharacterEncoding(rawValue: digit) else {
            throw MerchantQRFieldError(
                key: "encoding", reason: "\"\(encodingText)\" is not 1 (windows-1251), 2 (UTF-8) or 3 (KOI8-R)")
        }
        let separatorText = values["separator"] ?? "|"
        let separators = Array(separatorText.unicodeScalars)
        guard separators.count == 1 else {
            throw MerchantQRFieldError(key: "separator", reason: "\"\(separatorText)\" is not one character")
        }
        var order = GOSTPaymentOrder(
            name: try required("name"), personalAccount: try required("personal-acc"),
            bankName: try required("bank-name"), bic: try required("bic"),
            correspondentAccount: try required("corresp-acc"), encoding: encoding, separator: separators[0])
        if let sum = values["sum"] { order.sum = try EMVFields.money(sum, currency: .rub, key: "sum") }
        order.purpose = values["purpose"]
        order.payeeINN = values["inn"]
        order.kpp = values["kpp"]
        do {
            return MerchantQRPayload(format: .gost, text: try order.encodedText(), bytes: try order.encoded())
        } catch {
            if case .gostTooLong(let encodingName, _, let byteCount) = error {
                throw MerchantQRFieldError(
                    key: "purpose",
                    reason: "the payload is \(byteCount) bytes in \(encodingName), over the 300 GOST R 56042 allows; "
                        + "shorten --purpose, --name or --bank-name")
            }
            throw MerchantQRFieldError.from(error, keys: Self.keyByField)
        }
    }
}
