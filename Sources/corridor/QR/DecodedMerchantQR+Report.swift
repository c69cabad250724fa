import CorridorMerchantQR

extension DecodedMerchantQR {
    /// The `qr decode --json` object: `format`, `valid`, `objects` (tag path or field name → value, payload order,
    /// the first of a repeated path kept), then `merchant`, `mcc`, `currency`, `amount` and, for EMV,
    /// `lengthCounting`, where present.
    var jsonReport: JSONText {
        var pairs: [(key: String, value: JSONText)] = [
            ("format", .string(format.rawValue)), ("valid", .bool(true)), ("objects", .object(uniqueObjects)),
        ]
        var merchant: [(key: String, value: JSONText)] = []
        if let merchantName { merchant.append(("name", .string(merchantName))) }
        if let merchantCity { merchant.append(("city", .string(merchantCity))) }
        if let country { merchant.append(("country", .string(country.alpha2))) }
        if !merchant.isEmpty { pairs.append(("merchant", .object(merchant))) }
        if let merchantCategoryCode { pairs.append(("mcc", .string(merchantCategoryCode.text))) }
        if let currency { pairs.append(("currency", .string(currency.alphaCode))) }
        if let amount { pairs.append(("amount", .string(amount.decimalText))) }
        if let lengthCounting { pairs.append(("lengthCounting", .string(lengthCounting.rawValue))) }
        return .object(pairs)
    }

    /// The human table: a summary, then every object.
    var tableLines: [String] {
        var summary: [[String]] = [["format", formatTitle]]
        if let merchantName { summary.append(["merchant", merchantName]) }
        if let alternateMerchantName { summary.append(["alternate name", alternateMerchantName]) }
        if let merchantCity { summary.append(["city", merchantCity]) }
        if let country { summary.append(["country", "\(country.alpha2) (\(country.name))"]) }
        if let merchantCategoryCode {
            summary.append(["mcc", merchantCategoryCode.text + (merchantCategoryCode.name.map { " (\($0))" } ?? "")])
        }
        if let currency { summary.append(["currency", currency.alphaCode]) }
        if let amount { summary.append(["amount", amount.decimalText]) }
        var objectRows: [[String]] = [[format == .emv ? "tag" : "field", "value"]]
        for object in objects { objectRows.append([object.path, object.value]) }
        return Console.table(summary) + [""] + Console.table(objectRows)
    }

    private var formatTitle: String {
        switch format {
        case .emv:
            let counting = lengthCounting == .utf8Bytes ? "lengths in UTF-8 bytes" : "lengths in characters"
            return "emv (EMVCo merchant-presented QR, \(counting))"
        case .sbp: return "sbp (SBP payment link)"
        case .gost:
            return "gost (GOST R 56042-2014, \(gost?.encoding.name ?? "UTF-8"))"
        }
    }

    private var uniqueObjects: [(key: String, value: JSONText)] {
        var seen: Set<String> = []
        var result: [(key: String, value: JSONText)] = []
        for object in objects where seen.insert(object.path).inserted {
            result.append((object.path, .string(object.value)))
        }
        return result
    }
}

extension MerchantQRError {
    /// The `qr decode --json` object for an invalid payload: `valid: false` and `error` with `code`, `message`,
    /// `tag` or `field`, and `offset` where known.
    func jsonReport(format: MerchantQRFormat?) -> JSONText {
        var error: [(key: String, value: JSONText)] = [("code", .string(code)), ("message", .string(description))]
        if let tag { error.append(("tag", .string(tag))) }
        if let field { error.append(("field", .string(field))) }
        if let offset { error.append(("offset", .integer(offset))) }
        var pairs: [(key: String, value: JSONText)] = [("valid", .bool(false))]
        if let format { pairs.append(("format", .string(format.rawValue))) }
        pairs.append(("error", .object(error)))
        return .object(pairs)
    }
}

extension QRCommandFailure {
    /// The `qr decode --json` object for input that could not be read: `valid: false` and `error`.
    var jsonReport: JSONText {
        .object([
            ("valid", .bool(false)),
            ("error", .object([("code", .string(code)), ("message", .string(message))])),
        ])
    }
}
