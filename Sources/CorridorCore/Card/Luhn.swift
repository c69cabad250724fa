/// The Luhn (mod 10) check used by card numbers (ISO/IEC 7812-1 Annex B).
public enum Luhn {
    /// True when the digit string's last digit is its correct Luhn check digit; false for non-digits or empty text.
    public static func isValid(_ digits: String) -> Bool {
        let bytes = Array(digits.utf8)
        guard bytes.count >= 2, let sum = weightedSum(bytes, doubleFirstFromRight: false) else { return false }
        return sum % 10 == 0
    }

    /// The check digit (0...9) to append to `payload` so that the result passes ``isValid(_:)``;
    /// nil when `payload` is empty or holds a non-digit.
    public static func checkDigit(for payload: String) -> Int? {
        let bytes = Array(payload.utf8)
        guard !bytes.isEmpty, let sum = weightedSum(bytes, doubleFirstFromRight: true) else { return nil }
        return (10 - sum % 10) % 10
    }

    /// Appends the Luhn check digit: "22000000000000" → "220000000000000" + check digit.
    public static func appendingCheckDigit(to payload: String) -> String? {
        checkDigit(for: payload).map { payload + String($0) }
    }

    private static func weightedSum(_ bytes: [UInt8], doubleFirstFromRight: Bool) -> Int? {
        var sum = 0
        var double = doubleFirstFromRight
        for byte in bytes.reversed() {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            var digit = Int(byte - 0x30)
            if double {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
            double.toggle()
        }
        return sum
    }
}
