import CorridorISO8583

extension ISO8583Server {
    /// Where the endpoint listens, how it frames and reads messages, and the limits it holds every peer to.
    public struct Configuration: Sendable {
        /// Address to bind; loopback by default, so nothing outside the machine can connect unless asked to.
        public var host: String
        /// TCP port; 0 lets the system choose one, which ``ISO8583Server/port`` then reports.
        public var port: Int
        /// The length prefix before every message (DESIGN.md §3: 2-byte big-endian by default).
        public var framing: ISO8583Framing
        /// The dialect requests are unpacked with and responses packed with.
        public var spec: MessageSpec
        /// The longest request accepted, in bytes without the prefix; a longer one closes the connection.
        public var frameSizeMax: Int
        /// A connection is closed after this long without a byte read or an answer written, unless the handler is
        /// working on one of its requests; nil never closes one.
        public var idleTimeout: Duration?
        /// Connections served at once; one more is closed as soon as it is accepted.
        public var connectionCountMax: Int
        /// Requests of one connection being answered at once; reading from that peer pauses at this many.
        public var pipelineDepthMax: Int

        /// Creates a configuration; every parameter has the default a `corridor serve` would use.
        /// - Parameters:
        ///   - host: address to bind.
        ///   - port: TCP port, 0 for any free one.
        ///   - framing: length prefix.
        ///   - spec: message dialect.
        ///   - frameSizeMax: longest request in bytes, at least 1.
        ///   - idleTimeout: quiet time after which a connection is closed, nil for none.
        ///   - connectionCountMax: connections at once, at least 1.
        ///   - pipelineDepthMax: requests in progress per connection, at least 1.
        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            framing: ISO8583Framing = .twoByteBinary,
            spec: MessageSpec = .ascii1987,
            frameSizeMax: Int = 8_192,
            idleTimeout: Duration? = .seconds(300),
            connectionCountMax: Int = 1_024,
            pipelineDepthMax: Int = 64
        ) {
            precondition(frameSizeMax >= 1, "frameSizeMax must be at least 1")
            precondition(connectionCountMax >= 1, "connectionCountMax must be at least 1")
            precondition(pipelineDepthMax >= 1, "pipelineDepthMax must be at least 1")
            self.host = host
            self.port = port
            self.framing = framing
            self.spec = spec
            self.frameSizeMax = frameSizeMax
            self.idleTimeout = idleTimeout
            self.connectionCountMax = connectionCountMax
            self.pipelineDepthMax = pipelineDepthMax
        }
    }
}
