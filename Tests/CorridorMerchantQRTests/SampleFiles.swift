import Foundation
import Testing

/// Locates `Samples/` from this file's path, so tests run from any working directory.
enum SampleFiles {
    static let samplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples")

    /// A published payload with the fields its publication documents.
    struct PublishedSample: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let format: String
        let validation: String
        let source: String
        let payload: String
        let expected: [String: String]
        let merchantName: String?
        let merchantCity: String?
        let country: String?
        let currency: String?
        let amount: String?
        let mcc: String?
        let strictError: String?

        var testDescription: String { name }
    }

    struct PublishedFile: Decodable {
        let samples: [PublishedSample]
    }

    static let published: [PublishedSample] = {
        let url = samplesDirectory.appendingPathComponent("merchant-qr/published.json")
        guard let data = try? Data(contentsOf: url),
            let file = try? JSONDecoder().decode(PublishedFile.self, from: data)
        else { return [] }
        return file.samples
    }()
}
