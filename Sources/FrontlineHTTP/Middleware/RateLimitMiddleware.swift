/// Answers 429 with `Retry-After` once a client exceeds its request rate (RELIABILITY.md item 31).
/// Clients are keyed by their bearer token when they send one (so many users behind one NAT are
/// not throttled together), else by remote address.
public struct RateLimitMiddleware: Middleware {
    public let limiter: RateLimiter
    /// Loopback clients skip the limit: they are the operator's own scripts and benchmarks.
    public var exemptLoopback: Bool

    public init(limiter: RateLimiter, exemptLoopback: Bool = false) {
        self.limiter = limiter
        self.exemptLoopback = exemptLoopback
    }

    public func handle(_ request: HTTPRequest, context: RequestContext,
                       next: (HTTPRequest, RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        if exemptLoopback, Self.isLoopback(request.remoteAddress) { return try next(request, context) }
        let decision = limiter.acquire(Self.key(for: request))
        guard decision.allowed else {
            var headers = HTTPHeaders()
            headers.add("Retry-After", String(decision.retryAfterSeconds))
            throw HTTPError(status: .tooManyRequests, code: "rate_limited",
                            message: "too many requests; retry after \(decision.retryAfterSeconds) s", headers: headers)
        }
        return try next(request, context)
    }

    static func key(for request: HTTPRequest) -> String {
        if let authorization = request.headers["Authorization"], authorization.hasPrefix("Bearer "), authorization.count > 7 {
            // The token itself never leaves this function: the key is its hash.
            var hasher = Hasher()
            hasher.combine(authorization)
            return "token:" + String(hasher.finalize(), radix: 16)
        }
        return "addr:" + request.remoteAddress
    }

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}
