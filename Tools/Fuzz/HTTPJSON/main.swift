// Fuzz target `http-json`: the JSON bodies of the HTTP API's POST routes (docs/http-api.md), read as the routes read
// them. Tools/fuzz.sh compiles the body models (Sources/CorridorServer/HTTP/Models), their validation
// (MerchantValidation, HTTPCaller, HTTPLimits) and a stand-in for HTTPProblem into this target itself, so the build
// needs neither Hummingbird nor SwiftNIO, GRDB or PostgresNIO.
//
// Rules checked on every input, besides "never crash":
// - a duplicate key is found at a quote inside the input (HTTPMessage.decode refuses such a body with 400 after
//   decoding it, so the decoders below see it too);
// - every model the input decodes as encodes (as the server writes JSON) and decodes back to the same value, and
//   that encoding is stable (encode → decode → encode gives the same bytes);
// - validation refuses with a 422 that names a field under the body's own path, and a validated amount or merchant
//   written back to the wire validates to the same value.
import CorridorCore
import CorridorGateway
import Foundation

enum FuzzTarget {
    /// The input being tested, for the validation's failure messages. libFuzzer calls `test` on one thread only.
    nonisolated(unsafe) static var input: [UInt8] = []

    static func test(_ input: [UInt8]) {
        self.input = input
        if let duplicate = JSONDuplicateKeys.first(in: input) {
            guard input.indices.contains(duplicate.offset), input[duplicate.offset] == UInt8(ascii: "\"") else {
                fuzzFailure("a duplicate key's offset is not at a quote", input: input, detail: "\(duplicate)")
            }
        }
        let data = Data(input)
        for body in HTTPJSONBody.all {
            body.check(data, input)
        }
    }

    /// The committed seeds (Tools/Fuzz/seeds/http-json: docs/http-api.md's bodies and their edges) are copied by
    /// Tools/fuzz.sh; nothing is generated.
    static func seeds() -> [[UInt8]] { [] }
}

/// One POST body model: how the route decodes it and what its validation checks.
struct HTTPJSONBody: Sendable {
    let check: @Sendable (Data, [UInt8]) -> Void

    /// Every body a POST route decodes as JSON (`POST /simulations` takes YAML: the `scenario-yaml` target).
    static let all: [HTTPJSONBody] = [
        .model(APIPaymentRequest.self) { try HTTPJSONValidation.payment($0) },
        .model(APIQuoteRequest.self) { try HTTPJSONValidation.quote($0) },
        .model(APIRefundRequest.self) { _ = try $0.amount.map { try HTTPJSONValidation.amount($0, field: "amount") } },
        .model(APIReversalRequest.self) { _ in },
        .model(APIClearingRequest.self) { try HTTPJSONValidation.clearing($0) },
        .model(APIMerchant.self) { try HTTPJSONValidation.merchant($0) },
        .model(APIOpenWallet.self) { _ in },
        .model(APIDeposit.self) { _ = try HTTPJSONValidation.amount($0.amount, field: "amount") },
        .model(APIConversion.self) { _ = try HTTPJSONValidation.amount($0.amount, field: "amount") },
        .model(APIWalletPayment.self) { _ = try $0.amount.map { try HTTPJSONValidation.amount($0, field: "amount") } },
        .model(APIOfflineSync.self) { try HTTPJSONValidation.offlineSync($0) },
    ]

    /// Decodes as `HTTPMessage.decode` does, then round-trips and validates what decoded.
    static func model<Body: Codable & Hashable & Sendable>(
        _ type: Body.Type, validate: @escaping @Sendable (Body) throws -> Void
    ) -> HTTPJSONBody {
        HTTPJSONBody { data, input in
            guard let body = try? JSONDecoder().decode(Body.self, from: data) else { return }
            // What HTTPMessage.decode refuses next: a key the body does not have. The body's own encoding has none.
            _ = JSONUnknownKeys.first(in: data, decoded: body)
            let written = encoded(body)
            if let unknown = JSONUnknownKeys.first(in: written, decoded: body) {
                fuzzFailure("a \(Body.self)'s own encoding has the unknown key \(unknown)", input: input, detail: "")
            }
            let again: Body
            do {
                again = try JSONDecoder().decode(Body.self, from: written)
            } catch {
                fuzzFailure(
                    "a decoded \(Body.self) does not decode from its own encoding", input: input,
                    detail: "\(error); encoded: \(String(decoding: written, as: UTF8.self))")
            }
            guard again == body, encoded(again) == written else {
                fuzzFailure(
                    "decode → encode → decode changed a \(Body.self)", input: input,
                    detail: "encoded: \(String(decoding: written, as: UTF8.self))")
            }
            do {
                try validate(body)
            } catch let problem as HTTPProblem {
                guard problem.statusCode == 422, let field = problem.field, !field.isEmpty else {
                    fuzzFailure(
                        "\(Body.self) was refused without a 422 naming a field", input: input, detail: "\(problem)")
                }
            } catch {
                fuzzFailure(
                    "validating \(Body.self) threw something other than a problem", input: input, detail: "\(error)")
            }
        }
    }

    /// JSON as the server writes it (`HTTPMessage.json`: sorted keys, slashes unescaped).
    static func encoded(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            fatalError("a decoded body does not encode: \(error)")
        }
    }
}
