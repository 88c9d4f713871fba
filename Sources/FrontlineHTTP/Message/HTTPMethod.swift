/// An HTTP request method (RFC 9110 §9). Unknown tokens are kept so the router can answer 405/501.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
}

extension HTTPMethod {
    /// True when `rawValue` is a syntactically valid method token (RFC 9110 §9.1: a `token`).
    var isValidToken: Bool {
        !rawValue.isEmpty && rawValue.utf8.count <= 32 && rawValue.utf8.allSatisfy(HTTPSyntax.isTokenChar)
    }
}
