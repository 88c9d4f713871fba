import FrontlineHTTP
import Logging

/// Wires configuration, routes, middleware and static files into an `HTTPServer`.
///
/// Read this file to see the whole request path: `CORSMiddleware` → `GzipMiddleware` → the
/// router (controllers below) → `StaticFileHandler` for anything no route matches.
/// Adding a controller is one line in `registerControllers()`.
public final class Application {
    public let configuration: AppConfiguration
    public let logger: Logger
    /// Counters the server updates and `/metrics` renders.
    public let metrics: HTTPMetrics
    /// The route table; add routes before the first `handle`/`makeServer` call.
    public let router: Router
    /// When the application was created (monotonic ns), for `uptime_s`.
    public let startedAt: UInt64

    private var frozen: (any HTTPHandler)?

    /// - Throws: nothing yet; storage opening will throw here when it is wired in.
    public init(configuration: AppConfiguration, logger: Logger = Logger(label: "frontline")) throws {
        self.configuration = configuration
        self.logger = logger
        self.metrics = HTTPMetrics()
        self.router = Router()
        self.startedAt = MonotonicClock.nanos()
        if !configuration.corsOrigins.isEmpty {
            router.add(middleware: CORSMiddleware(allowedOrigins: configuration.corsOrigins))
        }
        router.add(middleware: GzipMiddleware())
        registerControllers()
        router.setFallback(StaticFileHandler(root: configuration.publicDirectory))
    }

    /// Every controller of the API, one line each.
    private func registerControllers() {
        HealthController(startedAt: startedAt).register(on: router)
        MetricsController(metrics: metrics).register(on: router)
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

    /// Starts the server and blocks until SIGINT or SIGTERM, then shuts down gracefully.
    /// Call before starting any other thread, so every thread inherits the blocked signals.
    public func runUntilTerminated() throws {
        TerminationSignals.block()
        let server = makeServer()
        try server.start()
        if !configuration.isLoopbackOnly && configuration.apiToken == nil {
            logger.warning("bound to \(configuration.server.host) without an API token (\(configuration.apiTokenEnvironmentVariable)): writes are disabled")
        }
        let signal = TerminationSignals.wait()
        logger.info("received signal \(signal), shutting down")
        server.shutdown()
    }
}
