import CorridorCore
import CorridorLedger
import CorridorTesting
import Testing

extension LedgerConformanceCase: CustomTestStringConvertible {
    public var testDescription: String { name }
}

/// The one conformance suite (CorridorTesting's `LedgerConformance`) against every settlement backend: one test
/// per backend, parameterized over the cases, each case on a fresh, empty backend.
@Suite("Settlement backend conformance")
struct LedgerConformanceTests {
    @Test(arguments: LedgerConformance.cases)
    func memory(_ conformanceCase: LedgerConformanceCase) async throws {
        try await Self.run(conformanceCase, on: .memory)
    }

    @Test(arguments: LedgerConformance.cases)
    func sqlite(_ conformanceCase: LedgerConformanceCase) async throws {
        try await Self.run(conformanceCase, on: .sqlite)
    }

    /// Skipped when `CORRIDOR_POSTGRES_URL` is unset, except in CI, where every case fails instead.
    @Test(
        .enabled(
            if: LedgerBackendUnderTest.postgresURL != nil || LedgerBackendUnderTest.isCI,
            "CORRIDOR_POSTGRES_URL is not set"
        ),
        arguments: LedgerConformance.cases
    )
    func postgres(_ conformanceCase: LedgerConformanceCase) async throws {
        guard LedgerBackendUnderTest.postgresURL != nil else {
            Issue.record("CORRIDOR_POSTGRES_URL missing in CI: the PostgreSQL suite must run there, not skip")
            return
        }
        try await Self.run(conformanceCase, on: .postgres)
    }

    @Test func caseNamesAreUniqueAndEnough() {
        let names = LedgerConformance.cases.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.count >= 45)
    }

    /// Runs one case on a fresh backend; a failed check becomes an issue at the check's source line.
    static func run(_ conformanceCase: LedgerConformanceCase, on backendUnderTest: LedgerBackendUnderTest) async throws {
        let clock = LedgerFixture.makeClock()
        let instance = try await backendUnderTest.make(clock: clock)
        let fixture = LedgerFixture(backend: instance.backend, clock: clock)
        do {
            try await conformanceCase.run(fixture)
        } catch let failure as ConformanceFailure {
            Issue.record(
                Comment(rawValue: "\(backendUnderTest) · \(conformanceCase.name): \(failure.message)"),
                sourceLocation: SourceLocation(
                    fileID: failure.fileID, filePath: failure.filePath, line: failure.line, column: failure.column
                )
            )
        } catch {
            await instance.tearDown()
            throw error
        }
        await instance.tearDown()
    }
}
