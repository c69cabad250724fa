/// The length and character-set rule of one EMV data object (EMV QRCPS MPM table 3.1 formats N, a, ans).
struct EMVFieldRule {
    /// Which characters a value may hold.
    enum CharacterSet {
        /// ASCII digits (format N).
        case numeric
        /// ASCII letters (format a).
        case alpha
        /// Printable ASCII 0x20–0x7E (format ans, the EMV common character set).
        case common
        /// Digits with at most one point (amounts, percentages).
        case decimal
        /// Any script without control characters (tag 64 values).
        case unicode
    }

    /// What is wrong with a value.
    enum Violation {
        case tooShort(length: Int, minimum: Int)
        case tooLong(length: Int, maximum: Int)
        case badCharacter
    }

    let minimum: Int
    let maximum: Int
    let characterSet: CharacterSet

    static let payloadFormatIndicator = EMVFieldRule(minimum: 2, maximum: 2, characterSet: .numeric)
    static let pointOfInitiation = EMVFieldRule(minimum: 2, maximum: 2, characterSet: .numeric)
    static let merchantAccount = EMVFieldRule(minimum: 1, maximum: 99, characterSet: .common)
    static let merchantCategoryCode = EMVFieldRule(minimum: 4, maximum: 4, characterSet: .numeric)
    static let currency = EMVFieldRule(minimum: 3, maximum: 3, characterSet: .numeric)
    static let amount = EMVFieldRule(minimum: 1, maximum: 13, characterSet: .decimal)
    static let tipIndicator = EMVFieldRule(minimum: 2, maximum: 2, characterSet: .numeric)
    static let feePercentage = EMVFieldRule(minimum: 1, maximum: 5, characterSet: .decimal)
    static let country = EMVFieldRule(minimum: 2, maximum: 2, characterSet: .alpha)
    static let merchantName = EMVFieldRule(minimum: 1, maximum: 25, characterSet: .common)
    static let merchantCity = EMVFieldRule(minimum: 1, maximum: 15, characterSet: .common)
    static let postalCode = EMVFieldRule(minimum: 1, maximum: 10, characterSet: .common)
    static let additionalData = EMVFieldRule(minimum: 1, maximum: 25, characterSet: .common)
    static let languagePreference = EMVFieldRule(minimum: 2, maximum: 2, characterSet: .alpha)
    static let alternateName = EMVFieldRule(minimum: 1, maximum: 25, characterSet: .unicode)
    static let alternateCity = EMVFieldRule(minimum: 1, maximum: 15, characterSet: .unicode)

    /// The first rule `value` breaks, or nil.
    func violation(_ value: String) -> Violation? {
        if let found = value.utf8.withContiguousStorageIfAvailable({ violation(utf8: $0) }) { return found }
        var copy = value
        return copy.withUTF8 { violation(utf8: $0) }
    }

    /// The first rule a value's valid UTF-8 bytes break, or nil. Inlined, so that a constant rule's checks fold.
    @inline(__always)
    func violation(utf8 value: UnsafeBufferPointer<UInt8>) -> Violation? {
        measure(utf8: value).violation
    }

    /// The value's length in characters and the first rule it breaks, or nil. A `unicode` value is counted and
    /// checked in one pass over its bytes; the other sets are ASCII, whose characters are their bytes.
    @inline(__always)
    func measure(utf8 value: UnsafeBufferPointer<UInt8>) -> (length: Int, violation: Violation?) {
        guard characterSet == .unicode else {
            let length = value.count
            if length < minimum { return (length, .tooShort(length: length, minimum: minimum)) }
            if length > maximum { return (length, .tooLong(length: length, maximum: maximum)) }
            let valid: Bool
            switch characterSet {
            case .numeric: valid = EMVText.isNumeric(value)
            case .alpha: valid = EMVText.isAlpha(value)
            case .common: valid = EMVText.isCommonCharacterSet(value)
            case .decimal: valid = EMVText.isDecimalAmount(value)
            case .unicode: valid = EMVText.isPrintableUnicode(value)
            }
            return (length, valid ? nil : .badCharacter)
        }
        let (length, valid) = EMVText.printableUnicodeCharacterCount(value)
        if length < minimum { return (length, .tooShort(length: length, minimum: minimum)) }
        if length > maximum { return (length, .tooLong(length: length, maximum: maximum)) }
        return (length, valid ? nil : .badCharacter)
    }

    /// Throws the decoding error for a value's UTF-8 bytes found at `offset`.
    @inline(__always)
    func check(
        utf8 value: UnsafeBufferPointer<UInt8>, tag: @autoclosure () -> String, offset: Int
    ) throws(MerchantQRError) {
        guard let violation = violation(utf8: value) else { return }
        throw decodingError(violation, tag: tag(), offset: offset)
    }

    private func decodingError(_ violation: Violation, tag: String, offset: Int) -> MerchantQRError {
        switch violation {
        case .tooShort(let length, let minimum):
            .truncatedValue(tag: tag, offset: offset, length: length, required: minimum)
        case .tooLong(let length, let maximum):
            .valueTooLong(tag: tag, offset: offset, length: length, maximum: maximum)
        case .badCharacter:
            .invalidCharacter(tag: tag, offset: offset)
        }
    }

    /// Throws the decoding error for a value found at `offset`.
    func check(_ value: String, tag: @autoclosure () -> String, offset: Int) throws(MerchantQRError) {
        switch violation(value) {
        case nil: return
        case .tooShort(let length, let minimum):
            throw .truncatedValue(tag: tag(), offset: offset, length: length, required: minimum)
        case .tooLong(let length, let maximum):
            throw .valueTooLong(tag: tag(), offset: offset, length: length, maximum: maximum)
        case .badCharacter:
            throw .invalidCharacter(tag: tag(), offset: offset)
        }
    }

    /// Throws the building error for a value about to be written.
    func checkForEncoding(_ value: String, tag: String) throws(MerchantQRError) {
        guard let violation = violation(value) else { return }
        throw encodingError(violation, tag: tag)
    }

    /// The building error for `violation` of tag `tag`.
    func encodingError(_ violation: Violation, tag: String) -> MerchantQRError {
        switch violation {
        case .tooShort(let length, let minimum):
            .cannotEncode(tag: tag, reason: "value is \(length) characters, needs at least \(minimum)")
        case .tooLong(let length, let maximum):
            .cannotEncode(tag: tag, reason: "value is \(length) characters, at most \(maximum)")
        case .badCharacter:
            .cannotEncode(tag: tag, reason: "value holds a character outside its character set")
        }
    }
}
