import CorridorCore
import Foundation
import Testing

@Suite("Simulated wall clock")
struct SimulatedWallClockTests {
    static let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func firstReadingIsTheStart() {
        #expect(SimulatedWallClock(start: Self.start).now() == Self.start)
        #expect(SimulatedWallClock(start: Self.start, step: 5).now() == Self.start)
    }

    @Test func eachReadingMovesTheClockByTheStep() {
        let clock = SimulatedWallClock(start: Self.start, step: 2)
        let readings = (0..<5).map { _ in clock.now() }
        #expect(readings == (0..<5).map { Self.start.addingTimeInterval(Double($0) * 2) })
    }

    @Test func zeroStepClockStandsStillUntilAdvanced() {
        let clock = SimulatedWallClock(start: Self.start)
        #expect(clock.now() == Self.start)
        #expect(clock.now() == Self.start)
        clock.advance(by: 60)
        #expect(clock.now() == Self.start.addingTimeInterval(60))
        clock.advance(by: 0)
        #expect(clock.now() == Self.start.addingTimeInterval(60))
    }

    @Test func advanceAddsToTheStep() {
        let clock = SimulatedWallClock(start: Self.start, step: 1)
        #expect(clock.now() == Self.start)
        clock.advance(by: 100)
        #expect(clock.now() == Self.start.addingTimeInterval(101))
        #expect(clock.now() == Self.start.addingTimeInterval(102))
    }

    @Test func sameStartAndStepGiveTheSameReadings() {
        let first = SimulatedWallClock(start: Self.start, step: 0.25)
        let second = SimulatedWallClock(start: Self.start, step: 0.25)
        #expect((0..<100).map { _ in first.now() } == (0..<100).map { _ in second.now() })
    }

    @Test func readingsNeverGoBackwards() {
        let clock = SimulatedWallClock(start: Self.start, step: 0.001)
        var previous = clock.now()
        for index in 0..<10_000 {
            if index % 100 == 0 { clock.advance(by: 0.5) }
            let reading = clock.now()
            #expect(reading > previous)
            previous = reading
        }
    }

    @Test func concurrentReadingsAreDistinctAndIncreasing() async {
        // A whole-second step keeps every reading exactly representable, so the full set can be compared.
        let clock = SimulatedWallClock(start: Self.start, step: 1)
        let taskCount = 64
        let readingsPerTask = 200
        let perTask = await withTaskGroup(of: [Date].self) { group in
            for _ in 0..<taskCount {
                group.addTask { (0..<readingsPerTask).map { _ in clock.now() } }
            }
            var all: [[Date]] = []
            for await readings in group { all.append(readings) }
            return all
        }
        for readings in perTask {
            #expect(zip(readings, readings.dropFirst()).allSatisfy { $0 < $1 })
        }
        let sorted = perTask.flatMap { $0 }.sorted()
        #expect(Set(sorted).count == taskCount * readingsPerTask)
        #expect(sorted == (0..<taskCount * readingsPerTask).map { Self.start.addingTimeInterval(Double($0)) })
    }

    @Test func defaultStartIsNewYear2026InUTC() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let expected = try #require(calendar.date(from: DateComponents(year: 2026, month: 1, day: 1)))
        #expect(SimulatedWallClock.defaultStart == expected)
    }

    @Test func simulatedClockServesAsAWallClock() {
        let clock: any WallClock = SimulatedWallClock(start: Self.start)
        #expect(clock.now() == Self.start)
    }
}
