import CorridorCore

extension GOSTPaymentOrder {
    /// The mandatory keys, in the order the standard requires.
    static let mandatoryKeys = ["Name", "PersonalAcc", "BankName", "BIC", "CorrespAcc"]

    /// Decodes the bytes a QR code carries; the encoding digit says how to read the rest.
    /// - Parameters:
    ///   - bytes: the payload bytes.
    /// - Throws: ``MerchantQRError`` naming the field and its character offset.
    public init(decoding bytes: some Collection<UInt8>) throws(MerchantQRError) {
        let bytes = Array(bytes)
        guard !bytes.isEmpty else { throw .empty }
        // Far over the limit: refuse before converting, so a huge input costs nothing.
        guard bytes.count <= GOSTPaymentOrder.byteCountMax * 8 else {
            throw .gostTooLong(field: "payload", offset: GOSTPaymentOrder.byteCountMax, byteCount: bytes.count)
        }
        let header = Array(GOSTPaymentOrder.formatIdentifier.utf8)
        guard bytes.count >= header.count + 2, bytes.starts(with: header) else {
            throw .gostBadHeader(field: "ST0001", offset: 0)
        }
        guard let encoding = GOSTCharacterEncoding(rawValue: bytes[header.count] &- 0x30) else {
            throw .gostUnknownEncoding(field: "encoding", offset: header.count)
        }
        guard let text = encoding.decode(bytes) else {
            throw .gostInvalidBytes(field: encoding.name, offset: GOSTPaymentOrder.firstInvalidOffset(bytes, encoding))
        }
        if bytes.count > GOSTPaymentOrder.byteCountMax {
            let offset = encoding == .utf8
                ? EMVText.characterCount(text: bytes[..<GOSTPaymentOrder.byteCountMax]) : GOSTPaymentOrder.byteCountMax
            throw .gostTooLong(field: encoding.name, offset: offset, byteCount: bytes.count)
        }
        try self.init(parsing: text, encoding: encoding)
    }

    /// Decodes payload text (a scanner already turned the bytes into characters); the 300-byte rule is checked
    /// against the text re-encoded in the declared encoding.
    /// - Parameters:
    ///   - text: the payload text starting `ST0001`.
    /// - Throws: ``MerchantQRError`` naming the field and its character offset.
    public init(decoding text: String) throws(MerchantQRError) {
        let scalars = Array(text.unicodeScalars.prefix(8))
        guard !scalars.isEmpty else { throw .empty }
        guard text.hasPrefix(GOSTPaymentOrder.formatIdentifier), scalars.count >= 8 else {
            throw .gostBadHeader(field: "ST0001", offset: 0)
        }
        guard let digit = scalars[6].properties.numericType != nil ? UInt8(exactly: scalars[6].value) : nil,
            let encoding = GOSTCharacterEncoding(rawValue: digit &- 0x30)
        else { throw .gostUnknownEncoding(field: "encoding", offset: 6) }
        guard let bytes = encoding.encode(text) else {
            throw .gostInvalidBytes(field: encoding.name, offset: GOSTPaymentOrder.firstUnencodable(text, encoding))
        }
        if bytes.count > GOSTPaymentOrder.byteCountMax {
            throw .gostTooLong(field: encoding.name, offset: GOSTPaymentOrder.byteCountMax, byteCount: bytes.count)
        }
        try self.init(parsing: text, encoding: encoding)
    }

    /// Splits the pairs after the header and checks them.
    private init(parsing text: String, encoding: GOSTCharacterEncoding) throws(MerchantQRError) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 8 else { throw .gostBadHeader(field: "separator", offset: scalars.count) }
        let separator = scalars[7]
        guard separator.value >= 0x20, separator.value < 0x7F, separator != "=",
            !separator.properties.isAlphabetic, !("0"..."9").contains(separator)
        else { throw .gostBadHeader(field: "separator", offset: 7) }

