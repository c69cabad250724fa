import Foundation
import Hummingbird

/// `GET /healthz`, `GET /openapi.yaml`, `GET /metrics`: answered without a key.
enum SystemRoutes {
    static func add(to router: Router<CorridorRequestContext>, service: CorridorService, metrics: HTTPMetrics) {
        router.get("healthz") { _, _ in
            // Reads one page of accounts, so a server whose database is gone is not reported healthy.
            _ = try await service.backend.allAccounts(after: nil, limit: 1)
            return try HTTPMessage.json(["status": "ok", "time": RFC3339.string(Date())])
        }
        router.get("openapi.yaml") { _, _ in
            HTTPMessage.bytes(Array(OpenAPIDocument.text.utf8), contentType: "application/yaml")
        }
        router.get("metrics") { _, _ in
            HTTPMessage.bytes(Array(metrics.render().utf8), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
