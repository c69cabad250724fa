import Foundation
import Hummingbird

/// Authenticates every request except the public paths: `Authorization: Bearer KEY` or `X-API-Key: KEY`; a missing
/// or unknown key is answered 401 before any route runs.
public struct APIKeyMiddleware: RouterMiddleware {
    /// The context this middleware fills in.
    public typealias Context = CorridorRequestContext
    /// Paths answered without a key (health checks, the contract, scrapes).
    public static let publicPaths: Set<String> = ["/healthz", "/openapi.yaml", "/metrics"]
    let keys: APIKeyStore
    let publicPathPrefixes: [String]

    /// Creates the middleware over the key store.
    /// - Parameters:
    ///   - keys: the key store.
    ///   - publicPathPrefixes: more paths (or prefixes ending in `/`) answered without a key.
    public init(keys: APIKeyStore, publicPathPrefixes: [String] = []) {
        self.keys = keys
        self.publicPathPrefixes = publicPathPrefixes
    }

    func isPublic(_ path: String) -> Bool {
        Self.publicPaths.contains(path)
            || publicPathPrefixes.contains { prefix in
                // "/" itself is one path (the dashboard's front door), never the prefix of everything.
                prefix.hasSuffix("/") && prefix != "/" ? path.hasPrefix(prefix) || path + "/" == prefix : path == prefix
            }
    }

    /// Sets the caller or answers 401.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if isPublic(request.uri.path) { return try await next(request, context) }
        guard let key = Self.presentedKey(request.headers), let caller = try await keys.caller(for: key) else {
            throw HTTPProblem.unauthorized
        }
        var context = context
        context.caller = caller
        return try await next(request, context)
    }

    /// The key in `Authorization: Bearer …` (the scheme in any case, spaces around the key ignored) or `X-API-Key`.
    /// Read as bytes: splitting, lowercasing and trimming with Foundation cost ~8% of a cached QR image request.
    static func presentedKey(_ headers: HTTPFields) -> String? {
        if let authorization = headers[.authorization] {
            let value = authorization.utf8
            guard let space = value.firstIndex(of: 0x20) else { return nil }
            let scheme = value[..<space]
            // Only `B` and `b` give `b` when OR-ed with 0x20, and so on: "bearer" is all letters.
            guard scheme.count == 6, zip(scheme, "bearer".utf8).allSatisfy({ ($0 | 0x20) == $1 }) else { return nil }
            var key = value[value.index(after: space)...]
            while let first = key.first, first == 0x20 || first == 0x09 { key = key.dropFirst() }
            while let last = key.last, last == 0x20 || last == 0x09 { key = key.dropLast() }
            return key.isEmpty ? nil : String(Substring(key))
        }
        if let name = HTTPFields.Element.Name("X-API-Key"), let key = headers[name] { return key }
        return nil
    }
}
