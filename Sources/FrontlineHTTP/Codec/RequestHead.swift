/// A parsed request head plus what the connection needs to read the body.
public struct RequestHead: Sendable {
    /// How the body is delimited (RFC 9112 §6).
    public enum Framing: Sendable, Equatable {
        case none
        case length(Int)
        case chunked
    }

    /// The request with an empty body.
    public var request: HTTPRequest
    public var framing: Framing
    /// Whether the connection stays open after the response (RFC 9112 §9.3).
    public var keepAlive: Bool
    /// `Expect: 100-continue` was sent on HTTP/1.1.
    public var expectsContinue: Bool
}
