import Hummingbird

/// Before any request that reads or uses merchants (`/merchants…`, `/payments…`, `/dashboard…`), loads the merchants
/// another server on the same database created since this one last looked (``CorridorService/syncMerchants()``: one
/// point read when nothing changed). One place, so a new route under those paths cannot forget it.
struct MerchantSyncMiddleware: RouterMiddleware {
    typealias Context = CorridorRequestContext
    static let pathPrefixes = ["/merchants", "/payments", "/dashboard"]
    let service: CorridorService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let path = request.uri.path
        if Self.pathPrefixes.contains(where: { path.hasPrefix($0) }) { try await service.syncMerchants() }
        return try await next(request, context)
    }
}
