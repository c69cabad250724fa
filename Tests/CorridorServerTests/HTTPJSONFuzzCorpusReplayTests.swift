import CorridorCore
import CorridorTesting
import Foundation
import Testing

@testable import CorridorServer

/// Replays the kept fuzz inputs of `http-json` with the fuzz target's rules (Tools/Fuzz/HTTPJSON) against the real
/// CorridorServer: a duplicate key is found at a quote; every POST body model an input decodes as comes back
/// the same through the server's JSON encoder; validation refuses with a 422 naming a field.
@Suite("Fuzz corpus replay: HTTP JSON bodies")
struct HTTPJSONFuzzCorpusReplayTests {
    @Test func theTargetKeepsInputs() {
        #expect(!FuzzReplayInput.all("http-json").isEmpty)
    }

    @Test(arguments: FuzzReplayInput.all("http-json"))
    func bodiesRoundTripAndAreRefusedByField(_ input: FuzzReplayInput) throws {
        if let duplicate = JSONDuplicateKeys.first(in: input.bytes) {
            #expect(input.bytes[duplicate.offset] == UInt8(ascii: "\""), "\(duplicate)")
        }
        let data = Data(input.bytes)
        try Self.check(APIPaymentRequest.self, data) { body in
            if let card = body.card { _ = try card.amount.positiveMoney(field: "card.amount") }
            if let qr = body.qr { _ = try qr.amount?.positiveMoney(field: "qr.amount") }
            if let wallet = body.wallet { _ = try wallet.amount?.positiveMoney(field: "wallet.amount") }
        }
        try Self.check(APIQuoteRequest.self, data) { _ = try $0.amount.positiveMoney(field: "amount") }
        try Self.check(APIRefundRequest.self, data) { _ = try $0.amount?.positiveMoney(field: "amount") }
        try Self.check(APIReversalRequest.self, data) { _ in }
        try Self.check(APIClearingRequest.self, data) { _ in }
        try Self.check(APIMerchant.self, data) { body in
            let merchant = try MerchantValidation.merchant(from: body, caller: .admin)
            #expect(try MerchantValidation.merchant(from: APIMerchant(merchant), caller: .admin) == merchant)
        }
        try Self.check(APIOpenWallet.self, data) { _ in }
        try Self.check(APIDeposit.self, data) { _ = try $0.amount.positiveMoney(field: "amount") }
        try Self.check(APIConversion.self, data) { _ = try $0.amount.positiveMoney(field: "amount") }
        try Self.check(APIWalletPayment.self, data) { _ = try $0.amount?.positiveMoney(field: "amount") }
        try Self.check(APIOfflineSync.self, data) { _ in }
    }

    /// Decode → encode (as `HTTPMessage.json` writes) → decode gives the same value and the same bytes; validation
    /// either passes or throws a 422 that names a field.
    static func check<Body: Codable & Hashable>(
        _ type: Body.Type, _ data: Data, validate: (Body) throws -> Void
    ) throws {
        guard let body = try? JSONDecoder().decode(Body.self, from: data) else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let written = try encoder.encode(body)
        let again = try JSONDecoder().decode(Body.self, from: written)
        #expect(again == body, "\(Body.self)")
        #expect(try encoder.encode(again) == written, "\(Body.self)")
        do {
            try validate(body)
        } catch let problem as HTTPProblem {
            #expect(problem.statusCode == 422 && problem.field?.isEmpty == false, "\(Body.self): \(problem)")
        }
    }
}
