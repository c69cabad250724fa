import CorridorCore
import Foundation
import Yams

/// The participant banks a platform starts with, from YAML (`Samples/cbdc/platform.yaml`):
///
/// ```yaml
/// banks:
///   - id: sberbank              # 1–64 of A–Z a–z 0–9 . _ -
///     reserves: "100000000.00"  # RUB placed at the central bank
///     c2b_fee_bps: 30           # optional; the platform's cap when absent or above it
/// ```
/// Unknown keys are errors, so a misspelt key never passes silently.
public struct CBDCPlatformConfiguration: Sendable, Hashable {
    /// One participant bank.
    public struct Bank: Sendable, Hashable {
        /// The bank id.
        public let id: String
        /// Reserves at the central bank.
        public let reserves: Money
        /// The C2B fee rate, basis points; nil for the cap.
        public let c2bFeeBps: Int?
    }

    /// The banks, in file order.
    public let banks: [Bank]

    /// Parses the YAML text.
    /// - Throws: ``CBDCPlatformError/configurationInvalid(_:)`` naming the line and key.
    public init(yaml text: String) throws(CBDCPlatformError) {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw .configurationInvalid("not YAML: \(error)") }
        guard let mapping = root?.mapping else { throw .configurationInvalid("line 1: expected a mapping with `banks`") }
        for (key, _) in mapping where key.string != "banks" {
            throw .configurationInvalid("line \(key.mark.map { $0.line } ?? 0): unknown key `\(key.string ?? "?")`")
        }
        guard let list = mapping["banks"]?.sequence, !list.isEmpty else {
            throw .configurationInvalid("`banks`: expected a non-empty list")
        }
        var banks: [Bank] = []
        for item in list {
            let line = item.mark.map { $0.line } ?? 0
            guard let entry = item.mapping else { throw .configurationInvalid("line \(line): `banks` entries are mappings") }
            for (key, _) in entry where !["id", "reserves", "c2b_fee_bps"].contains(key.string ?? "") {
                throw .configurationInvalid("line \(key.mark.map { $0.line } ?? line): unknown key `\(key.string ?? "?")`")
            }
            guard let id = entry["id"]?.string, !id.isEmpty else { throw .configurationInvalid("line \(line): `id` is required") }
            guard let text = entry["reserves"]?.string, let reserves = try? Money(decimal: text, currency: .rub),
                  reserves.minorUnits >= 0
            else { throw .configurationInvalid("line \(line): `reserves` of \(id) must be a RUB amount such as \"1000.00\"") }
            var fee: Int?
            if let node = entry["c2b_fee_bps"] {
                guard let value = node.int, value >= 0 else {
                    throw .configurationInvalid("line \(line): `c2b_fee_bps` of \(id) must be a whole number ≥ 0")
                }
                fee = value
            }
            guard !banks.contains(where: { $0.id == id }) else { throw .configurationInvalid("line \(line): bank \(id) twice") }
            banks.append(Bank(id: id, reserves: reserves, c2bFeeBps: fee))
        }
        self.banks = banks
    }

    /// Reads and parses a file.
    /// - Throws: ``CBDCPlatformError/configurationInvalid(_:)``.
    public init(contentsOf url: URL) throws(CBDCPlatformError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .configurationInvalid("\(url.path): cannot be read")
        }
        do { try self.init(yaml: text) } catch { throw .configurationInvalid("\(url.lastPathComponent): \(error)") }
    }
}

extension DigitalRublePlatform {
    /// Registers the configuration's banks (idempotent: reserves are funded once per bank) and rebuilds the rest
    /// from the ledger (``restore()``, then ``restoreContracts()``): how a process joins a platform that may have run before.
    /// - Throws: ``CBDCPlatformError``, or ``LedgerError`` when the store fails.
    @discardableResult
    public func start(with configuration: CBDCPlatformConfiguration) async throws -> CBDCRestoreSummary {
        for bank in configuration.banks {
            try await registerBank(id: bank.id, reserves: bank.reserves, c2bFeeRateBps: bank.c2bFeeBps)
        }
        let summary = try await restore()
        try await restoreContracts()
        return summary
    }
}
