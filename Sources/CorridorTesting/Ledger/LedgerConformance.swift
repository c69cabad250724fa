/// The conformance suite every ``CorridorLedger/SettlementBackend`` must pass (DESIGN.md §4, issue 3): one list of
/// cases, each a rule with a body that runs against any backend through a ``LedgerFixture``.
///
/// The test target runs every case against the in-memory, SQLite and PostgreSQL backends, each case on a fresh,
/// empty backend made with the fixture's simulated clock.
public enum LedgerConformance {
    /// Every case, grouped by topic; names are unique.
    public static let cases: [LedgerConformanceCase] =
        accountCases + rejectionCases + postingCases + twoPhaseCases + idempotencyCases + queryCases
        + workloadCases
}
