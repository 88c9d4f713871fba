import Foundation
import FrontlineHTTP
import FrontlineStorage
import Logging

/// Wires configuration, storage, routes, middleware and static files into an `HTTPServer`.
///
/// Read this file to see the whole request path: `CORSMiddleware` → `GzipMiddleware` →
/// `WriteAuthMiddleware` → the router (controllers below) → `StaticFileHandler` for anything no
/// route matches. Adding a controller is one line in `registerControllers()`.
public final class Application {
    public let configuration: AppConfiguration
    public let logger: Logger
    /// Counters the server updates and `/metrics` renders.
    public let metrics: HTTPMetrics
    /// The route table; add routes before the first `handle`/`makeServer` call.
    public let router: Router
    /// When the application was created (monotonic ns), for `uptime_s`.
    public let startedAt: UInt64
    /// The open database (closed by `close()` or when the application goes away).
    public let database: Database
    /// The database with the extractor and the reference data.
    public let runtime: Runtime
    let services: Services
    let openAPI: OpenAPIController

    private var frozen: (any HTTPHandler)?

    /// Opens the database (creating it and applying migrations when needed) and registers routes.
    /// - Throws: configuration errors reading `Config/`, storage errors opening the database.
    public init(configuration: AppConfiguration, logger: Logger = Logger(label: "frontline")) throws {
        self.configuration = configuration
        self.logger = logger
        self.metrics = HTTPMetrics()
        self.router = Router()
        self.startedAt = MonotonicClock.nanos()
        runtime = try Runtime(databasePath: configuration.databasePath, configDirectory: configuration.configDirectory,
                              storage: configuration.storageConfiguration(readerCount: 8))
        database = runtime.database
        logger.info("database \(configuration.databasePath) (search index \(database.searchIndexPath)): sqlite \(database.sqliteVersion), memory statistics \(database.sqliteMemoryStatistics ? "on" : "off"), thread-cache allocator \(database.sqliteThreadCacheAllocator ? "on" : "off")")
        if configuration.demo {
            let loaded = try DemoData.loadIfEmpty(runtime, directory: configuration.configDirectory + "/demo")
            if let loaded { logger.info("--demo: loaded \(loaded.stored) demo articles (\(loaded.rejected) rejected) into \(configuration.databasePath)") }
        }
        let extraction = runtime.extraction
        let reference = ReferenceIndex(provinces: Set(extraction.gazetteer.provinces.map(\.id)),
                                       cities: Set(extraction.gazetteer.places.map(\.id)),
                                       actors: Set(extraction.actors.map(\.id)),
                                       eventTypes: extraction.eventTypes)
        let writes = WritePolicy(token: configuration.apiToken, loopbackOnly: configuration.isLoopbackOnly)
        services = Services(database: database, reference: reference, notifier: ChangeNotifier(), writes: writes,
                            cache: ResponseCache(enabled: configuration.responseCache), logger: logger)
        if !configuration.corsOrigins.isEmpty {
            router.add(middleware: CORSMiddleware(allowedOrigins: configuration.corsOrigins))
        }
        if configuration.rateLimitPerSecond > 0 {
            router.add(middleware: RateLimitMiddleware(
                limiter: RateLimiter(rate: Double(configuration.rateLimitPerSecond), burst: configuration.rateLimitBurst),
                exemptLoopback: true))
        }
        router.add(middleware: GzipMiddleware())
        router.add(routeMiddleware: WriteAuthMiddleware(policy: writes)) { method, pattern in
            method != .get && method != .head && method != .options && pattern.hasPrefix("/api/")
        }
        let sources = try database.read { try $0.sources().map(\.id) }
        openAPI = try OpenAPIController(path: configuration.configDirectory + "/openapi.json", enums: [
            "provinces": Array(reference.provinces), "cities": Array(reference.cities), "actors": Array(reference.actors),
            "event_types": reference.eventTypes, "sources": sources,
        ])
        registerControllers()
        router.setFallback(StaticFileHandler(root: configuration.publicDirectory))
    }

    /// Every controller of the API, one line each.
    private func registerControllers() {
        HealthController(startedAt: startedAt).register(on: router)
        MetricsController(metrics: metrics, database: database).register(on: router)
        let pipeline = runtime.pipeline
        ArticlesController(services: services, expansion: ReferenceData.searchExpansion(runtime.extraction),
                           quotes: { text, published in
                               pipeline.extract(ArticleSubmission(text: text, publishedAt: published)).quotes.map {
                                   QuoteJSON(speaker: $0.speaker, actor: $0.actor, text: $0.text, sentence: $0.evidence.sentence,
                                             start: $0.evidence.start, end: $0.evidence.end)
                               }
                           }).register(on: router)
        IngestController(services: services, pipeline: pipeline, maxDecompressedBytes: configuration.maxDecompressedBytes)
            .register(on: router)
        EventsController(services: services).register(on: router)
        ProvincesController(services: services).register(on: router)
        SourcesController(services: services).register(on: router)
        TimelineController(services: services).register(on: router)
        ChangesController(services: services).register(on: router)
        StreamController(services: services).register(on: router)
        openAPI.register(on: router)
    }

    /// The frozen handler (router plus middleware), built on first use.
    public var handler: any HTTPHandler {
        if let frozen { return frozen }
        let built = router.buildHandler()
        frozen = built
        return built
    }

    /// Answers a request in process, without sockets (errors mapped as the server maps them).
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let context = RequestContext(requestID: "test", logger: logger)
        return handler.respond(to: request, context: context)
    }

    /// An HTTP server for this application (not started).
    public func makeServer() -> HTTPServer {
        HTTPServer(configuration: configuration.server, handler: handler, metrics: metrics, logger: logger)
    }

    /// Ends every Server-Sent Events stream (call before `HTTPServer.shutdown()`, which
    /// otherwise waits out its grace period for them).
    public func stopStreams() { services.notifier.close() }

    /// Closes the database (after the server has shut down).
    public func close() {
        services.notifier.close()
        database.close()
    }

    /// Starts the server and blocks until SIGINT or SIGTERM, then shuts down gracefully.
    /// Call before starting any other thread, so every thread inherits the blocked signals.
    public func runUntilTerminated() throws {
        TerminationSignals.block()
        let server = makeServer()
        try server.start()
        if services.writes == .readOnly {
            logger.warning("bound to \(configuration.server.host) without an API token (\(configuration.apiTokenEnvironmentVariable)): this server is read-only, writes get 403")
        }
        let signal = TerminationSignals.wait()
        logger.info("received signal \(signal), shutting down")
        services.notifier.close()
        server.shutdown()
        database.close()
    }
}
