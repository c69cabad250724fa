import Foundation

/// Reads `Samples/merchants.json` (the format is described on ``MerchantProfile``).
public enum MerchantProfileCatalog {
    /// The file's top level.
    struct File: Codable {
        let merchants: [MerchantProfile]
    }

    /// Decodes the profiles in a JSON document.
    /// - Parameters:
    ///   - data: the JSON bytes.
    /// - Throws: `DecodingError` when the JSON does not match the format.
    public static func profiles(from data: Data) throws -> [MerchantProfile] {
        try JSONDecoder().decode(File.self, from: data).merchants
    }

    /// Reads and decodes a profiles file.
    /// - Parameters:
    ///   - url: the file, e.g. `Samples/merchants.json`.
    /// - Throws: the file system's error, or `DecodingError`.
    public static func load(contentsOf url: URL) throws -> [MerchantProfile] {
        try profiles(from: Data(contentsOf: url))
    }
}
