import CorridorGateway
import Foundation

/// Merchants created through the API live in the server's durable table (``CorridorService/merchantTable``) as well
/// as in the gateway's directory: a restart loads them back, and every server on one PostgreSQL sees the others'.
///
/// Layout: `merchant:<id>` holds the merchant as its wire form (``APIMerchant``, acquirer filled in);
/// `merchants:generation` holds a fresh random token after every creation, so a server learns with one point read
/// whether another server added a merchant since it last looked.
///
/// Guarantees: creating a merchant is atomic across servers (of two servers creating one id at once exactly one gets
/// 201, the other 409); a merchant acknowledged with 201 is in the table before the answer is sent; a server sees a
/// merchant another created before it answers any merchant or payment request that starts after the creation's 201.
extension CorridorService {
    static let merchantKeyPrefix = "merchant:"
    static let merchantGenerationKey = "merchants:generation"

    /// Adds a merchant acquired by the caller (the operator names the acquirer), durably when the service has a
    /// table.
    /// - Throws: 400/422 naming the field, 409 when the id exists (here or on another server on the same database),
    ///   or the table's error.
    public func createMerchant(_ body: APIMerchant, for caller: HTTPCaller) async throws -> Merchant {
        let merchant = try MerchantValidation.merchant(from: body, caller: caller)
        guard gateway.directory.merchant(merchant.id) == nil else {
            throw GatewayConfigurationError.duplicate(line: 0, key: "id", value: merchant.id)
        }
        // The directory checks what the table cannot (the acquirer exists, QR identifiers are free) before the
        // merchant is written anywhere.
        var trial = gateway.directory
        try trial.add(merchant)
        if let merchantTable {
            let wire = String(decoding: try JSONEncoder().encode(APIMerchant(merchant)), as: UTF8.self)
            if try await merchantTable.insertIfAbsent(wire, for: Self.merchantKeyPrefix + merchant.id) != nil {
                try await syncMerchants()
                throw GatewayConfigurationError.duplicate(line: 0, key: "id", value: merchant.id)
            }
            try await merchantTable.setValue(UUID().uuidString, for: Self.merchantGenerationKey)
        }
        try addToDirectory(merchant)
        logger.info(
            "merchant created", metadata: ["merchant": .string(merchant.id), "acquirer": .string(merchant.acquirer)])
        return merchant
    }

    /// Loads every merchant in the table the directory does not have yet; what `serve` does at start.
    /// - Returns: how many were added.
    /// - Throws: the table's error, or ``MerchantTableError`` naming a stored merchant the directory refuses.
    @discardableResult
    public func restoreMerchants() async throws -> Int {
        guard let merchantTable else { return 0 }
        let generation = try await merchantTable.value(for: Self.merchantGenerationKey)
        var added = 0
        for (key, wire) in try await merchantTable.values(withKeyPrefix: Self.merchantKeyPrefix) {
            let id = String(key.dropFirst(Self.merchantKeyPrefix.count))
            guard gateway.directory.merchant(id) == nil else { continue }
            let merchant: Merchant
            do {
                let body = try JSONDecoder().decode(APIMerchant.self, from: Data(wire.utf8))
                merchant = try MerchantValidation.merchant(from: body, caller: .admin)
                try addToDirectory(merchant)
            } catch {
                throw MerchantTableError(key: key, reason: "\(error)")
            }
            added += 1
        }
        merchantTableGeneration.withLock { $0 = generation }
        return added
    }

    /// Loads merchants other servers created since this one last looked (one point read when nothing changed).
    /// - Throws: the table's error.
    public func syncMerchants() async throws {
        guard let merchantTable else { return }
        let generation = try await merchantTable.value(for: Self.merchantGenerationKey)
        guard generation != merchantTableGeneration.withLock({ $0 }) else { return }
        try await restoreMerchants()
    }

    private func addToDirectory(_ merchant: Merchant) throws {
        try gateway.updateDirectory { (directory: inout GatewayDirectory) throws(GatewayConfigurationError) in
            // Another request may have loaded it from the table meanwhile.
            guard directory.merchant(merchant.id) == nil else { return }
            try directory.add(merchant)
        }
    }
}

/// A merchant in the server's table that the directory refuses (e.g. its acquirer left the participants file).
public struct MerchantTableError: Error, CustomStringConvertible {
    /// The table key (`merchant:<id>`).
    public let key: String
    /// Why it was refused.
    public let reason: String

    public var description: String { "stored merchant \(key) cannot be loaded: \(reason)" }
}
