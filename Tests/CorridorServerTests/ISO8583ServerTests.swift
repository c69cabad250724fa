import CorridorISO8583
import CorridorServer
import NIOCore
import NIOPosix
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a server on an ephemeral loopback port, runs `body`, and shuts the server down whatever happens.
func withServer<Result: Sendable>(
    _ configuration: ISO8583Server.Configuration = .init(), handler: some ISO8583RequestHandler,
    logs: LogCapture = LogCapture(), _ body: (ISO8583Server) async throws -> Result
) async throws -> Result {
    let server = try await ISO8583Server.start(configuration: configuration, handler: handler, logger: logs.logger())
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

@Suite("ISO 8583 endpoint over loopback TCP", .timeLimit(.minutes(1)))
struct ISO8583ServerTests {
    typealias Request = TestRequests

    // MARK: Framing and order

    @Test(arguments: ISO8583Framing.allCases)
    func eachFramingCarriesPipelinedRequestsAndAnswers(_ framing: ISO8583Framing) async throws {
        try await withServer(.init(framing: framing), handler: ApprovingHandler()) { server in
            #expect(server.port > 0)
            try await TestClient.withConnection(port: server.port, framing: framing) { connection in
                try await connection.send(Request.authorization(stan: 1), Request.authorization(stan: 2))
                let first = try #require(try await connection.receive())
                let second = try #require(try await connection.receive())
                #expect(first.mti == "0110" && first[text: 39] == "00" && first[text: 11] == "000001")
                #expect(second.mti == "0110" && second[text: 39] == "00" && second[text: 11] == "000002")
            }
        }
    }

    @Test func pipelinedAnswersKeepRequestOrderWhenTheHandlerFinishesThemOutOfOrder() async throws {
        try await withServer(handler: SleepingHandler()) { server in
            try await TestClient.withConnection(port: server.port) { connection in
                // The first request sleeps longest, the last not at all.
                let delays = ["0400", "0250", "0100", "0000"]
                let requests = delays.enumerated().map { index, delay in
                    Request.authorization(stan: index + 1, amount: "00000000" + delay)
                }
                try await connection.send(requests[0], requests[1], requests[2], requests[3])
                var stans: [String] = []
                for _ in requests { stans.append(try #require(try await connection.receive())[text: 11] ?? "") }
                #expect(stans == ["000001", "000002", "000003", "000004"])
            }
        }
    }

    @Test func pipelinedRequestsOfOneConnectionAreAnsweredConcurrently() async throws {
        // All four must be inside the handler at once before any is answered.
        try await withServer(handler: BarrierHandler(count: 4)) { server in
            try await TestClient.withConnection(port: server.port) { connection in
                try await connection.send(
                    Request.authorization(stan: 1), Request.authorization(stan: 2), Request.authorization(stan: 3),
                    Request.authorization(stan: 4))
                for stan in 1...4 {
                    let answer = try #require(try await connection.receive())
                    #expect(answer[text: 11] == Request.stanText(stan))
                    #expect(answer[text: 39] == "00")
                }
            }
        }
    }

    @Test func droppedRequestsHoldUpNoLaterAnswer() async throws {
        try await withServer(handler: DroppingHandler()) { server in
            try await TestClient.withConnection(port: server.port) { connection in
                try await connection.send(
                    Request.authorization(stan: 1), Request.authorization(stan: 2), Request.authorization(stan: 3),
                    Request.authorization(stan: 4), Request.authorization(stan: 5))
                var stans: [String] = []
                for _ in 0..<3 { stans.append(try #require(try await connection.receive())[text: 11] ?? "") }
                #expect(stans == ["000001", "000003", "000005"])
            }
        }
    }

    @Test func fiftyConnectionsAreAnsweredConcurrently() async throws {
        let connectionCount = 50
        try await withServer(handler: BarrierHandler(count: connectionCount)) { server in
            let answers = try await withThrowingTaskGroup(of: (Int, IsoMessage?).self) { group in
                for index in 0..<connectionCount {
                    group.addTask {
                        try await TestClient.withConnection(port: server.port) { connection in
                            let terminal = "TERM\(1000 + index)"
                            try await connection.send(Request.authorization(stan: index, terminal: terminal))
                            return (index, try await connection.receive())
                        }
                    }
                }
                var answers: [Int: IsoMessage] = [:]
                for try await (index, answer) in group { answers[index] = answer }
                return answers
            }
            #expect(answers.count == connectionCount)
            for (index, answer) in answers {
                #expect(answer[text: 39] == "00")
                #expect(answer[text: 41] == "TERM\(1000 + index)")
            }
        }
    }

    // MARK: Malformed input

    @Test func aMalformedMessageGetsAFormatErrorAndTheConnectionCarriesOn() async throws {
        let logs = LogCapture()
        try await withServer(handler: ApprovingHandler(), logs: logs) { server in
            try await TestClient.withConnection(port: server.port) { connection in
                var bad = try MessageSpec.ascii1987.pack(Request.authorization(stan: 2))
                bad[bad.count - 2] = UInt8(ascii: "X")  // field 49, the currency, is last
                try await connection.send(Request.authorization(stan: 1))
                try await connection.sendRaw(ISO8583Framing.twoByteBinary.frame(bad))
                try await connection.send(Request.authorization(stan: 3))
                let answers = [
                    try #require(try await connection.receive()), try #require(try await connection.receive()),
                    try #require(try await connection.receive()),
                ]
                #expect(answers.map(\.mti) == ["0110", "0110", "0110"])
                #expect(answers.map { $0[text: 39] } == ["00", "30", "00"])
                #expect(answers.map { $0[text: 11] } == ["000001", "000002", "000003"])
                #expect(answers[1][text: 41] == "TERM0001")
                #expect(answers[1].fields[2] == nil)
            }
        }
        #expect(logs.all.contains { $0.contains("iso8583.field=49") && $0.contains("iso8583.offset=") })
        #expect(!logs.all.contains { $0.contains(Request.pan) })
    }

    @Test func theBinaryBitmapDialectIsServedAndItsMalformedMessagesAnswered() async throws {
        let spec = MessageSpec.binaryBitmap1987
        try await withServer(.init(framing: .fourByteBinary, spec: spec), handler: ApprovingHandler()) { server in
            try await TestClient.withConnection(port: server.port, framing: .fourByteBinary, spec: spec) { connection in
                var bad = try spec.pack(Request.authorization(stan: 2))
                bad[bad.count - 2] = UInt8(ascii: "X")
                try await connection.sendRaw(ISO8583Framing.fourByteBinary.frame(bad))
                try await connection.send(Request.authorization(stan: 3))
                let first = try #require(try await connection.receive())
                let second = try #require(try await connection.receive())
                #expect(first[text: 39] == "30" && first[text: 11] == "000002" && first[text: 41] == "TERM0001")
                #expect(second[text: 39] == "00" && second[text: 11] == "000003")
            }
        }
    }

    @Test func aTruncatedMessageGetsAFormatError() async throws {
        try await withServer(handler: ApprovingHandler()) { server in
            try await TestClient.withConnection(port: server.port) { connection in
                let bytes = try MessageSpec.ascii1987.pack(Request.authorization(stan: 7))
                try await connection.sendRaw(ISO8583Framing.twoByteBinary.frame(Array(bytes.dropLast(2))))
                let answer = try #require(try await connection.receive())
                #expect(answer.mti == "0110" && answer[text: 39] == "30" && answer[text: 11] == "000007")
            }
        }
    }

    @Test func anUnreadableMTIClosesOnlyThatConnection() async throws {
        let logs = LogCapture()
        try await withServer(handler: ApprovingHandler(), logs: logs) { server in
            try await TestClient.withConnection(port: server.port) { bystander in
                try await TestClient.withConnection(port: server.port) { connection in
                    var bytes = try MessageSpec.ascii1987.pack(Request.authorization(stan: 1))
                    bytes.replaceSubrange(0..<4, with: Array("HELO".utf8))
                    try await connection.sendRaw(ISO8583Framing.twoByteBinary.frame(bytes))
                    #expect(await connection.receiveUntilClosed().isEmpty)
                }
                try await bystander.send(Request.authorization(stan: 2))
                #expect(try await bystander.receive()?[text: 39] == "00")
            }
        }
        #expect(logs.all.contains { $0.contains("unreadable message") && $0.contains("iso8583.field=0") })
        #expect(!logs.all.contains { $0.contains(Request.pan) })
    }

    @Test func aMessageThatIsNotARequestGetsNoAnswer() async throws {
        try await withServer(handler: ApprovingHandler()) { server in
            try await TestClient.withConnection(port: server.port) { connection in
                try await connection.send(IsoMessage(mti: "0110", text: [11: "000001", 39: "00"]))
                try await connection.send(Request.authorization(stan: 2))
                #expect(try await connection.receive()?[text: 11] == "000002")
            }
        }
    }

    @Test func anAnswerThatDoesNotPackBecomesASystemMalfunction() async throws {
        struct BrokenHandler: ISO8583RequestHandler {
            func respond(to request: IsoMessage) async -> IsoMessage? {
                IsoMessage(mti: "0110", text: [11: request[text: 11] ?? "", 39: "00", 4: "ten roubles"])
            }
        }
        try await withServer(handler: BrokenHandler()) { server in
            try await TestClient.withConnection(port: server.port) { connection in
                try await connection.send(Request.authorization(stan: 9))
                let answer = try #require(try await connection.receive())
                #expect(answer.mti == "0110" && answer[text: 39] == "96" && answer[text: 11] == "000009")
            }
        }
    }

    @Test func anOversizedFrameClosesTheConnectionAfterTheEarlierAnswers() async throws {
        let logs = LogCapture()
        try await withServer(.init(frameSizeMax: 200), handler: ApprovingHandler(), logs: logs) { server in
            try await TestClient.withConnection(port: server.port) { connection in
                let request = try MessageSpec.ascii1987.pack(Request.authorization(stan: 1))
                var bytes = try ISO8583Framing.twoByteBinary.frame(request)
                bytes += [0x13, 0x88]  // 5,000 bytes announced
                try await connection.sendRaw(bytes)
                let answers = await connection.receiveUntilClosed()
                #expect(answers.map { $0[text: 11] } == ["000001"])
            }
        }
        #expect(logs.all.contains { line in
            line.contains("framing error") && line.contains("frameTooLong(length: 5000, maximum: 200")
        })
    }

    @Test func aBadASCIILengthClosesTheConnection() async throws {
        try await withServer(.init(framing: .fourASCIIDigits), handler: ApprovingHandler()) { server in
            try await TestClient.withConnection(port: server.port, framing: .fourASCIIDigits) { connection in
                try await connection.sendRaw(Array("12ab0100".utf8))
                #expect(await connection.receiveUntilClosed().isEmpty)
            }
        }
    }

    @Test func aZeroLengthClosesTheConnection() async throws {
        try await withServer(handler: ApprovingHandler()) { server in
            try await TestClient.withConnection(port: server.port) { connection in
                try await connection.sendRaw([0, 0])
                #expect(await connection.receiveUntilClosed().isEmpty)
            }
        }
    }

    // MARK: Connections

    @Test func aQuietConnectionIsClosedAfterTheIdleTimeout() async throws {
        // One second: on a machine loaded by the rest of the suite, the request's own round trip may take a good
        // part of a shorter timeout.
        try await withServer(.init(idleTimeout: .seconds(1)), handler: ApprovingHandler()) { server in
            let start = ContinuousClock.now
            // The client's own watchdog is 120 s away: on a machine loaded by the rest of the suite, the server's
            // close may take seconds to be seen, but never that long.
            try await TestClient.withConnection(port: server.port, lifetime: .seconds(120)) { connection in
                try await connection.send(Request.authorization(stan: 1))
                #expect(try await connection.receive() != nil)
                #expect(await connection.receiveUntilClosed().isEmpty)
            }
            let elapsed = ContinuousClock.now - start
            #expect(elapsed >= .seconds(1))
            // Below the client's watchdog, so the server is the one that closed it.
            #expect(elapsed < .seconds(110))
        }
    }

    @Test func aConnectionAwaitingASlowAnswerIsNotIdle() async throws {
        // The answer takes three idle timeouts; the timeout leaves room for a loaded machine to read the request
        // and write the answer.
        try await withServer(.init(idleTimeout: .seconds(1)), handler: SleepingHandler()) { server in
            try await TestClient.withConnection(port: server.port) { connection in
                try await connection.send(Request.authorization(stan: 1, amount: "000000003000"))
                #expect(try await connection.receive()?[text: 39] == "00")
            }
        }
    }

    @Test func aConnectionKilledMidFrameDoesNotDisturbTheOthers() async throws {
        try await withServer(handler: SleepingHandler()) { server in
            try await TestClient.withConnection(port: server.port) { bystander in
                // The bystander has a slow request in progress while the other connection dies.
                try await bystander.send(Request.authorization(stan: 1, amount: "000000000300"))
                try await TestClient.withConnection(port: server.port) { victim in
                    let frame = try ISO8583Framing.twoByteBinary.frame(
                        MessageSpec.ascii1987.pack(Request.authorization(stan: 2)))
                    try await victim.sendRaw(Array(frame.prefix(frame.count / 2)))
                    // Reset rather than close: SO_LINGER 0 makes close() send RST.
                    let socket = try #require(victim.channel as? any SocketOptionProvider)
                    try await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                    try await victim.channel.close()
                }
                #expect(try await bystander.receive()?[text: 11] == "000001")
                // A quick one (0.1 s): the default amount would sleep 10 s, half the connection's lifetime.
                try await bystander.send(Request.authorization(stan: 3, amount: "000000000100"))
                #expect(try await bystander.receive()?[text: 11] == "000003")
            }
            try await TestClient.withConnection(port: server.port) { newcomer in
                try await newcomer.send(Request.authorization(stan: 4))
                #expect(try await newcomer.receive()?[text: 11] == "000004")
            }
        }
    }

    @Test func connectionsAboveTheMaximumAreClosed() async throws {
        let logs = LogCapture()
        try await withServer(.init(connectionCountMax: 2), handler: ApprovingHandler(), logs: logs) { server in
            try await TestClient.withConnection(port: server.port) { first in
                try await TestClient.withConnection(port: server.port) { second in
                    try await first.send(Request.authorization(stan: 1))
                    try await second.send(Request.authorization(stan: 2))
                    #expect(try await first.receive() != nil)
                    #expect(try await second.receive() != nil)
                    try await TestClient.withConnection(port: server.port) { third in
                        #expect(await third.receiveUntilClosed().isEmpty)
                    }
                }
            }
        }
        #expect(logs.all.contains { $0.contains("refusing connection") })
    }

    @Test func shutdownClosesConnectionsAndTheListenerWithoutWaitingForSlowAnswers() async throws {
        let server = try await ISO8583Server.start(handler: SleepingHandler())
        let port = server.port
        try await TestClient.withConnection(port: port) { connection in
            try await connection.send(Request.authorization(stan: 1, amount: "000000060000"))
            // Wait until the server has the connection, then stop it while the answer is 60 s away.
            while server.connectionCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
            let start = ContinuousClock.now
            await server.shutdown()
            // The answer was 60 s away: shutting down returned long before it (with room for a loaded CI machine),
            // and the connection closed with no answer written, so the server did not wait for it.
            #expect(ContinuousClock.now - start < .seconds(45))
            #expect(await connection.receiveUntilClosed().isEmpty)
        }
        // The listener is closed. (Connecting to its port again proves nothing: with the suite running in parallel,
        // another test's server may already have been given the freed port.)
        #expect(!server.isListening)
        #expect(server.connectionCount == 0)
        await server.shutdown()  // a second call just returns
    }

    @Test func cancellingRunShutsTheServerDown() async throws {
        let server = try await ISO8583Server.start(handler: ApprovingHandler())
        let running = Task { await server.run() }
        try await TestClient.withConnection(port: server.port) { connection in
            try await connection.send(Request.authorization(stan: 1))
            #expect(try await connection.receive() != nil)
        }
        #expect(server.isListening)
        running.cancel()
        await running.value
        // Closed, not merely abandoned (see the test above for why its port is not tried again).
        #expect(!server.isListening)
        #expect(server.connectionCount == 0)
    }
}
