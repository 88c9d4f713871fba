import FrontlineHTTP

/// Who may write (`POST`, `DELETE` under `/api/`), decided once at start (DESIGN.md §3):
/// anyone on a loopback-only server without a token, bearer-token holders when a token is
/// configured, nobody on a server reachable from the network without one.
enum WritePolicy: Sendable, Equatable {
    case open
    case token(String)
    case readOnly

    init(token: String?, loopbackOnly: Bool) {
        if let token, !token.isEmpty { self = .token(token) } else { self = loopbackOnly ? .open : .readOnly }
    }
}

/// Enforces the write policy before any write handler runs. `POST /api/extract` stores nothing,
/// so a read-only server still answers it; with a token it needs the token like every POST.
struct WriteAuthMiddleware: Middleware {
    let policy: WritePolicy

    func handle(_ request: HTTPRequest, context: RequestContext,
                next: (HTTPRequest, RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        guard request.method == .post || request.method == .delete || request.method == .put || request.method == .patch,
              request.path.hasPrefix("/api/") else { return try next(request, context) }
        switch policy {
        case .open:
            break
        case .readOnly:
            if request.path != "/api/extract" {
                throw HTTPError(status: .forbidden, code: "read_only",
                                message: "this server is read-only: it listens beyond loopback without an API token")
            }
        case .token(let token):
            guard let header = request.headers["Authorization"] else {
                throw Self.unauthorized("missing bearer token", error: nil)
            }
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw Self.unauthorized("Authorization must be Bearer <token>", error: "invalid_request")
            }
            guard ConstantTime.equal(Array(HTTPSyntaxLite.trim(parts[1]).utf8), Array(token.utf8)) else {
                throw Self.unauthorized("invalid token", error: "invalid_token")
            }
        }
        return try next(request, context)
    }

    static func unauthorized(_ message: String, error: String?) -> HTTPError {
        var challenge = "Bearer realm=\"frontline\""
        if let error { challenge += ", error=\"\(error)\"" }
        return HTTPError(status: .unauthorized, code: "unauthorized", message: message, headers: ["WWW-Authenticate": challenge])
    }
}

/// Comparison whose time depends only on the length of the expected secret, not on where the
/// first differing byte is.
enum ConstantTime {
    static func equal(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in 0..<expected.count {
            let byte = index < given.count ? given[index] : 0
            difference |= byte ^ expected[index]
        }
        return difference == 0
    }
}
