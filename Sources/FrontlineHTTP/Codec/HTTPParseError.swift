/// Why a request was rejected before reaching a handler. Every case closes the connection.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: HTTPStatus
    /// A short reason for the log and the error message (never echoes request bytes).
    public var reason: String

    public init(status: HTTPStatus, reason: String) {
        self.status = status
        self.reason = reason
    }

    public var description: String { "\(status.code): \(reason)" }

    static func bad(_ reason: String) -> HTTPParseError { HTTPParseError(status: .badRequest, reason: reason) }
    static let uriTooLong = HTTPParseError(status: .uriTooLong, reason: "request line too long")
    static let headersTooLarge = HTTPParseError(status: .requestHeaderFieldsTooLarge, reason: "header section too large")
    static let tooManyHeaders = HTTPParseError(status: .requestHeaderFieldsTooLarge, reason: "too many header fields")
    static let bodyTooLarge = HTTPParseError(status: .contentTooLarge, reason: "body exceeds the limit")

    /// The machine code used in the JSON error envelope.
    public var code: String {
        switch status.code {
        case 413: return "payload_too_large"
        case 414: return "uri_too_long"
        case 431: return "headers_too_large"
        case 408: return "request_timeout"
        case 417: return "expectation_failed"
        case 505: return "http_version_not_supported"
        case 501: return "not_implemented"
        default: return "bad_request"
        }
    }
}
