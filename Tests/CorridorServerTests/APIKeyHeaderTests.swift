import Hummingbird
import Testing

@testable import CorridorServer

/// Where a request's API key is read from: `Authorization: Bearer KEY` in any case of the scheme, or `X-API-Key`.
@Suite struct APIKeyHeaderTests {
    private func key(authorization: String? = nil, apiKey: String? = nil) -> String? {
        var headers = HTTPFields()
        if let authorization { headers[.authorization] = authorization }
        if let apiKey { headers[HTTPFields.Element.Name("X-API-Key")!] = apiKey }
        return APIKeyMiddleware.presentedKey(headers)
    }

    @Test(arguments: [
        ("Bearer ckp_0123", "ckp_0123"),
        ("bearer ckp_0123", "ckp_0123"),
        ("BEARER ckp_0123", "ckp_0123"),
        ("BeArEr   ckp_0123", "ckp_0123"),
        ("Bearer ckp_0123\t", "ckp_0123"),
    ])
    func aBearerKeyIsRead(header: String, expected: String) {
        #expect(key(authorization: header) == expected)
    }

    @Test(arguments: ["Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Bearerx ckp_0123", "Bearxr ckp_0123", "token ckp"])
    func anythingElseInAuthorizationIsNoKey(header: String) {
        #expect(key(authorization: header) == nil)
        // Authorization, when present, is the only place looked at.
        #expect(key(authorization: header, apiKey: "ckp_other") == nil)
    }

    @Test func theAPIKeyHeaderIsReadWithoutAuthorization() {
        #expect(key(apiKey: "ckp_0123") == "ckp_0123")
        #expect(key() == nil)
    }
}
