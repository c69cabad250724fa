import CorridorCore
import CorridorISO8583
import CorridorIssuer
import CorridorLedger
import CorridorLedgerSQLite
import CorridorServer
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Measures `tcp_auth_per_s` and `tcp_auth_p99_ms` (issue 4 §5): 0100 authorizations over loopback TCP from
/// 8 connections, each keeping a window of requests in flight, to an `ISO8583Server` in front of an `IssuerHost`
/// on a SQLite ledger (`synchronous=FULL`). End to end: frame, unpack, issuer decision, ledger hold committed to
/// disk (group commit), pack, frame back. Each connection sends every request its window allows in one write.
///
/// Two runs on one server:
/// - closed loop (each connection keeps `window` requests in flight): `tcp_auth_per_s`, the most the server does, and
///   `tcp_auth_saturated_p99_ms` (at saturation, latency is the window over the rate: 128 in flight at 37,000 /s is
///   3.5 ms before anything else);
/// - open loop at `pacedRate` (the 20,000 /s, spread over the connections, each request sent when due
///   whatever the answers do): `tcp_auth_p99_ms`, each request timed from when it was due, so a pause of the server
///   counts for every request that queued behind it (a closed loop would stop sending and hide it). The open loop
///   runs on two client threads (`PacedLoad`: one sends for every connection, one polls and reads them all), so the
///   client's own scheduling on this 2-core machine stays out of the figure as far as it can.
/// `CORRIDOR_BENCH_TCP_DUMP=FILE` writes connection 0's paced latencies (index, nanoseconds, due
/// time on `CLOCK_MONOTONIC` to line up with `perf record -k mono`), to find pauses.
enum TCPAuthBench {
    static let connectionCount = 8
    static let window = 16
    static let cardCount = 1_000
    static let sendsPerFrame = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_TCP_CLIENT"] == "perframe"

    static func run(_ options: BenchOptions) async throws {
        let perConnection = options.quick ? 500 : 12_500
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-bench-tcp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fsyncMs = try FlushTimer.medianMs(in: directory, samples: 50)

        let tokenizer = CardTokenizer(key: Data(repeating: 1, count: 32))
        var portfolio = IssuerPortfolio()
        portfolio.add(IssuerProfile(id: "benchbank", name: "Bench Bank", country: .russia))
        var pans: [String] = []
        for index in 0..<cardCount {
            let pan = Luhn.appendingCheckDigit(to: "220070" + digits(index, 9))!
            pans.append(pan)
            portfolio.add(IssuedCard(
                token: tokenizer.token(for: try PrimaryAccountNumber(pan)), issuerID: "benchbank", currency: .rub,
                openingBalance: Money(minorUnits: 1_000_000_000_00, currency: .rub), expiry: "3012"))
        }
        // CORRIDOR_BENCH_TCP_BACKEND=memory isolates the network and issuer costs from the disk (investigation only).
        let inMemory = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_TCP_BACKEND"] == "memory"
        let backend: any SettlementBackend = inMemory
            ? InMemorySettlementBackend()
            : try SQLiteSettlementBackend(path: directory.appendingPathComponent("bench.sqlite").path)
        try await IssuerLedgerAccounts.provision(portfolio, on: backend)
        var quiet = Logger(label: "corridor.bench")
        quiet.logLevel = .error
        let host = IssuerHost(
            portfolio: portfolio, backend: backend, tokenizer: tokenizer,
            configuration: IssuerHostConfiguration(testMode: nil, approvalSeed: 1), logger: quiet)
        // CORRIDOR_BENCH_TCP_HANDLER=echo answers without the issuer host: the network path alone (investigation only).
        let echo = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_TCP_HANDLER"] == "echo"
        let server = echo
            ? try await ISO8583Server.start(
                configuration: ISO8583Server.Configuration(port: 0, pipelineDepthMax: window * 2), handler: EchoHandler(), logger: quiet)
            : try await ISO8583Server.start(
                configuration: ISO8583Server.Configuration(port: 0, pipelineDepthMax: window * 2), handler: host, logger: quiet)

        // Every request framed before the clock starts: the figure is the server's, not the client's packing.
        let frames = try (0..<connectionCount).map { try requestFrames(connection: $0, count: perConnection, pans: pans, terminal: "BENCH") }
        // The paced run's requests are other transactions (their own terminals), so none is a retransmission.
        let pacedFrames = try (0..<connectionCount).map {
            try requestFrames(connection: $0, count: pacedPerConnection(options), pans: pans, terminal: "PACED")
        }
        let port = server.port
        let cpuStarted = ProcessCPU.seconds()
        let started = ContinuousClock.now
        // Client connections on their own threads: blocking sockets must not sit on Swift's cooperative pool,
        // where the issuer host and the ledger run.
        let results = try await eachOnThread(frames) { try drive(port: port, frames: $0, window: window) }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpuSeconds = ProcessCPU.seconds() - cpuStarted

        // Latency at the target's rate: an open-loop load of `pacedRate` spread over the connections, each request
        // timed from the moment it was due (so a stalled server cannot hide its backlog from the figure).
        let interval = UInt64(1e9 / (Double(pacedRate) / Double(connectionCount)))
        let load = PacedLoad(port: port, lists: pacedFrames, intervalNs: interval)
        let (paced, pacedStart) = try await onThread { try load.run() }
        await server.shutdown()
        if let dump = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_TCP_DUMP"] {
            let text = paced[0].latenciesNs.enumerated().map {
                "\($0.offset) \($0.element) \(load.due(start: pacedStart, connection: 0, index: $0.offset))"
            }.joined(separator: "\n")
            try text.write(toFile: dump, atomically: true, encoding: .utf8)
        }
        var pacedLatencies = paced.flatMap(\.latenciesNs)
        pacedLatencies.sort()
        let pacedApprovals = paced.flatMap(\.answers).count { isApproval($0) }
        precondition(pacedApprovals == pacedLatencies.count, "\(pacedLatencies.count - pacedApprovals) paced authorizations were not approved")
        let pacedP50 = Double(pacedLatencies[pacedLatencies.count / 2]) / 1e6
        let pacedP99 = Double(pacedLatencies[min(pacedLatencies.count - 1, pacedLatencies.count * 99 / 100)]) / 1e6

