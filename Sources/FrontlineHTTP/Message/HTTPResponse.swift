/// Receives the chunks of a streaming response body.
///
/// Writes are buffered; `flush()` pushes what is buffered to the client now (Server-Sent Events
/// call it after every event). A write or flush throws once the client is gone, so a producer
/// stops as soon as nobody reads.
public protocol HTTPBodyWriter: AnyObject {
    func write(_ bytes: [UInt8]) throws
    func flush() throws
}

extension HTTPBodyWriter {
    public func write(_ text: String) throws { try write(Array(text.utf8)) }
}

/// An HTTP response: status, headers and either bytes or a streamed body.
public struct HTTPResponse: Sendable {
    /// A streaming producer. It runs on its own thread, so it may block or live long (SSE).
    public typealias StreamProducer = @Sendable (any HTTPBodyWriter) throws -> Void

    /// The body: bytes sent with `Content-Length`, or a stream sent with chunked transfer coding.
    public enum Body: Sendable {
        case bytes([UInt8])
        case stream(StreamProducer)
    }

    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: Body
    /// The route pattern that produced this response (`/api/events/{id}`), set by `Router` for
    /// metrics and the access log; nil for unmatched paths.
    public var routePattern: String?

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
    }

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], stream: @escaping StreamProducer) {
        self.status = status
        self.headers = headers
        self.body = .stream(stream)
    }

    /// A response with a UTF-8 text body and the given content type.
    public static func text(_ text: String, status: HTTPStatus = .ok, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }

    /// A response whose body is already-encoded JSON.
    public static func json(_ bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: bytes)
    }

    /// A response whose body is JSON text.
    public static func json(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        json(Array(text.utf8), status: status)
    }

    /// The body bytes, or nil for a stream.
    public var bodyBytes: [UInt8]? {
        if case .bytes(let bytes) = body { return bytes }
        return nil
    }

    public var isStreaming: Bool {
        if case .stream = body { return true }
        return false
    }
}
