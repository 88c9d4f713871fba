/// An error that knows its response. Handlers throw it; the server turns it into the JSON
/// envelope `{"error":{"code":…,"message":…,"field":…}}` in one place (`ErrorResponder`).
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: HTTPStatus
    /// A stable machine-readable code (`invalid_parameter`, `not_found`).
    public var code: String
    /// A human-readable message that is safe to show to clients.
    public var message: String
    /// The request field or parameter at fault, if any.
    public var field: String?
    /// Extra headers for the error response (`Allow` on 405, `WWW-Authenticate` on 401).
    public var headers: HTTPHeaders

    public init(status: HTTPStatus, code: String, message: String, field: String? = nil, headers: HTTPHeaders = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public static func == (lhs: HTTPError, rhs: HTTPError) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code && lhs.message == rhs.message && lhs.field == rhs.field
    }

    public static func badRequest(_ message: String, code: String = "bad_request", field: String? = nil) -> HTTPError {
        HTTPError(status: .badRequest, code: code, message: message, field: field)
    }

    public static func invalidParameter(_ field: String, _ message: String) -> HTTPError {
        HTTPError(status: .badRequest, code: "invalid_parameter", message: message, field: field)
    }

    public static func notFound(_ message: String = "Not found") -> HTTPError {
        HTTPError(status: .notFound, code: "not_found", message: message)
    }

    /// The JSON envelope of DESIGN.md §3.
    public var jsonBody: [UInt8] {
        var json = "{\"error\":{\"code\":" + JSONText.quoted(code) + ",\"message\":" + JSONText.quoted(message)
        if let field { json += ",\"field\":" + JSONText.quoted(field) }
        json += "}}"
        return Array(json.utf8)
    }

    /// This error as a response with the envelope body.
    public var response: HTTPResponse {
        var response = HTTPResponse.json(jsonBody, status: status)
        // An error describes one moment (a limit, a missing row): never let a cache replay it.
        response.headers.add("Cache-Control", "no-store")
        for field in headers { response.headers.set(field.name, field.value) }
        return response
    }
}

/// Minimal JSON string quoting for server-generated bodies (no Foundation on the hot path).
public enum JSONText {
    /// `text` as a JSON string literal, quotes included (RFC 8259 §7).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
