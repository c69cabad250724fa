import Foundation

/// Locates the package's `Samples/` folder from this source file's path, so tests run from any working directory,
/// and loads the sample files more than one test target reads.
public enum SampleFiles {
    /// `<package root>/Samples`.
    public static let samplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Samples/ (this folder)
        .deletingLastPathComponent()  // CorridorTesting/
        .deletingLastPathComponent()  // Sources/
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Samples")

    /// The absolute path of a file under `Samples/`.
    public static func path(_ relativePath: String) -> String {
        samplesDirectory.appendingPathComponent(relativePath).path
    }

    /// The published merchant-QR payloads in `Samples/merchant-qr/published.json`; empty when the file is missing
    /// (the tests that use them check the count, so a missing file fails there).
    public static let published: [PublishedMerchantQRSample] = {
        struct PublishedFile: Decodable { let samples: [PublishedMerchantQRSample] }
        let url = samplesDirectory.appendingPathComponent("merchant-qr/published.json")
        guard let data = try? Data(contentsOf: url),
            let file = try? JSONDecoder().decode(PublishedFile.self, from: data)
        else { return [] }
        return file.samples
    }()
}

/// A published merchant-QR payload with the fields its publication documents (EMVCo, PIX, PromptPay, SGQR, QRIS,
/// SBP, GOST), and where it was published.
public struct PublishedMerchantQRSample: Decodable, Sendable, CustomStringConvertible {
    /// A short unique name, shown as the test argument.
    public let name: String
    /// "emv", "sbp" or "gost".
    public let format: String
    /// "strict" or "structural": how the payload must be decoded.
    public let validation: String
    /// Where the payload was published.
    public let source: String
    /// The payload text.
    public let payload: String
    /// Tag path or field name → the value the publication documents.
    public let expected: [String: String]
    /// The documented merchant name, when there is one.
    public let merchantName: String?
    /// The documented merchant city.
    public let merchantCity: String?
    /// The documented country (alpha-2).
    public let country: String?
    /// The documented currency (alpha code).
    public let currency: String?
    /// The documented amount (decimal text).
    public let amount: String?
    /// The documented merchant category code.
    public let mcc: String?
    /// The error code strict validation must give, for payloads that are only structurally valid.
    public let strictError: String?

    public var description: String { name }
}
