import Hummingbird

/// End-of-day clearing runs and their files.
enum ClearingRoutes {
    static func add(to router: Router<CorridorRequestContext>, service: CorridorService) {
        router.post("clearing/runs") { request, context in
            _ = try context.requireAdmin()
            let body = try await HTTPMessage.decode(APIClearingRequest.self, from: request)
            return try HTTPMessage.json(try await service.clear(body), status: .created)
        }
        router.get("clearing/runs/{date}") { _, context in
            let date = try HTTPMessage.parameter("date", context)
            return try HTTPMessage.json(try await service.clearingRun(date, for: try context.requireCaller()))
        }
        router.get("clearing/runs/{date}/files/{name}") { _, context in
            let date = try HTTPMessage.parameter("date", context)
            let name = try HTTPMessage.parameter("name", context)
            let text = try await service.clearingFile(date, name: name, for: try context.requireCaller())
            let type =
                name.hasSuffix(".xml")
                ? "application/xml" : name.hasSuffix(".json") ? "application/json" : "text/markdown"
            return HTTPMessage.bytes(Array(text.utf8), contentType: type, downloadName: name)
        }
    }
}
