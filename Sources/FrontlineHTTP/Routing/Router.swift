/// Builds the routing table: `router.get("/api/events/{id}") { request, context in … }`.
///
/// Patterns are literal segments and `{name}` parameters, matched segment by segment; a
/// trailing `*` segment matches any rest of the path (for static files). Literal segments win
/// over parameters. Build once with `buildHandler()`; the result is immutable and thread-safe.
/// `HEAD` falls back to the `GET` route, `OPTIONS` is answered from the table (204 + `Allow`),
/// unknown paths give 404 and known paths with another method 405 + `Allow`.
public final class Router {
    var routes: [Route] = []
    var middlewares: [any Middleware] = []
    var routeMiddlewares: [(middleware: any Middleware, applies: (HTTPMethod, String) -> Bool)] = []
    var fallback: (any HTTPHandler)?

    public init() {}

    /// Adds a route for `method` and `pattern`.
    public func on(_ method: HTTPMethod, _ pattern: String, use handler: any HTTPHandler) {
        routes.append(Route(method: method, pattern: pattern, handler: handler))
    }

    /// Adds a route whose handler is a closure.
    public func on(_ method: HTTPMethod, _ pattern: String, _ body: @escaping ClosureHandler.Body) {
        on(method, pattern, use: ClosureHandler(body))
    }

    public func get(_ pattern: String, _ body: @escaping ClosureHandler.Body) { on(.get, pattern, body) }
    public func post(_ pattern: String, _ body: @escaping ClosureHandler.Body) { on(.post, pattern, body) }
    public func put(_ pattern: String, _ body: @escaping ClosureHandler.Body) { on(.put, pattern, body) }
    public func patch(_ pattern: String, _ body: @escaping ClosureHandler.Body) { on(.patch, pattern, body) }
    public func delete(_ pattern: String, _ body: @escaping ClosureHandler.Body) { on(.delete, pattern, body) }

    /// Adds a middleware around every route (and the 404/405 answers); the first added is outermost.
    public func add(middleware: any Middleware) { middlewares.append(middleware) }

    /// Adds a middleware around the routes for which `applies(method, pattern)` holds, inside the
    /// router's own middlewares. Requests that match no route get their 404 or 405 without it:
    /// authentication of writes belongs here, so `PUT` on a read-only resource is 405, not 401.
    public func add(routeMiddleware middleware: any Middleware, where applies: @escaping (HTTPMethod, String) -> Bool) {
        routeMiddlewares.append((middleware, applies))
    }

    /// Serves paths that no route matches (for example static files) before answering 404.
    /// It should throw `HTTPError.notFound()` for what it does not have.
    public func setFallback(_ handler: any HTTPHandler) { fallback = handler }

    /// Freezes the table into a handler.
    public func buildHandler() -> any HTTPHandler {
        let guarded = routes.map { route in
            let around = routeMiddlewares.filter { $0.applies(route.method, route.pattern) }.map(\.middleware)
            return around.isEmpty ? route
                : Route(method: route.method, pattern: route.pattern, handler: MiddlewareStack(around, handler: route.handler))
        }
        let table = RoutingTable(routes: guarded, fallback: fallback)
        return middlewares.isEmpty ? table : MiddlewareStack(middlewares, handler: table)
    }
}

/// A controller registers its routes on a router: `HealthController(...).register(on: router)`.
public protocol RouteCollection {
    func register(on router: Router)
}
