import NIOCore
import Testing

@testable import CorridorServer

/// The order and batching guarantees of the connection's ``ResponseSequencer``, without a socket.
@Suite("ISO 8583 response sequencer")
struct ResponseSequencerTests {
    private static func answer(_ byte: UInt8) -> RequestOutcome { .write(ByteBuffer(bytes: [byte])) }

    private static func bytes(_ answers: [RequestOutcome]?) -> [UInt8] {
        (answers ?? []).map { outcome in
            guard case .write(let buffer) = outcome else { return 0xFF }
            return buffer.getInteger(at: buffer.readerIndex) ?? 0xFE
        }
    }

    @Test func answersCompletedOutOfOrderReachTheWriterInOrderAndTogether() async throws {
        let sequencer = ResponseSequencer(depthMax: 8)
        var sequences: [Int] = []
        for _ in 0..<4 { sequences.append(try #require(await sequencer.reserve())) }
        sequencer.complete(sequences[2], with: Self.answer(3))
        sequencer.complete(sequences[1], with: Self.answer(2))
        sequencer.complete(sequences[3], with: Self.answer(4))
        // Nothing is ready while the first request is still being answered.
        #expect(sequencer.idleDeadline(timeout: .seconds(1)) == nil)
        sequencer.complete(sequences[0], with: Self.answer(1))
        // All four were ready when the writer asked: one batch, in request order.
        #expect(Self.bytes(await sequencer.nextAnswers()) == [1, 2, 3, 4])
        sequencer.markWritten(4)
        sequencer.finish()
        #expect(await sequencer.nextAnswers() == nil)
    }

    @Test func aDroppedRequestHoldsUpNoLaterAnswerAndFreesItsSlot() async throws {
        let sequencer = ResponseSequencer(depthMax: 2)
        let first = try #require(await sequencer.reserve())
        let second = try #require(await sequencer.reserve())
        sequencer.complete(second, with: Self.answer(2))
        sequencer.complete(first, with: .none)
        #expect(Self.bytes(await sequencer.nextAnswers()) == [2])
        // The dropped request's slot is free at once; the written one's after markWritten.
        let third = try #require(await sequencer.reserve())
        sequencer.markWritten(1)
        let fourth = try #require(await sequencer.reserve())
        #expect([first, second, third, fourth] == [0, 1, 2, 3])
    }

    @Test func aWaitingWriterIsWokenByTheNextAnswerAndEndedByFinish() async throws {
        let sequencer = ResponseSequencer(depthMax: 4)
        let sequence = try #require(await sequencer.reserve())
        async let taken = sequencer.nextAnswers()
        try await Task.sleep(for: .milliseconds(20))
        sequencer.complete(sequence, with: Self.answer(7))
        #expect(Self.bytes(await taken) == [7])
        async let last = sequencer.nextAnswers()
        try await Task.sleep(for: .milliseconds(20))
        sequencer.finish()
        #expect(await last == nil)
    }

    @Test func answersNotYetTakenByTheWriterKeepTheConnectionFromIdling() async throws {
        let sequencer = ResponseSequencer(depthMax: 4)
        let sequence = try #require(await sequencer.reserve())
        sequencer.complete(sequence, with: Self.answer(1))
        #expect(sequencer.idleDeadline(timeout: .seconds(1)) == nil)
        _ = await sequencer.nextAnswers()
        #expect(sequencer.idleDeadline(timeout: .seconds(1)) != nil)
    }

    @Test func aCancelledWriterGetsNil() async throws {
        let sequencer = ResponseSequencer(depthMax: 4)
        let writer = Task { await sequencer.nextAnswers() }
        try await Task.sleep(for: .milliseconds(20))
        writer.cancel()
        #expect(await writer.value == nil)
    }
}
