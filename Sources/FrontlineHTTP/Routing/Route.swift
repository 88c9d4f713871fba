/// One method + pattern + handler.
struct Route: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case rest
    }

    let method: HTTPMethod
    let pattern: String
    let segments: [Segment]
    let handler: any HTTPHandler

    init(method: HTTPMethod, pattern: String, handler: any HTTPHandler) {
        self.method = method
        self.pattern = pattern
        self.handler = handler
        self.segments = Route.split(pattern).map { part in
            if part == "*" { return .rest }
            if part.hasPrefix("{") && part.hasSuffix("}") && part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            if part.hasPrefix(":") && part.count > 1 { return .parameter(String(part.dropFirst())) }
            return .literal(part)
        }
    }

    static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// The captured parameters when `parts` matches, plus a score that prefers literal segments.
    func match(_ parts: [String]) -> (RouteParameters, Int)? {
        var parameters = RouteParameters()
        var score = 0
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .rest:
                parameters.set("*", parts[index...].joined(separator: "/"))
                return (parameters, score)
            case .literal(let literal):
                guard index < parts.count, parts[index] == literal else { return nil }
                score += 2
            case .parameter(let name):
                guard index < parts.count else { return nil }
                parameters.set(name, parts[index])
                score += 1
            }
        }
        return parts.count == segments.count ? (parameters, score) : nil
    }
}

/// The frozen routing table produced by `Router.buildHandler()`.
struct RoutingTable: HTTPHandler {
    let routes: [Route]
    let fallback: (any HTTPHandler)?

    func handle(_ request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        let parts = Route.split(request.path)
        var best: (Route, RouteParameters, Int)?
        var allowed: [HTTPMethod] = []
        let lookup = request.method == .head ? HTTPMethod.get : request.method
        for route in routes {
            guard let (parameters, score) = route.match(parts) else { continue }
            if !allowed.contains(route.method) { allowed.append(route.method) }
            if route.method == lookup, best == nil || score > best!.2 { best = (route, parameters, score) }
        }
        if let (route, parameters, _) = best {
            var context = context
            context.parameters = parameters
            context.routePattern = route.pattern
            var response = try route.handler.handle(request, context: context)
            response.routePattern = route.pattern
            return response
        }
        if allowed.isEmpty, let fallback {
            return try fallback.handle(request, context: context)
        }
        guard !allowed.isEmpty else { throw HTTPError.notFound("No route for \(request.path)") }
        if allowed.contains(.get) && !allowed.contains(.head) { allowed.append(.head) }
        allowed.append(.options)
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        if request.method == .options {
            return HTTPResponse(status: .noContent, headers: ["Allow": allow])
        }
        throw HTTPError(status: .methodNotAllowed, code: "method_not_allowed",
                        message: "\(request.method) is not allowed here", headers: ["Allow": allow])
    }
}
