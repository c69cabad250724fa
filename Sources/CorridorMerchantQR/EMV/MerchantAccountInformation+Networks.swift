extension MerchantAccountInformation {
    /// A plain merchant identifier in tags 02–25 (Visa 02, Mastercard 04, UnionPay 15, …).
    /// - Parameters:
    ///   - id: the tag, 02...25.
    ///   - merchantIdentifier: the network's merchant identifier, EMV common character set, 1...99 characters.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    public static func primitive(id: UInt8, merchantIdentifier: String) throws(MerchantQRError) -> Self {
        guard (2...25).contains(id) else {
            throw .cannotEncode(tag: EMVText.idText(id), reason: "plain merchant identifiers use IDs 02 to 25")
        }
        guard !merchantIdentifier.isEmpty, EMVText.isCommonCharacterSet(merchantIdentifier) else {
            throw .cannotEncode(tag: EMVText.idText(id), reason: "identifier must be 1 to 99 printable ASCII")
        }
        return try MerchantAccountInformation(EMVDataObject(id: id, value: merchantIdentifier))
    }

    /// UnionPay's merchant identifier in tag 15 (EMV QRCPS MPM 4.3; UnionPay International QR specification).
    /// - Parameters:
    ///   - merchantIdentifier: the identifier UnionPay assigned, e.g. acquirer IIN + forwarding IIN + merchant id.
    ///   - id: 15 (primary) or 16.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    public static func unionPay(merchantIdentifier: String, id: UInt8 = 15) throws(MerchantQRError) -> Self {
        guard id == 15 || id == 16 else {
            throw .cannotEncode(tag: EMVText.idText(id), reason: "UnionPay uses IDs 15 and 16")
        }
        return try primitive(id: id, merchantIdentifier: merchantIdentifier)
    }

    /// A template in tags 26–51: sub-ID 00 holds `globallyUniqueIdentifier`, then `fields` in order.
    /// - Parameters:
    ///   - id: the tag, 26...51.
    ///   - globallyUniqueIdentifier: an AID or reverse domain name, 1...32 characters.
    ///   - fields: the payment-system-specific sub-IDs 01–99 and values, in order.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    public static func template(
        id: UInt8, globallyUniqueIdentifier: String, fields: [(id: UInt8, value: String)]
    ) throws(MerchantQRError) -> Self {
        let tag = EMVText.idText(id)
        guard (26...51).contains(id) else {
            throw .cannotEncode(tag: tag, reason: "templates with a globally unique identifier use IDs 26 to 51")
        }
        let guidLength = EMVText.characterCount(globallyUniqueIdentifier)
        guard guidLength > 0, guidLength <= globallyUniqueIdentifierLengthMax,
            EMVText.isCommonCharacterSet(globallyUniqueIdentifier)
        else {
            throw .cannotEncode(tag: tag + ".00", reason: "identifier must be 1 to 32 printable ASCII characters")
        }
        var children = [try EMVDataObject(id: 0, value: globallyUniqueIdentifier)]
        for field in fields {
            guard field.id >= 1, EMVText.isCommonCharacterSet(field.value), !field.value.isEmpty else {
                throw .cannotEncode(
                    tag: tag + "." + EMVText.idText(field.id), reason: "sub-IDs are 01 to 99 with printable ASCII")
            }
            children.append(try EMVDataObject(id: field.id, value: field.value))
        }
        return try MerchantAccountInformation(EMVDataObject(id: id, children: children))
    }

    /// Brazil's PIX: GUI `br.gov.bcb.pix`, sub-ID 01 the key, 02 an optional description (BCB Manual de Padrões
    /// para Iniciação do Pix, 2.6).
    /// - Parameters:
    ///   - key: the PIX key (random key, e-mail, phone, CPF/CNPJ).
    ///   - description: free text shown to the payer.
    ///   - id: the tag, 26 by default.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    public static func pix(key: String, description: String? = nil, id: UInt8 = 26) throws(MerchantQRError) -> Self {
        var fields: [(id: UInt8, value: String)] = [(1, key)]
        if let description { fields.append((2, description)) }
        return try template(id: id, globallyUniqueIdentifier: "br.gov.bcb.pix", fields: fields)
    }

    /// Thailand's PromptPay credit transfer to a mobile number: AID `A000000677010111`, sub-ID 01 the number as
    /// `0066` + the national number without its leading 0 (Thai QR Code Payment Standard).
    /// - Parameters:
    ///   - mobileNumber: a Thai mobile number, digits only, e.g. `0801234567`.
    ///   - id: the tag, 29 by default.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    public static func promptPay(mobileNumber: String, id: UInt8 = 29) throws(MerchantQRError) -> Self {
        guard EMVText.isNumeric(mobileNumber), mobileNumber.utf8.count == 10, mobileNumber.hasPrefix("0") else {
            throw .cannotEncode(tag: EMVText.idText(id) + ".01", reason: "a Thai mobile number is 10 digits from 0")
        }
        let proxy = "0066" + mobileNumber.dropFirst()
        return try template(id: id, globallyUniqueIdentifier: promptPayIdentifier, fields: [(1, proxy)])
    }

    /// The PromptPay credit-transfer AID.
    public static let promptPayIdentifier = "A000000677010111"

    /// Indonesia's QRIS national template: GUI `ID.CO.QRIS.WWW`, sub-ID 02 the national merchant id (NMID),
    /// 03 the merchant criteria (UMI, UKE, UME, UBE, URE).
    /// - Parameters:
    ///   - nationalMerchantIdentifier: the NMID, e.g. `ID1020021181745`.
    ///   - criteria: the merchant size criteria.
    ///   - id: the tag, 51 by default.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    public static func qris(
        nationalMerchantIdentifier: String, criteria: String = "UMI", id: UInt8 = 51
    ) throws(MerchantQRError) -> Self {
        try template(
            id: id, globallyUniqueIdentifier: "ID.CO.QRIS.WWW",
            fields: [(2, nationalMerchantIdentifier), (3, criteria)])
    }

    /// An Alipay-style wallet template: GUI `com.alipay`, sub-ID 01 the merchant's payment URL.
    /// - Parameters:
    ///   - paymentURL: the URL the wallet opens, e.g. `https://qr.alipay.com/…`.
    ///   - id: the tag, 27 by default.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)``.
    public static func alipay(paymentURL: String, id: UInt8 = 27) throws(MerchantQRError) -> Self {
        try template(id: id, globallyUniqueIdentifier: "com.alipay", fields: [(1, paymentURL)])
    }
}
