import CorridorCore
import CorridorGateway
import CorridorLedger
import CorridorServer
import CorridorTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// A server over the sample world (Samples/gateway, issuer cards, the digital-ruble banks) with keys issued: what
/// every HTTP test starts from.
struct HTTPTestWorld {
    let service: CorridorService
    let builder: HTTPApplicationBuilder
    let keys: [String: String]

    var adminKey: String { keys[APIKeyStore.adminOwner]! }

    static var checkoutRoot: URL { SampleFiles.samplesDirectory.deletingLastPathComponent() }

    static func make(
        backend: any SettlementBackend = InMemorySettlementBackend(), store: any PaymentStore = InMemoryPaymentStore(),
        table: any HTTPKeyValueStore = InMemoryKeyValueStore(), issueKeys: Bool = true, logs: LogCapture? = nil
    ) async throws -> HTTPTestWorld {
        let world = CorridorService.WorldFiles.samples(in: checkoutRoot)
        let service = try await CorridorService.start(
            backend: backend, store: store, world: world, tokenizer: CardTokenizer(key: Data(repeating: 7, count: 32)),
            logger: logs?.logger(label: "test.http") ?? Logger(label: "corridor.http"),
            gatewayLogger: logs?.logger(label: "test.gateway"), merchantTable: table)
        let builder = HTTPApplicationBuilder(service: service, table: table)
        var keys: [String: String] = [:]
        if issueKeys {
            for (owner, key) in try await builder.keys.initialize(
                holders: try service.keyHolders(platformFile: world.platformFile))
            {
                keys[owner] = key
            }
        }
        return HTTPTestWorld(service: service, builder: builder, keys: keys)
    }

    /// The application for `app.test(.router)` / `.live`.
    func application(logs: LogCapture? = nil) -> some ApplicationProtocol {
        builder.application(
            host: "127.0.0.1", port: 0,
            logger: logs?.logger(label: "test.hummingbird") ?? Logger(label: "corridor.http"))
    }

    /// Headers with a key and, for bodies, JSON.
    static func headers(_ key: String?, json: Bool = false, idempotencyKey: String? = nil) -> HTTPFields {
        var fields = HTTPFields()
        if let key { fields[.authorization] = "Bearer \(key)" }
        if json { fields[.contentType] = "application/json" }
        if let idempotencyKey, let name = HTTPFields.Element.Name("Idempotency-Key") { fields[name] = idempotencyKey }
        return fields
    }
}

extension TestResponse {
    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        return try #require(object as? [String: Any])
    }

    /// The body as text.
    var text: String { String(decoding: body.readableBytesView, as: UTF8.self) }
}

extension ByteBuffer {
    /// JSON text as a body.
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}
