/// One rule every ``CorridorLedger/SettlementBackend`` must obey, as a test body that runs against any of them.
///
/// Guarantees: a case needs only a fresh, empty backend and the simulated clock it was made with (the
/// ``LedgerFixture``); it computes its expectations with its own arithmetic, never by reading them back from the
/// engine under test.
public struct LedgerConformanceCase: Sendable, Identifiable, CustomStringConvertible {
    /// The rule, as a lowerCamelCase sentence ("postingMovesBothBalances"); unique within the suite.
    public let name: String
    /// The body. Throws ``ConformanceFailure`` when the backend breaks the rule, anything else when it fails.
    public let run: @Sendable (LedgerFixture) async throws -> Void

    /// Creates a case.
    /// - Parameters:
    ///   - name: the rule it checks.
    ///   - run: the body.
    public init(_ name: String, run: @escaping @Sendable (LedgerFixture) async throws -> Void) {
        self.name = name
        self.run = run
    }

    /// The name: stable across runs, so a test runner can identify the case.
    public var id: String { name }

    public var description: String { name }
}
