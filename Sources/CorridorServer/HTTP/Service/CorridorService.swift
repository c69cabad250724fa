import CorridorCBDC
import CorridorCore
import CorridorGateway
import CorridorLedger
import CorridorMerchantQR
import Foundation
import Logging
import Synchronization

/// What the HTTP API (and the dashboard mounted beside it) does, independent of HTTP: lists and creates merchants,
/// makes payments, reads balances, runs clearing and simulations, each for one ``HTTPCaller`` and only over what
/// that caller may see. Routes only decode, call one method here and encode.
///
/// Guarantees: a participant never gets another participant's merchant, payment, account or wallet (it gets
/// ``HTTPProblem/notFound(_:)``, the same answer as for an id that does not exist); no value returned holds a PAN.
public final class CorridorService: Sendable {
    /// The gateway every payment goes through.
    public let gateway: Gateway
    /// The settlement backend under the gateway and the platform.
    public let backend: any SettlementBackend
    /// The digital-ruble platform on the same backend, when the server runs one.
    public let platform: DigitalRublePlatform?
    /// Offline-transfer sync on the same backend.
    public let offline: OfflineSync?
    /// The folder scenario files name their world files relative to (`Samples/scenarios`).
    public let scenarioFolder: URL
    let qrImages = QRImageCache(countMax: HTTPLimits.qrImageCacheCountMax)
    /// Each merchant's static QR payload once built (merchants never change once in the directory), so a static
    /// code's image request costs a lookup, not an encoding.
    let staticPayloads = Mutex<[String: String]>([:])
    let simulations = SimulationRegistry()
    let clearingRuns = ClearingRunCache()
    let logger: Logger
    /// Where merchants created through the API are kept (nil: in memory only); see ``restoreMerchants()``.
    let merchantTable: (any HTTPKeyValueStore)?
    let merchantTableGeneration = Mutex<String?>(nil)

    /// Creates the service.
    /// - Parameters:
    ///   - gateway: a provisioned gateway.
    ///   - backend: its settlement backend.
    ///   - platform: the started digital-ruble platform on the same backend, if any.
    ///   - offline: offline sync (restored) on the same backend, if any.
    ///   - scenarioFolder: where scenario files posted to `/simulations` find their world.
    ///   - merchantTable: the durable table merchants created through the API are kept in (the one API keys and
    ///     idempotent responses live in), so they survive a restart and every server on one database sees them;
    ///     nil keeps them in memory.
    public init(
        gateway: Gateway, backend: any SettlementBackend, platform: DigitalRublePlatform? = nil,
        offline: OfflineSync? = nil, scenarioFolder: URL, logger: Logger = Logger(label: "corridor.http"),
        merchantTable: (any HTTPKeyValueStore)? = nil
    ) {
        self.merchantTable = merchantTable
        self.gateway = gateway
        self.backend = backend
        self.platform = platform
        self.offline = offline
        self.scenarioFolder = scenarioFolder
        self.logger = logger
    }

    // MARK: Participants

    /// Every participant in the directory, sorted by id (the directory is shared knowledge).
    public func participants() -> [Participant] {
        gateway.directory.participants.values.sorted { $0.id < $1.id }
    }

    /// One participant.
    /// - Throws: 404 when there is none.
    public func participant(_ id: String) throws(HTTPProblem) -> Participant {
        guard let participant = gateway.directory.participant(id) else { throw .notFound("no participant \(id)") }
        return participant
    }

    // MARK: Merchants

    /// The caller's merchants (the operator's: all), sorted by id, one page.
    public func merchants(for caller: HTTPCaller, page: PageRequest) -> APIPage<Merchant> {
        let visible = gateway.directory.merchants.values.filter { caller.mayAccess($0.acquirer) }.sorted {
            $0.id < $1.id
        }
        return page.page(visible, key: \.id)
    }

    /// Whether the directory holds a merchant with this id (whoever may see it).
    func knowsMerchant(_ id: String) -> Bool { gateway.directory.merchant(id) != nil }

    /// One of the caller's merchants.
    /// - Throws: 404 when it does not exist or is another acquirer's.
    public func merchant(_ id: String, for caller: HTTPCaller) throws(HTTPProblem) -> Merchant {
        guard let merchant = gateway.directory.merchant(id), caller.mayAccess(merchant.acquirer) else {
            throw .notFound("no merchant \(id)")
        }
        return merchant
    }

    /// The payload a merchant's QR code carries: static without an amount, dynamic with one (EMV or SBP link from
    /// the directory entry; for a wallet-only merchant the digital-ruble platform's dynamic code).
    /// - Throws: 404 for an unknown merchant, 422 when it takes no QR payments or the amount is refused.
    public func merchantPayload(_ id: String, amount: Money?, for caller: HTTPCaller) async throws -> String {
        let merchant = try merchant(id, for: caller)
        if let amount, amount.currency != merchant.currency {
            throw HTTPProblem.unprocessable("the merchant is paid in \(merchant.currency.alphaCode)", field: "amount")
        }
        if merchant.instruments.contains(.emvQR) || merchant.instruments.contains(.sbpQR) {
            if amount == nil, let known = staticPayloads.withLock({ $0[id] }) { return known }
            do {
                let payload = try MerchantQRPayload.payload(for: merchant, amount: amount, directory: gateway.directory)
                if amount == nil { staticPayloads.withLock { $0[id] = payload } }
                return payload
            } catch {
                throw HTTPProblem.unprocessable("\(error)", field: "amount")
            }
        }
        if merchant.instruments.contains(.cbdcWallet), let wallet = merchant.cbdcWallet, let platform {
            guard let amount else {
                throw HTTPProblem.unprocessable(
                    "a digital-ruble merchant code is dynamic: give an amount", field: "amount")
            }
            return try await platform.merchantQR(wallet: wallet, amount: amount)
        }
        throw HTTPProblem.unprocessable(
            "merchant \(id) takes no QR payments (instruments: "
                + merchant.instruments.map(\.rawValue).sorted().joined(separator: ", ") + ")")
    }

    /// The merchant's QR code as an image, rendered once per payload and format and then served from memory.
    /// - Throws: as ``merchantPayload(_:amount:for:)``, or 500 when rendering fails.
    public func merchantQRImage(_ id: String, amount: Money?, format: QRImageFormat, for caller: HTTPCaller)
        async throws -> [UInt8]
    {
        let payload = try await merchantPayload(id, amount: amount, for: caller)
        return try qrImages.image(payload: payload, format: format)
    }
}
