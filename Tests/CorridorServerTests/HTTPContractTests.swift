import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The OpenAPI document is the contract: every route the server registers is in it with its method, and nothing
/// else is; and schemathesis, a tool we did not write, finds no 5xx and no response outside the schema.
@Suite("HTTP contract")
struct HTTPContractTests {
    /// `METHOD /path` pairs of the document's `paths` (two-space path keys, four-space method keys).
    static func documentedOperations(_ text: String) -> Set<String> {
        var operations: Set<String> = []
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("components:") { break }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete", "head"].contains(String(method)) {
                    operations.insert("\(method.uppercased()) \(path)")
                }
            }
        }
        return operations
    }

    @Test func everyRegisteredRouteIsInTheOpenAPIDocumentAndViceVersa() async throws {
        let world = try await HTTPTestWorld.make(issueKeys: false)
        let registered = Set(world.builder.router().routes.map { "\($0.method.rawValue) \($0.path)" })
        let documented = Self.documentedOperations(OpenAPIDocument.text)
        #expect(documented.count > 20)
        #expect(registered.subtracting(documented).sorted() == [], "routes missing from openapi.yaml")
        #expect(documented.subtracting(registered).sorted() == [], "documented operations the server lacks")
        #expect(OpenAPIDocument.text.hasPrefix("openapi: 3.1"))
    }

    @Test func theDocumentIsServedAtOpenAPIYAML() async throws {
        let world = try await HTTPTestWorld.make(issueKeys: false)
        try await world.application().test(.router) { client in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == OpenAPIDocument.text)
        }
    }

    /// The schemathesis CLI on PATH (`st` or `schemathesis`), if installed.
    static let schemathesis: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            for name in ["st", "schemathesis"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    static let isCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    @Test(.enabled(if: schemathesis != nil || isCI, "schemathesis is not installed (pip install schemathesis)"))
    func schemathesisFindsNoServerErrorAndNoResponseOutsideTheSchema() async throws {
        let tool = try #require(Self.schemathesis, "schemathesis must be installed in CI")
        let world = try await HTTPTestWorld.make()
        let report = FileManager.default.temporaryDirectory.appendingPathComponent(
            "corridor-st-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: report) }
        let status = try await world.application().test(.live) { client in
            let port = try #require(client.port)
            return try await Self.run(
                tool,
                arguments: [
                    "run", "http://127.0.0.1:\(port)/openapi.yaml",
                    "--header", "Authorization: Bearer \(world.adminKey)",
                    "--checks",
                    "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                    "--max-examples", "10", "--workers", "1", "--seed", "1", "--no-color",
                ], output: report)
        }
        let output = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
        #expect(status == 0, "schemathesis failed:\n\(output.suffix(6000))")
        #expect(output.contains("Tested: "), "schemathesis did not test any operation:\n\(output.suffix(2000))")
    }

    /// Runs a process with its output in a file and returns its exit status.
    static func run(_ executable: String, arguments: [String], output: URL) async throws -> Int32 {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
    }
}
