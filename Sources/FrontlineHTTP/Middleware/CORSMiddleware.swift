/// Adds CORS headers for allowed origins and answers preflight requests (Fetch standard §3.2).
public struct CORSMiddleware: Middleware {
    /// Allowed origins (`https://dash.example.org`), or `*` for any.
    public var allowedOrigins: [String]
    public var allowedMethods: String = "GET, HEAD, POST, DELETE, OPTIONS"
    public var allowedHeaders: String = "Authorization, Content-Type, Content-Encoding, If-None-Match, X-Request-Id"
    public var maxAgeSeconds: Int = 600

    public init(allowedOrigins: [String]) { self.allowedOrigins = allowedOrigins }

    public func handle(_ request: HTTPRequest, context: RequestContext,
                       next: (HTTPRequest, RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        guard let origin = request.headers["Origin"], !allowedOrigins.isEmpty else { return try next(request, context) }
        let allowed = allowedOrigins.contains("*") ? "*" : (allowedOrigins.contains(origin) ? origin : nil)
        if request.method == .options, request.headers.contains("Access-Control-Request-Method"), let allowed {
            var response = HTTPResponse(status: .noContent)
            response.headers.add("Access-Control-Allow-Origin", allowed)
            response.headers.add("Access-Control-Allow-Methods", allowedMethods)
            response.headers.add("Access-Control-Allow-Headers", allowedHeaders)
            response.headers.add("Access-Control-Max-Age", String(maxAgeSeconds))
            response.headers.add("Vary", "Origin")
            return response
        }
        var response = try next(request, context)
        if let allowed {
            response.headers.set("Access-Control-Allow-Origin", allowed)
            response.headers.set("Access-Control-Expose-Headers", "X-Request-Id, ETag")
            if allowed != "*" {
                if let vary = response.headers["Vary"] { response.headers.set("Vary", vary + ", Origin") } else { response.headers.add("Vary", "Origin") }
            }
        }
        return response
    }
}
