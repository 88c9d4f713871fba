/// The protocol version of a request (only HTTP/1.0 and HTTP/1.1 are accepted).
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)
    public var description: String { "HTTP/\(major).\(minor)" }
}

/// One `name=value` pair of a query string, percent-decoded (`+` means space).
public struct HTTPQueryItem: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A parsed HTTP request with its whole body in memory (bounded by the server's body limit).
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The percent-decoded path, without the query (`/api/events/12`).
    public var path: String
    /// The request-target exactly as sent (`/api/events?type=capture`).
    public var target: String
    /// Query items in order; repeated keys are kept.
    public var query: [HTTPQueryItem]
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public var version: HTTPVersion
    /// The peer address as `ip:port` (`[ip]:port` for IPv6), or empty for in-process requests.
    public var remoteAddress: String

    public init(
        method: HTTPMethod, path: String, target: String? = nil, query: [HTTPQueryItem] = [],
        headers: HTTPHeaders = [:], body: [UInt8] = [], version: HTTPVersion = .http1_1, remoteAddress: String = ""
    ) {
        self.method = method
        self.path = path
        self.target = target ?? path
        self.query = query
        self.headers = headers
        self.body = body
        self.version = version
        self.remoteAddress = remoteAddress
    }

    /// The first value of the query parameter `name`.
    public func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// Every value of the query parameter `name`, in order.
    public func queryValues(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }

    /// The body decoded as UTF-8 (invalid sequences are replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
