import Foundation

/// The OpenAPI 3.1 document, the API's contract (`Resources/openapi.yaml`).
public enum OpenAPIDocument {
    /// The document's text.
    public static let text: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let data = try? Data(contentsOf: url)
        else {
            preconditionFailure("Resources/openapi.yaml is missing from the CorridorServer bundle")
        }
        return String(decoding: data, as: UTF8.self)
    }()
}
