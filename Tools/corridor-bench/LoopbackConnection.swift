#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A blocking TCP connection to a port on 127.0.0.1, shared by the HTTP and ISO 8583 bench clients.
enum LoopbackConnection {
    /// Connects and returns the socket descriptor (the caller closes it).
    /// - Throws: ``BenchSocketError`` when the socket cannot be made or the connection is refused.
    static func open(port: Int) throws -> Int32 {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw BenchSocketError.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(descriptor)
            throw BenchSocketError.connect(code)
        }
        return descriptor
    }
}
