/// EMV tag 62, the additional data field template (EMV QRCPS MPM 4.8).
///
/// Sub-IDs 01–09 are named below; 10–49 are reserved for EMVCo and 50–99 are payment-system-specific templates;
/// both are kept in ``otherObjects`` in payload order.
///
/// Guarantees on values decoded or built here: each named value is 1...25 characters of the EMV common character
/// set (printable ASCII).
public struct AdditionalDataField: Sendable, Hashable {
    /// The longest named value, in characters.
    public static let valueLengthMax = 25

    /// 01: the invoice or bill number.
    public var billNumber: String?
    /// 02: the mobile number to top up or the payer's number.
    public var mobileNumber: String?
    /// 03: the store label.
    public var storeLabel: String?
    /// 04: the loyalty number.
    public var loyaltyNumber: String?
    /// 05: the reference label (PIX carries its txid here, `***` when none).
    public var referenceLabel: String?
    /// 06: the customer label.
    public var customerLabel: String?
    /// 07: the terminal label.
    public var terminalLabel: String?
    /// 08: the purpose of the transaction.
    public var purposeOfTransaction: String?
    /// 09: which consumer data the app should request (`A`, `M`, `E` letters).
    public var additionalConsumerDataRequest: String?
    /// Sub-IDs 10–99, in order (50–99 are templates).
    public var otherObjects: [EMVDataObject]

    /// Creates the template's content; nil values are left out of the payload.
    /// - Parameters:
    ///   - billNumber: 01.
    ///   - mobileNumber: 02.
    ///   - storeLabel: 03.
    ///   - loyaltyNumber: 04.
    ///   - referenceLabel: 05.
    ///   - customerLabel: 06.
    ///   - terminalLabel: 07.
    ///   - purposeOfTransaction: 08.
    ///   - additionalConsumerDataRequest: 09.
    ///   - otherObjects: 10–99.
    public init(
        billNumber: String? = nil, mobileNumber: String? = nil, storeLabel: String? = nil,
        loyaltyNumber: String? = nil, referenceLabel: String? = nil, customerLabel: String? = nil,
        terminalLabel: String? = nil, purposeOfTransaction: String? = nil,
        additionalConsumerDataRequest: String? = nil, otherObjects: [EMVDataObject] = []
    ) {
        self.billNumber = billNumber
        self.mobileNumber = mobileNumber
        self.storeLabel = storeLabel
        self.loyaltyNumber = loyaltyNumber
        self.referenceLabel = referenceLabel
        self.customerLabel = customerLabel
        self.terminalLabel = terminalLabel
        self.purposeOfTransaction = purposeOfTransaction
        self.additionalConsumerDataRequest = additionalConsumerDataRequest
        self.otherObjects = otherObjects
    }

    /// The value of named sub-ID `id` (1...9).
    public subscript(id: UInt8) -> String? {
        get {
            switch id {
            case 1: billNumber
            case 2: mobileNumber
            case 3: storeLabel
            case 4: loyaltyNumber
            case 5: referenceLabel
            case 6: customerLabel
            case 7: terminalLabel
            case 8: purposeOfTransaction
            case 9: additionalConsumerDataRequest
            default: nil
            }
        }
        set {
            switch id {
            case 1: billNumber = newValue
            case 2: mobileNumber = newValue
            case 3: storeLabel = newValue
            case 4: loyaltyNumber = newValue
            case 5: referenceLabel = newValue
            case 6: customerLabel = newValue
            case 7: terminalLabel = newValue
            case 8: purposeOfTransaction = newValue
            case 9: additionalConsumerDataRequest = newValue
            default: preconditionFailure("named sub-IDs are 01 to 09")
            }
        }
    }

    /// True when nothing would be written.
    public var isEmpty: Bool {
        billNumber == nil && mobileNumber == nil && storeLabel == nil && loyaltyNumber == nil
            && referenceLabel == nil && customerLabel == nil && terminalLabel == nil && purposeOfTransaction == nil
            && additionalConsumerDataRequest == nil && otherObjects.isEmpty
    }
}
