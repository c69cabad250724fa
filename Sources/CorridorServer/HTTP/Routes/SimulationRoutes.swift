import Hummingbird

/// Scenario simulations: post a YAML file, follow its progress, read its report and files.
enum SimulationRoutes {
    static func add(to router: Router<CorridorRequestContext>, service: CorridorService) {
        router.post("simulations") { request, context in
            let caller = try context.requireCaller()
            var seed: UInt64?
            if let text = request.uri.queryParameters["seed"] {
                guard let value = UInt64(String(text)) else {
                    throw HTTPProblem.badRequest("an unsigned integer", field: "seed")
                }
                seed = value
            }
            let yaml = try await HTTPMessage.text(from: request)
            return try HTTPMessage.json(try service.startSimulation(yaml: yaml, seed: seed, for: caller), status: .accepted)
        }
        router.get("simulations/{id}") { _, context in
            let caller = try context.requireCaller()
            return try HTTPMessage.json(try service.simulation(try HTTPMessage.parameter("id", context), for: caller))
        }
        router.get("simulations/{id}/report") { _, context in
            let caller = try context.requireCaller()
            let simulation = try service.simulation(try HTTPMessage.parameter("id", context), for: caller)
            guard let report = simulation.report else {
                throw HTTPProblem.conflict(
                    "simulation \(simulation.id) is \(simulation.status); its report is not ready")
            }
            return try HTTPMessage.json(report)
        }
        router.get("simulations/{id}/file") { request, context in
            let caller = try context.requireCaller()
            let id = try HTTPMessage.parameter("id", context)
            guard let name = request.uri.queryParameters["name"].map(String.init) else {
                throw HTTPProblem.badRequest("required", field: "name")
            }
            let text = try service.simulationFile(id, name: name, for: caller)
            let fileName = String(name.split(separator: "/").last ?? "file")
            return HTTPMessage.bytes(
                Array(text.utf8), contentType: name.hasSuffix(".xml") ? "application/xml" : "text/plain",
                downloadName: fileName)
        }
    }
}
