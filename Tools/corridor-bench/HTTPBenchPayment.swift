import Foundation

/// The set-up calls before the payment runs: the merchant's dynamic code, and one payment that must be approved
/// (so a misconfigured world fails with the server's own answer, not as a wrk count).
enum HTTPBenchPayment {
    /// The payload of ``HTTPBenchWorld/merchant``'s code for ``HTTPBenchWorld/amount``, from `GET …/qr`.
    /// - Throws: ``HTTPSuite/Failure`` when the answer is not 200 with a payload the Lua script can quote.
    static func payload(port: Int, adminKey: String) throws -> String {
        let path = "/merchants/\(HTTPBenchWorld.merchant)/qr?amount=\(HTTPBenchWorld.amount)"
        let answer = try HTTPBenchClient.send(
            port: port, method: "GET", path: path, headers: ["Authorization": "Bearer \(adminKey)"])
        struct Body: Decodable { let payload: String }
        guard answer.status == 200, let body = try? JSONDecoder().decode(Body.self, from: Data(answer.body)) else {
            throw HTTPSuite.Failure("GET \(path) answered \(answer.status): \(answer.text)")
        }
        // The payload is spliced into a Lua string and a JSON document: no quote, backslash or control character.
        guard !body.payload.unicodeScalars.contains(where: { "\"'\\".unicodeScalars.contains($0) || $0.value < 0x20 })
        else {
            throw HTTPSuite.Failure("the merchant's payload has a character the script cannot quote: \(body.payload)")
        }
        return body.payload
    }

    /// Sends one payment as the wrk script does and requires 201 approved.
    /// - Throws: ``HTTPSuite/Failure`` with the server's answer otherwise.
    static func checkOne(port: Int, key: String, payload: String, id: String) throws {
        let body = "{\"id\":\"\(id)\",\"qr\":{\"payload\":\"\(payload)\",\"payer\":{"
            + "\"bank\":\"\(HTTPBenchWorld.payerBank)\",\"reference\":\"\(HTTPBenchWorld.payerReference)\"}}}"
        let answer = try HTTPBenchClient.send(
            port: port, method: "POST", path: "/payments",
            headers: ["Authorization": "Bearer \(key)", "Content-Type": "application/json", "Idempotency-Key": id],
            body: body)
        guard answer.status == 201, answer.text.contains("\"status\":\"approved\"") else {
            throw HTTPSuite.Failure("the check payment answered \(answer.status): \(answer.text)")
        }
    }
}
