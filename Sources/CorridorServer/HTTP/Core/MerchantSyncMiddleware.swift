import Foundation
import Hummingbird

/// Before any request that reads or uses merchants (`/merchants…`, `/payments…`, `/dashboard…`), loads the merchants
/// another server on the same database created since this one last looked (``CorridorService/syncMerchants()``: one
/// point read when nothing changed). One place, so a new route under those paths cannot forget it.
///
/// A request for one merchant's resources (`/merchants/{id}`, `/merchants/{id}/qr.png`, …) whose merchant this server
/// already knows skips the read: merchants are never changed or removed once created, so nothing newer could change
/// its answer (the QR image path is the hottest GET there is).
struct MerchantSyncMiddleware: RouterMiddleware {
    typealias Context = CorridorRequestContext
    static let pathPrefixes = ["/merchants", "/payments", "/dashboard"]
    let service: CorridorService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let path = request.uri.path
        if Self.pathPrefixes.contains(where: { path.hasPrefix($0) }),
            !(Self.merchantID(inPath: path).map(service.knowsMerchant) ?? false)
        {
            try await service.syncMerchants()
        }
        return try await next(request, context)
    }

    /// The `{id}` of `/merchants/{id}` and `/merchants/{id}/…` (percent-decoded as the router decodes it), or nil.
    static func merchantID(inPath path: String) -> String? {
        let prefix = "/merchants/"
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.utf8.dropFirst(prefix.utf8.count)
        let segment = rest.split(separator: UInt8(ascii: "/"), maxSplits: 1, omittingEmptySubsequences: false).first
        guard let segment, !segment.isEmpty, let text = String(segment) else { return nil }
        guard segment.contains(UInt8(ascii: "%")) else { return text }
        return text.removingPercentEncoding ?? text
    }
}
