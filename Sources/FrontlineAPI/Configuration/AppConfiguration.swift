import FrontlineStorage
import FrontlineHTTP

/// Everything `frontline serve` can be configured with.
///
/// Sources, lowest to highest precedence: built-in defaults, `Config/frontline.json`, `FRONTLINE_*`
/// environment variables, command-line flags (DESIGN.md §6). Every key is listed once, in
/// `AppConfiguration.keys`, and documented in the README's configuration table.
public struct AppConfiguration: Sendable, Equatable {
    /// Host, port, limits, timeouts and pool sizes of the HTTP server.
    public var server: HTTPServer.Configuration
    /// SQLite database file (created when missing).
    public var databasePath: String
    /// Directory served at `/` (the dashboard).
    public var publicDirectory: String
    /// Directory holding the gazetteer, lexicon and demo data.
    public var configDirectory: String
    /// Name of the environment variable that holds the API token for writes.
    public var apiTokenEnvironmentVariable: String
    /// The API token itself, read from that variable by `load` (never from the file).
    public var apiToken: String?
    /// Origins allowed by CORS (`*` for any); empty disables CORS headers.
    public var corsOrigins: [String]
    /// Load the demo data set into a fresh database at start.
    public var demo: Bool
    /// Minimum log level: trace, debug, info, notice, warning, error, critical.
    public var logLevel: String
    /// Largest decompressed size of a gzip request body (413 beyond: gzip bombs stop here).
    public var maxDecompressedBytes: Int
    /// Keep encoded JSON bodies of GETs for the current data version (off: every GET queries).
    public var responseCache: Bool
    /// Requests a second each non-loopback client (by token, else address) may make; 0 disables.
    public var rateLimitPerSecond: Int = 50
    /// Requests such a client may make at once before the rate applies.
    public var rateLimitBurst: Int = 100
    /// SQLite durability: `normal` (survives a process kill) or `full` (survives power loss too).
    public var synchronous: String = "normal"
    /// Articles per transaction of a bulk ingest (a waiting single write still gets in after 500).
    public var ingestBatch: Int = StorageConfiguration.defaultBatchSize
    /// Days within which reports of the same type, place and actor merge (captures ignore it).
    public var mergeWindowDays: Int = 3
    /// Day from which every province is `government` unless events say otherwise.
    public var controlBaseline: String = "2021-08-01"

    /// The storage settings these keys describe.
    public func storageConfiguration(readerCount: Int) -> StorageConfiguration {
        StorageConfiguration(synchronous: StorageConfiguration.Synchronous(rawValue: synchronous) ?? .normal,
                             readerCount: readerCount,
                             batchSize: ingestBatch,
                             merge: MergeConfiguration(windowDays: mergeWindowDays, baselineDate: controlBaseline))
    }

    public init(server: HTTPServer.Configuration = HTTPServer.Configuration(), databasePath: String = "data/frontline.sqlite",
                publicDirectory: String = "Public", configDirectory: String = "Config",
                apiTokenEnvironmentVariable: String = "FRONTLINE_API_TOKEN", apiToken: String? = nil,
                corsOrigins: [String] = [], demo: Bool = false, logLevel: String = "info",
                maxDecompressedBytes: Int = 64 << 20, responseCache: Bool = true) {
        self.server = server
        self.databasePath = databasePath
        self.publicDirectory = publicDirectory
        self.configDirectory = configDirectory
        self.apiTokenEnvironmentVariable = apiTokenEnvironmentVariable
        self.apiToken = apiToken
        self.corsOrigins = corsOrigins
        self.demo = demo
        self.logLevel = logLevel
        self.maxDecompressedBytes = maxDecompressedBytes
        self.responseCache = responseCache
    }

    /// A copy with `change` applied.
    public func with(_ change: (inout AppConfiguration) -> Void) -> AppConfiguration {
        var copy = self
        change(&copy)
        return copy
    }

    /// True when the server listens only on a loopback address.
    public var isLoopbackOnly: Bool {
        ["127.0.0.1", "::1", "localhost"].contains(server.host) || server.host.hasPrefix("127.")
    }
}

/// A configuration problem, reported with the key and the source it came from.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: String
    public var source: String
    public var message: String
    public init(key: String, source: String, message: String) {
        self.key = key
        self.source = source
        self.message = message
    }
    public var description: String { "\(source): \(key): \(message)" }
}