        let total = results.reduce(0) { $0 + $1.latenciesNs.count }
        let approvals = results.reduce(0) { $0 + $1.approvals }
        precondition(approvals == total, "\(total - approvals) authorizations were not approved")
        var latencies = results.flatMap(\.latenciesNs)
        latencies.sort()
        let p50 = Double(latencies[latencies.count / 2]) / 1e6
        let p99 = Double(latencies[min(latencies.count - 1, latencies.count * 99 / 100)]) / 1e6
        // Process CPU (server, ledger and the in-process client together) per authorization: unlike the rate, it
        // barely moves when other work shares the machine.
        let cpuMicroseconds = (cpuSeconds / Double(total) * 1e7).rounded() / 10
        let note = "\(connectionCount) connections × \(window) in flight, \(total) 0100s, "
            + (echo ? "echo handler, no issuer (investigation)"
                : inMemory ? "in-memory ledger (investigation)" : "SQLite FULL, group commit")
            + "; process CPU \(cpuMicroseconds) µs per authorization"
        MetricLine(
            suite: "iso8583", metric: "tcp_auth_per_s", value: Double(total) / seconds, unit: "1/s", fsyncMs: fsyncMs,
            note: note
        ).emit()
        MetricLine(
            suite: "iso8583", metric: "tcp_auth_p99_ms", value: (pacedP99 * 1000).rounded() / 1000, unit: "ms",
            fsyncMs: fsyncMs,
            note: "at \(pacedRate) /s offered (open loop, \(connectionCount) connections, \(pacedLatencies.count) 0100s, "
                + "each timed from when it was due); p50 \((pacedP50 * 1000).rounded() / 1000) ms"
        ).emit()
        MetricLine(
            suite: "iso8583", metric: "tcp_auth_saturated_p99_ms", value: (p99 * 1000).rounded() / 1000, unit: "ms",
            fsyncMs: fsyncMs, note: note + "; p50 \((p50 * 1000).rounded() / 1000) ms (the closed-loop run: latency "
                + "at the maximum rate is the window divided by the rate)"
        ).emit()
    }

    /// The offered load of the latency run: the throughput target (CORRIDOR_BENCH_TCP_PACED_RATE overrides).
    static let pacedRate = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_TCP_PACED_RATE"].flatMap(Int.init) ?? 20_000

    /// Five seconds of the paced load per connection (half a second with --quick).
    static func pacedPerConnection(_ options: BenchOptions) -> Int {
        pacedRate / connectionCount * (options.quick ? 1 : 10) / 2
    }

    /// One connection's 0100s, packed and framed: distinct STANs, the connection's terminal (`terminal` + number).
    static func requestFrames(connection: Int, count: Int, pans: [String], terminal: String) throws -> [[UInt8]] {
        // Sent now, as an acquirer's are (a time before the host started would make each one a possible
        // retransmission of an earlier build's posting, looked up first).
        let now = CivilDate(unixMilliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        let monthDay = digits(now.month, 2) + digits(now.day, 2)
        let transmission = monthDay + digits(now.hour, 2) + digits(now.minute, 2) + digits(now.second, 2)
        var list: [[UInt8]] = []
        list.reserveCapacity(count)
        for index in 0..<count {
            let message = IsoMessage(mti: "0100", text: [
                2: pans[(connection * count + index) % pans.count], 3: "000000",
                4: digits(100 + index % 10_000, 12), 7: transmission, 11: digits(index % 1_000_000, 6),
                12: "120000", 13: monthDay, 14: "3012", 18: "5812", 22: "071", 32: "4000001",
                41: terminal + digits(connection, 3), 42: "BENCHMERCHANT01",
                43: "BENCH CAFE               MOSCOW       RU", 49: "643",
            ])
            let body = try MessageSpec.ascii1987.pack(message)
            list.append([UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body)
        }
        return list
    }

    /// Drives one connection per frame list, each on its own thread, and returns their results in list order.
    static func eachOnThread(
        _ lists: [[[UInt8]]], _ drive: @escaping @Sendable ([[UInt8]]) throws -> ConnectionResult
    ) async throws -> [ConnectionResult] {
        try await withThrowingTaskGroup(of: (Int, ConnectionResult).self) { group in
            for (index, list) in lists.enumerated() {
                group.addTask { (index, try await onThread { try drive(list) }) }
            }
            var all: [(Int, ConnectionResult)] = []
            for try await result in group { all.append(result) }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// Runs blocking work on a new thread and returns its result.
    static func onThread<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Swift.Result { try work() }) }
            thread.start()
        }
    }

    struct ConnectionResult: Sendable {
        var latenciesNs: [UInt64] = []
        var approvals = 0
    }

    /// One acquirer connection on a blocking socket: keeps `window` requests in flight, reads answers in order.
    static func drive(port: Int, frames: [[UInt8]], window: Int) throws -> ConnectionResult {
        let socketDescriptor = try LoopbackConnection.open(port: port)
        defer { close(socketDescriptor) }
        var noDelay: Int32 = 1
        setsockopt(socketDescriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))

        var result = ConnectionResult()
        result.latenciesNs.reserveCapacity(frames.count)
        var sentAt = [UInt64](repeating: 0, count: frames.count)
        var reader = FrameReader(descriptor: socketDescriptor)
        var nextToSend = 0
        var nextToReceive = 0
        var pending: [UInt8] = []
        while nextToReceive < frames.count {
            // Every request the window allows goes out in one send, as an acquirer's switch writes what it has
            // (CORRIDOR_BENCH_TCP_CLIENT=perframe sends each frame on its own).
            pending.removeAll(keepingCapacity: true)
            while nextToSend < frames.count, nextToSend - nextToReceive < window {
                sentAt[nextToSend] = DispatchTime.now().uptimeNanoseconds
                if sendsPerFrame {
                    try sendAll(socketDescriptor, frames[nextToSend])
                } else {
                    pending.append(contentsOf: frames[nextToSend])
                }
                nextToSend += 1
            }
            if !pending.isEmpty { try sendAll(socketDescriptor, pending) }
            let body = try reader.nextFrame()
            result.latenciesNs.append(DispatchTime.now().uptimeNanoseconds - sentAt[nextToReceive])
            if isApproval(body) { result.approvals += 1 }
            nextToReceive += 1
        }
        return result
    }

    /// Whether an answer body is an approval (field 39 is 00).
    static func isApproval(_ body: [UInt8]) -> Bool {
        guard let response = try? MessageSpec.ascii1987.unpack(body).message else { return false }
        return response[text: 39] == "00"
    }

    static func sendAll(_ descriptor: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress! + offset, bytes.count - offset, 0) }
            guard sent > 0 else { throw BenchSocketError.send(errno) }
            offset += sent
        }
    }

    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// Reads 2-byte length-prefixed frames from a blocking socket with one buffer.
