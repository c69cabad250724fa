import Hummingbird

/// The request context of the HTTP API: Hummingbird's core storage plus the authenticated caller.
public struct CorridorRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// Set by ``APIKeyMiddleware``; nil only on the public routes (`/healthz`, `/openapi.yaml`, `/metrics`).
    public var caller: HTTPCaller?

    /// Creates the context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        caller = nil
    }

    /// Request bodies are decoded up to ``HTTPLimits/requestBodyBytesMax``; larger ones get 413.
    public var maxUploadSize: Int { HTTPLimits.requestBodyBytesMax }

    /// The caller, which the key middleware has set on every non-public route.
    /// - Throws: ``HTTPProblem/unauthorized`` when it has not.
    public func requireCaller() throws(HTTPProblem) -> HTTPCaller {
        guard let caller else { throw .unauthorized }
        return caller
    }

    /// The caller, when it is the operator.
    /// - Throws: 401 without a key, 403 for a participant's key.
    public func requireAdmin() throws(HTTPProblem) -> HTTPCaller {
        let caller = try requireCaller()
        guard caller == .admin else { throw .forbidden("this operation needs the operator's admin key") }
        return caller
    }
}
