import CorridorCore
import CorridorGateway

/// The code a directory merchant shows (``GatewayDirectory/qrPayload(merchant:amount:)``), with the scenario file's
/// words when it cannot be made.
enum ScenarioMerchantCode {
    static func payload(merchant id: String, amount: Money?, directory: GatewayDirectory) throws -> String {
        do {
            return try directory.qrPayload(merchant: id, amount: amount)
        } catch .noQRCode(let id) {
            throw ScenarioError(line: nil, key: "merchant", "merchant \(id) takes no EMV or SBP QR code; give `payload`")
        } catch .cannotEncode(let error) {
            throw error
        } catch {
            throw ScenarioError(line: nil, key: "merchant", "\(error)")
        }
    }
}
