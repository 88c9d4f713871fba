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
    let services: Services

    private var frozen: (any HTTPHandler)?

    /// Opens the database (creating it and applying migrations when needed) and registers routes.
    /// - Throws: storage errors opening the database.
    public init(configuration: AppConfiguration, logger: Logger = Logger(label: "frontline")) throws {
        self.configuration = configuration
        self.logger = logger
        self.metrics = HTTPMetrics()
        self.router = Router()
        self.startedAt = MonotonicClock.nanos()
        let directory = (configuration.databasePath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        database = try Database(path: configuration.databasePath, configuration: StorageConfiguration(readerCount: 8))
        let reference = try database.read { db in
            let places = try db.places()
            return ReferenceIndex(provinces: Set(places.filter { $0.kind == .province }.map(\.id)),
                                  cities: Set(places.filter { $0.kind == .city }.map(\.id)),
                                  actors: Set(try db.actors().map(\.id)),
                                  eventTypes: ["capture", "assault", "repelled", "surrender", "withdrawal", "casualties", "visit", "deployment"])
        }
        let writes = WritePolicy(token: configuration.apiToken, loopbackOnly: configuration.isLoopbackOnly)
        services = Services(database: database, reference: reference, notifier: ChangeNotifier(), writes: writes)
        if !configuration.corsOrigins.isEmpty {
            router.add(middleware: CORSMiddleware(allowedOrigins: configuration.corsOrigins))
        }
        router.add(middleware: GzipMiddleware())
        router.add(middleware: WriteAuthMiddleware(policy: writes))
        registerControllers()
        router.setFallback(StaticFileHandler(root: configuration.publicDirectory))
    }

    /// Every controller of the API, one line each.
    private func registerControllers() {
        HealthController(startedAt: startedAt).register(on: router)
        MetricsController(metrics: metrics).register(on: router)
        ArticlesController(services: services, expansion: nil, quotes: { _, _ in [] }).register(on: router)
        EventsController(services: services).register(on: router)
        ProvincesController(services: services).register(on: router)
        SourcesController(services: services).register(on: router)
        TimelineController(services: services).register(on: router)
        ChangesController(services: services).register(on: router)
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

    /// Closes the database (after the server has shut down).
    public func close() { database.close() }

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
        server.shutdown()
        database.close()
    }
}