struct FrameReader {
    let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    mutating func nextFrame() throws -> [UInt8] {
        while true {
            if let body = takeFrame() { return body }
            try receiveOnce()
        }
    }

    /// The next whole frame's body already received, if any.
    mutating func takeFrame() -> [UInt8]? {
        guard end - start >= 2 else { return nil }
        let length = Int(buffer[start]) << 8 | Int(buffer[start + 1])
        guard end - start >= 2 + length else { return nil }
        let body = Array(buffer[(start + 2)..<(start + 2 + length)])
        start += 2 + length
        return body
    }

    /// Reads once from the socket (blocking until something arrives) after what is buffered.
    mutating func receiveOnce() throws {
        if start > 0 {
            buffer.withUnsafeMutableBufferPointer { pointer in
                _ = memmove(pointer.baseAddress!, pointer.baseAddress! + start, end - start)
            }
            end -= start
            start = 0
        }
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress! + end, $0.count - end, 0) }
        guard count > 0 else { throw BenchSocketError.closed }
        end += count
    }
}

/// A socket call failed in the TCP benchmark.
enum BenchSocketError: Error {
    case socket(Int32), connect(Int32), send(Int32), closed
}

/// Answers every request 00 at once: the endpoint's own cost, without the issuer host.
struct EchoHandler: ISO8583RequestHandler {
    func respond(to request: IsoMessage) async -> IsoMessage? {
        var response = request
        response.mti = "0110"
        response[text: 39] = "00"
        return response
    }
}
