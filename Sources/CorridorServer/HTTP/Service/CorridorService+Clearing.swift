import CorridorCore
import CorridorGateway
import CorridorISO20022
import Foundation

extension CorridorService {
    /// Clears a business day (the operator only): nets, settles, writes the messages. Running a day again gives the
    /// same run.
    /// - Throws: 422 naming `businessDate` when it is not a date.
    public func clear(_ body: APIClearingRequest) async throws -> APIClearingRun {
        let date = try businessDate(body.businessDate ?? gateway.businessDate(at: Date()).text)
        let run = try await gateway.clear(businessDate: date)
        clearingRuns.keep(run)
        return Self.describe(run, for: .admin)
    }

    /// A day's clearing run as the caller may see it: its own positions and statements (the operator: everything).
    /// - Throws: 404 for a malformed date.
    public func clearingRun(_ date: String, for caller: HTTPCaller) async throws -> APIClearingRun {
        Self.describe(try await run(date), for: caller)
    }

    /// One file of a run, when the caller may see it.
    /// - Throws: 404 when there is no such file for the caller.
    public func clearingFile(_ date: String, name: String, for caller: HTTPCaller) async throws -> String {
        let run = try await run(date)
        guard let file = Self.visibleFiles(run, for: caller).first(where: { $0.name == name }) else {
            throw HTTPProblem.notFound("no file \(name) in the run of \(date)")
        }
        return file.text
    }

    private func run(_ date: String) async throws -> ClearingRun {
        guard let parsed = ISODate(text: date) else { throw HTTPProblem.notFound("no clearing run \(date)") }
        if let run = clearingRuns.run(parsed.text) { return run }
        let run = try await gateway.clear(businessDate: parsed)
        clearingRuns.keep(run)
        return run
    }

    private func businessDate(_ text: String) throws(HTTPProblem) -> ISODate {
        guard let date = ISODate(text: text) else { throw .unprocessable("YYYY-MM-DD", field: "businessDate") }
        return date
    }

    static func visibleFiles(_ run: ClearingRun, for caller: HTTPCaller) -> [GeneratedFile] {
        if caller == .admin { return run.files }
        let own = Set(
            run.statements.filter { caller.mayAccess($0.participant) }.map(\.fileName)
                + run.notifications.filter { caller.mayAccess($0.participant) }.map(\.fileName))
        return run.files.filter { own.contains($0.name) }
    }

    static func describe(_ run: ClearingRun, for caller: HTTPCaller) -> APIClearingRun {
        let date = run.businessDate.text
        return APIClearingRun(
            businessDate: date, itemCount: run.netting.itemCount, balanced: run.netting.isBalanced,
            positions: run.netting.positions.filter { caller.mayAccess($0.participant) }.map {
                APIClearingRun.Position(
                    participant: $0.participant, owes: APIMoney($0.owesAmount),
                    grossDebits: $0.grossDebits, grossCredits: $0.grossCredits)
            },
            files: visibleFiles(run, for: caller).map {
                APIClearingRun.File(
                    name: $0.name, href: "/clearing/runs/\(date)/files/\($0.name)", bytes: $0.text.utf8.count)
            })
    }
}
