extension HTTPServer {
    /// Everything the server can be tuned with; every field has a production default.
    public struct Configuration: Sendable, Equatable {
        /// Address to bind: an IPv4/IPv6 literal or a name (`127.0.0.1`, `0.0.0.0`, `::`).
        public var host: String = "127.0.0.1"
        /// Port to bind; 0 picks a free one (read it back from `listeningPort`).
        public var port: Int = 8080
        /// Parser limits: request line, headers, body.
        public var limits: HTTPParserLimits = HTTPParserLimits()
        /// Seconds from a request's first byte to the end of its head (slow-loris guard).
        public var headerTimeout: Double = 10
        /// Seconds from the end of the head to the end of the body.
        public var bodyTimeout: Double = 30
        /// Seconds an idle keep-alive connection is kept.
        public var idleTimeout: Double = 60
        /// Seconds a single response write may wait for a client that does not read.
        public var writeTimeout: Double = 30
        /// Threads running handlers. Handlers may block (SQLite), so more than the core count.
        public var workerCount: Int = 16
        /// Open connections beyond which new ones get 503 and are closed.
        public var maxConnections: Int = 10_000
        /// Streaming responses (CSV exports, Server-Sent Events) at once; each has its own thread.
        public var maxStreams: Int = 256
        /// Requests served on one connection before it is closed (nginx keepalive_requests).
        public var maxRequestsPerConnection: Int = 10_000
        /// Seconds `shutdown()` waits for in-flight requests before cutting them off.
        public var shutdownGracePeriod: Double = 10
        /// Write one access-log line per request (info level).
        public var accessLog: Bool = true
        /// The `Server` header value (no version, on purpose).
        public var serverName: String = "Frontline"

        public init() {}

        public init(host: String = "127.0.0.1", port: Int = 8080, limits: HTTPParserLimits = HTTPParserLimits(),
                    headerTimeout: Double = 10, bodyTimeout: Double = 30, idleTimeout: Double = 60,
                    writeTimeout: Double = 30, workerCount: Int = 16, maxConnections: Int = 10_000,
                    maxStreams: Int = 256, maxRequestsPerConnection: Int = 10_000,
                    shutdownGracePeriod: Double = 10, accessLog: Bool = true) {
            self.host = host
            self.port = port
            self.limits = limits
            self.headerTimeout = headerTimeout
            self.bodyTimeout = bodyTimeout
            self.idleTimeout = idleTimeout
            self.writeTimeout = writeTimeout
            self.workerCount = workerCount
            self.maxConnections = maxConnections
            self.maxStreams = maxStreams
            self.maxRequestsPerConnection = maxRequestsPerConnection
            self.shutdownGracePeriod = shutdownGracePeriod
            self.accessLog = accessLog
        }

        /// A copy with `change` applied (handy in tests: `.init().with { $0.port = 0 }`).
        public func with(_ change: (inout Configuration) -> Void) -> Configuration {
            var copy = self
            change(&copy)
            return copy
        }
    }
}

extension Double {
    var nanoseconds: UInt64 { self <= 0 ? 0 : UInt64(self * 1_000_000_000) }
}