        var pairs: [(field: GOSTField, offset: Int)] = []
        var start = 8
        while start <= scalars.count {
            var end = start
            while end < scalars.count, scalars[end] != separator { end += 1 }
            if end > start {
                guard let equals = scalars[start..<end].firstIndex(of: "="), equals > start else {
                    var key = String.UnicodeScalarView()
                    key.append(contentsOf: scalars[start..<end].prefix(20))
                    throw .gostMalformedPair(field: String(key), offset: start)
                }
                var key = String.UnicodeScalarView()
                key.append(contentsOf: scalars[start..<equals])
                var value = String.UnicodeScalarView()
                value.append(contentsOf: scalars[(equals + 1)..<end])
                pairs.append((GOSTField(key: String(key), value: String(value)), start))
            }
            start = end + 1
        }
        for (index, key) in GOSTPaymentOrder.mandatoryKeys.enumerated() {
            guard index < pairs.count, pairs[index].field.key == key else {
                throw .gostMissingField(field: key, offset: index < pairs.count ? pairs[index].offset : scalars.count)
            }
            try GOSTPaymentOrder.check(pairs[index].field, position: pairs[index].offset)
        }
        self.init(
            name: pairs[0].field.value, personalAccount: pairs[1].field.value, bankName: pairs[2].field.value,
            bic: pairs[3].field.value, correspondentAccount: pairs[4].field.value, encoding: encoding,
            separator: separator)
        var seen: Set<String> = Set(GOSTPaymentOrder.mandatoryKeys)
        for (field, offset) in pairs.dropFirst(GOSTPaymentOrder.mandatoryKeys.count) {
            let named = ["Sum", "Purpose", "PayeeINN", "KPP", "CBC", "OKTMO", "DocDate", "TechCode"]
            if named.contains(field.key) || GOSTPaymentOrder.mandatoryKeys.contains(field.key) {
                guard seen.insert(field.key).inserted else {
                    throw .gostInvalidField(field: field.key, offset: offset, reason: "appears twice")
                }
            }
            try GOSTPaymentOrder.check(field, position: offset)
            switch field.key {
            case "Sum":
                guard let kopecks = Int64(field.value) else {
                    throw .gostInvalidField(field: "Sum", offset: offset, reason: "Sum is kopecks, digits only")
                }
                sum = Money(minorUnits: kopecks, currency: .rub)
            case "Purpose": purpose = field.value
            case "PayeeINN": payeeINN = field.value
            case "KPP": kpp = field.value
            case "CBC": cbc = field.value
            case "OKTMO": oktmo = field.value
            case "DocDate": docDate = field.value
            case "TechCode": techCode = field.value
            default: otherFields.append(field)
            }
        }
    }

    private static func firstInvalidOffset(_ bytes: [UInt8], _ encoding: GOSTCharacterEncoding) -> Int {
        switch encoding {
        case .windows1251:
            (try? CyrillicCodePage.windows1251.decode(bytes).get()).map { $0.unicodeScalars.count }
                ?? { if case .failure(let error) = CyrillicCodePage.windows1251.decode(bytes) { error.index }
                    else { 0 } }()
        case .koi8R, .utf8:
            // KOI8-R defines every byte; for UTF-8 report the longest valid prefix in characters.
            (0...bytes.count).last { String(validating: bytes[..<$0], as: UTF8.self) != nil }
                .map { EMVText.characterCount(text: bytes[..<$0]) } ?? 0
        }
    }

    private static func firstUnencodable(_ text: String, _ encoding: GOSTCharacterEncoding) -> Int {
        let page = encoding == .koi8R ? CyrillicCodePage.koi8R : CyrillicCodePage.windows1251
        if case .failure(let error) = page.encode(text) { return error.index }
        return 0
    }
}

extension EMVText {
    /// The number of characters (Unicode scalars) in UTF-8 bytes.
    static func characterCount(text bytes: ArraySlice<UInt8>) -> Int {
        bytes.count - bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 1 : 0) }
    }
}
