import FrontlineHTTP
import FrontlineStorage

extension AppConfiguration {
    /// One configuration key: its name in `frontline.json`, its environment variable and how a
    /// textual value is applied. JSON values are converted to text first (arrays joined by `,`).
    public struct Key: Sendable {
        public let name: String
        public let environment: String
        public let summary: String
        let apply: @Sendable (inout AppConfiguration, String) throws(ConfigurationError) -> Void
    }

    /// Every key, in the order of the README table.
    public static let keys: [Key] = [
        text("host", "Address to bind (`0.0.0.0` or `::` for all interfaces)") { $0.server.host = $1 },
        integer("port", "TCP port; 0 picks a free one", 0...65535) { $0.server.port = $1 },
        text("database", "SQLite database file") { $0.databasePath = $1 },
        text("public_dir", "Directory served at `/`") { $0.publicDirectory = $1 },
        text("config_dir", "Gazetteer, lexicon and demo data directory") { $0.configDirectory = $1 },
        text("api_token_env", "Environment variable holding the write token") { $0.apiTokenEnvironmentVariable = $1 },
        Key(name: "cors_origins", environment: "FRONTLINE_CORS_ORIGINS", summary: "Allowed CORS origins, comma-separated (`*` for any)") { config, value throws(ConfigurationError) in
            config.corsOrigins = value.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        },
        boolean("demo", "Load Config/demo into a fresh database at start") { $0.demo = $1 },
        text("log_level", "trace, debug, info, notice, warning, error or critical") { $0.logLevel = $1 },
        boolean("access_log", "One access-log line per request on stderr") { $0.server.accessLog = $1 },
        integer("workers", "Worker threads running handlers", 1...1024) { $0.server.workerCount = $1 },
        integer("max_connections", "Open connections before new ones get 503", 1...1_000_000) { $0.server.maxConnections = $1 },
        integer("max_streams", "Concurrent streaming responses (CSV, SSE)", 1...100_000) { $0.server.maxStreams = $1 },
        integer("max_body_bytes", "Largest request body (413 above)", 0...(1 << 34)) { $0.server.limits.maxBodyBytes = $1 },
        boolean("response_cache", "Reuse encoded JSON bodies of GETs until the data changes") { $0.responseCache = $1 },
        integer("max_decompressed_bytes", "Largest decompressed gzip request body (413 above)", 1024...(1 << 34)) { $0.maxDecompressedBytes = $1 },
        integer("max_request_line_bytes", "Longest request line (414 above)", 64...(1 << 20)) { $0.server.limits.maxRequestLineBytes = $1 },
        integer("max_header_bytes", "Largest header section (431 above)", 256...(1 << 24)) { $0.server.limits.maxHeaderBytes = $1 },
        integer("max_header_count", "Most header fields (431 above)", 1...10_000) { $0.server.limits.maxHeaderCount = $1 },
        seconds("header_timeout_s", "Seconds to receive a request head") { $0.server.headerTimeout = $1 },
        seconds("body_timeout_s", "Seconds to receive a request body") { $0.server.bodyTimeout = $1 },
        seconds("idle_timeout_s", "Seconds an idle keep-alive connection is kept") { $0.server.idleTimeout = $1 },
        seconds("write_timeout_s", "Seconds a response write may wait for the client") { $0.server.writeTimeout = $1 },
        seconds("shutdown_grace_s", "Seconds shutdown waits for in-flight requests") { $0.server.shutdownGracePeriod = $1 },
        integer("rate_limit_per_s", "Requests a second per non-loopback client; 0 disables", 0...1_000_000) { $0.rateLimitPerSecond = $1 },
        integer("rate_limit_burst", "Requests a client may make at once", 1...1_000_000) { $0.rateLimitBurst = $1 },
        Key(name: "synchronous", environment: environmentName("synchronous"), summary: "SQLite durability: normal or full") { config, value throws(ConfigurationError) in
            guard ["normal", "full"].contains(value) else {
                throw ConfigurationError(key: "synchronous", source: "", message: "must be normal or full, got \"\(value)\"")
            }
            config.synchronous = value
        },
        integer("ingest_batch", "Articles per transaction of a bulk ingest", StorageConfiguration.batchSizes) { $0.ingestBatch = $1 },
        integer("merge_window_days", "Days within which non-capture reports merge into one event", 0...365) { $0.mergeWindowDays = $1 },
        Key(name: "control_baseline", environment: environmentName("control_baseline"), summary: "Day from which provinces start as government") { config, value throws(ConfigurationError) in
            let parts = value.split(separator: "-")
            guard value.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else {
                throw ConfigurationError(key: "control_baseline", source: "", message: "must be a date YYYY-MM-DD, got \"\(value)\"")
            }
            config.controlBaseline = value
        },
    ]

    static func environmentName(_ key: String) -> String { "FRONTLINE_" + key.uppercased() }

    static func text(_ name: String, _ summary: String, _ set: @escaping @Sendable (inout AppConfiguration, String) -> Void) -> Key {
        Key(name: name, environment: environmentName(name), summary: summary) { config, value throws(ConfigurationError) in
            guard !value.isEmpty else { throw ConfigurationError(key: name, source: "", message: "must not be empty") }
            set(&config, value)
        }
    }

    static func integer(_ name: String, _ summary: String, _ range: ClosedRange<Int>,
                        _ set: @escaping @Sendable (inout AppConfiguration, Int) -> Void) -> Key {
        Key(name: name, environment: environmentName(name), summary: summary) { config, value throws(ConfigurationError) in
            guard let number = Int(value), range.contains(number) else {
                throw ConfigurationError(key: name, source: "", message: "must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(value)\"")
            }
            set(&config, number)
        }
    }

    static func seconds(_ name: String, _ summary: String, _ set: @escaping @Sendable (inout AppConfiguration, Double) -> Void) -> Key {
        Key(name: name, environment: environmentName(name), summary: summary) { config, value throws(ConfigurationError) in
            guard let number = Double(value), number > 0, number <= 86_400 else {
                throw ConfigurationError(key: name, source: "", message: "must be a number of seconds in (0, 86400], got \"\(value)\"")
            }
            set(&config, number)
        }
    }

    static func boolean(_ name: String, _ summary: String, _ set: @escaping @Sendable (inout AppConfiguration, Bool) -> Void) -> Key {
        Key(name: name, environment: environmentName(name), summary: summary) { config, value throws(ConfigurationError) in
            switch value.lowercased() {
            case "1", "true", "yes", "on": set(&config, true)
            case "0", "false", "no", "off": set(&config, false)
            default: throw ConfigurationError(key: name, source: "", message: "must be true or false, got \"\(value)\"")
            }
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
