/// Anything that turns a request into a response. Handlers are synchronous and run on one of
/// the server's worker threads, so they may block (on SQLite, say) without stalling the server.
public protocol HTTPHandler: Sendable {
    /// - Throws: `HTTPError` for a client-visible error; anything else becomes a generic 500.
    func handle(_ request: HTTPRequest, context: RequestContext) throws -> HTTPResponse
}

/// A handler made from a closure: `ClosureHandler { request, context in … }`.
public struct ClosureHandler: HTTPHandler {
    public typealias Body = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse
    let body: Body
    public init(_ body: @escaping Body) { self.body = body }
    public func handle(_ request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        try body(request, context)
    }
}

/// Wraps a handler with `next`-style processing (Hummingbird's middleware shape).
public protocol Middleware: Sendable {
    func handle(
        _ request: HTTPRequest, context: RequestContext,
        next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse
}

/// A handler that runs `middlewares` in order (the first is outermost), then `handler`.
public struct MiddlewareStack: HTTPHandler {
    let middlewares: [any Middleware]
    let handler: any HTTPHandler

    public init(_ middlewares: [any Middleware], handler: any HTTPHandler) {
        self.middlewares = middlewares
        self.handler = handler
    }

    public func handle(_ request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        try run(0, request, context)
    }

    private func run(_ index: Int, _ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        guard index < middlewares.count else { return try handler.handle(request, context: context) }
        return try middlewares[index].handle(request, context: context) { request, context in
            try run(index + 1, request, context)
        }
    }
}
