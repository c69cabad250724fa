import CorridorCore
import CorridorGateway

/// The code a directory merchant shows (``GatewayDirectory/qrPayload(merchant:amount:)``), refused as the API
/// refuses: 422 naming `qrIdentifiers` when the merchant has no QR code, the format's own error when a value does not
/// fit.
enum MerchantQRPayload {
    /// The payload.
    /// - Throws: ``MerchantQRError`` when a value does not fit the format, 422 when the merchant has no usable id.
    static func payload(for merchant: Merchant, amount: Money?, directory: GatewayDirectory) throws -> String {
        do {
            return try directory.qrPayload(merchant: merchant.id, amount: amount)
        } catch .cannotEncode(let error) {
            throw error
        } catch {
            throw HTTPProblem.unprocessable("merchant \(merchant.id) has no QR identifier", field: "qrIdentifiers")
        }
    }
}
