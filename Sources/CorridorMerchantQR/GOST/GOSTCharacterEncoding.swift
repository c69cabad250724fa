/// The encoding digit after `ST0001` in a GOST R 56042-2014 payload (clause 5.2).
public enum GOSTCharacterEncoding: UInt8, Sendable, Hashable, Codable, CaseIterable {
    /// `1`: windows-1251.
    case windows1251 = 1
    /// `2`: UTF-8.
    case utf8 = 2
    /// `3`: KOI8-R.
    case koi8R = 3

    /// The name used in messages: `windows-1251`, `UTF-8`, `KOI8-R`.
    public var name: String {
        switch self {
        case .windows1251: "windows-1251"
        case .utf8: "UTF-8"
        case .koi8R: "KOI8-R"
        }
    }

    /// The bytes of `text` in this encoding, or nil when a character has no byte in it.
    /// - Parameters:
    ///   - text: the text.
    public func encode(_ text: String) -> [UInt8]? {
        switch self {
        case .utf8: Array(text.utf8)
        case .windows1251: try? CyrillicCodePage.windows1251.encode(text).get()
        case .koi8R: try? CyrillicCodePage.koi8R.encode(text).get()
        }
    }

    /// The text of `bytes` in this encoding, or nil when they are invalid in it.
    /// - Parameters:
    ///   - bytes: the bytes.
    public func decode(_ bytes: some Collection<UInt8>) -> String? {
        switch self {
        case .utf8: String(validating: bytes, as: UTF8.self)
        case .windows1251: try? CyrillicCodePage.windows1251.decode(bytes).get()
        case .koi8R: try? CyrillicCodePage.koi8R.decode(bytes).get()
        }
    }
}
