import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The open-loop client of `tcp_auth_p99_ms`: every connection sends one request every `intervalNs` whatever the
/// answers do, and each latency runs from when its request was **due**, so a pause of the server counts for every
/// request that queued behind it.
///
/// Two threads drive all the connections, as a load generator would (wrk, for one, runs a few threads over
/// epoll): one sender, one reader polling every socket. A thread per connection (16 threads waking 20,000 times a
/// second on this 2-core machine) spent a quarter of the CPU during the server's busiest moments and put its own
/// scheduling delays into the figure. Connections are staggered by `intervalNs / connectionCount`, so arrivals
/// are spread evenly. Answers are unpacked (and approvals counted) after the clock stops.
struct PacedLoad {
    /// What one connection measured.
    struct Connection {
        var latenciesNs: [UInt64] = []
        var answers: [[UInt8]] = []
    }

    let port: Int
    let lists: [[[UInt8]]]
    let intervalNs: UInt64

    /// When connection `connection`'s request `index` is due.
    func due(start: UInt64, connection: Int, index: Int) -> UInt64 {
        start + UInt64(index) * intervalNs + UInt64(connection) * intervalNs / UInt64(lists.count)
    }

    /// Runs the load to the end and returns, per connection, its latencies and answer bodies, and the start time
    /// (`CLOCK_MONOTONIC` nanoseconds).
    func run() throws -> (connections: [Connection], startNs: UInt64) {
        let descriptors = try lists.map { _ in try LoopbackConnection.open(port: port) }
        defer { for descriptor in descriptors { close(descriptor) } }
        for descriptor in descriptors {
            var noDelay: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        }
        let start = DispatchTime.now().uptimeNanoseconds + 2_000_000
        let sender = Thread { send(descriptors: descriptors, start: start) }
        sender.start()
        return (try receive(descriptors: descriptors, start: start), start)
    }

    /// Sends every request when due: all those due by now in one write per connection, then sleeps until the
    /// next one is due.
    private func send(descriptors: [Int32], start: UInt64) {
        var next = [Int](repeating: 0, count: lists.count)
        var pending: [UInt8] = []
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            var nextDue = UInt64.max
            for (connection, frames) in lists.enumerated() {
                pending.removeAll(keepingCapacity: true)
                while next[connection] < frames.count, due(start: start, connection: connection, index: next[connection]) <= now {
                    pending.append(contentsOf: frames[next[connection]])
                    next[connection] += 1
                }
                if !pending.isEmpty {
                    guard (try? TCPAuthBench.sendAll(descriptors[connection], pending)) != nil else { return }
                }
                if next[connection] < frames.count {
                    nextDue = min(nextDue, due(start: start, connection: connection, index: next[connection]))
                }
            }
            guard nextDue != .max else { return }
            let after = DispatchTime.now().uptimeNanoseconds
            if nextDue > after { usleep(UInt32((nextDue - after) / 1000)) }
        }
    }

    /// Reads every connection's answers as they come (poll over all sockets), timing each from when it was due.
    private func receive(descriptors: [Int32], start: UInt64) throws -> [Connection] {
        var connections = lists.map { list in
            var connection = Connection()
            connection.latenciesNs.reserveCapacity(list.count)
            connection.answers.reserveCapacity(list.count)
            return connection
        }
        var readers = descriptors.map { FrameReader(descriptor: $0) }
        var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        var outstanding = lists.reduce(0) { $0 + $1.count }
        while outstanding > 0 {
            let ready = poll(&polled, nfds_t(polled.count), 10_000)
            guard ready > 0 else { throw BenchSocketError.closed }
            for connection in polled.indices where polled[connection].revents != 0 {
                try readers[connection].receiveOnce()
                let now = DispatchTime.now().uptimeNanoseconds
                while let body = readers[connection].takeFrame() {
                    let index = connections[connection].latenciesNs.count
                    connections[connection].latenciesNs.append(now &- due(start: start, connection: connection, index: index))
                    connections[connection].answers.append(body)
                    outstanding -= 1
                }
            }
        }
        return connections
    }
}
