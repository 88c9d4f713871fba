import Logging

/// Per-request information that is not part of the HTTP message.
public struct RequestContext: Sendable {
    /// The `X-Request-Id` of this exchange (kept from the request when sane, else generated).
    public var requestID: String
    /// A logger carrying `request_id` metadata.
    public var logger: Logger
    /// Path parameters captured by the matched route (`{id}` in `/api/events/{id}`).
    public var parameters: RouteParameters
    /// The matched route pattern, once routed.
    public var routePattern: String?
    /// When the server finished reading the request head (monotonic nanoseconds).
    public var startNanos: UInt64

    public init(requestID: String, logger: Logger, parameters: RouteParameters = RouteParameters(),
                routePattern: String? = nil, startNanos: UInt64 = MonotonicClock.nanos()) {
        self.requestID = requestID
        self.logger = logger
        self.parameters = parameters
        self.routePattern = routePattern
        self.startNanos = startNanos
    }
}

/// Path parameters by name, with typed accessors that throw 400 `invalid_parameter`.
public struct RouteParameters: Sendable, Equatable {
    public private(set) var values: [String: String] = [:]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public subscript(name: String) -> String? { values[name] }

    mutating func set(_ name: String, _ value: String) { values[name] = value }

    /// The parameter as a string.
    /// - Throws: `HTTPError` 400 when missing.
    public func require(_ name: String) throws -> String {
        guard let value = values[name] else {
            throw HTTPError.invalidParameter(name, "missing path parameter \(name)")
        }
        return value
    }

    /// The parameter converted with `T.init(_:)` (`Int64`, `Int`, `UUID`-like types).
    /// - Throws: `HTTPError` 400 `invalid_parameter` when missing or not convertible.
    public func require<T: LosslessStringConvertible>(_ name: String, as type: T.Type) throws -> T {
        let text = try require(name)
        guard let value = T(text) else {
            throw HTTPError.invalidParameter(name, "\(name) must be a valid \(T.self)")
        }
        return value
    }
}
