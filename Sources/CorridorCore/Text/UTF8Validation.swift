/// Where UTF-8 input stops being UTF-8, so a refusal can name the byte.
public enum UTF8Validation {
    /// The byte offset of the first byte that is not part of a well-formed UTF-8 character, nil when there is none.
    /// - Parameters:
    ///   - bytes: the input.
    public static func firstInvalidOffset(in bytes: some Sequence<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
