/// Serialises response heads (RFC 9112 §4, §6). Stateless.
enum HTTPResponseWriter {
    static let crlf: [UInt8] = [13, 10]

    /// The status line and header section, ending with the empty line.
    /// Header values are stripped of CR/LF so a handler cannot split the response.
    static func head(status: HTTPStatus, headers: HTTPHeaders) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out += Array("HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n".utf8)
        for field in headers {
            out += field.name.utf8.filter { $0 != 13 && $0 != 10 && $0 != UInt8(ascii: ":") }
            out += [UInt8(ascii: ":"), 32]
            out += field.value.utf8.filter { $0 != 13 && $0 != 10 && $0 != 0 }
            out += crlf
        }
        out += crlf
        return out
    }

    /// A chunk of the chunked transfer coding: `size CRLF data CRLF`.
    static func chunk(_ data: [UInt8]) -> [UInt8] {
        var out = Array(String(data.count, radix: 16).utf8)
        out.reserveCapacity(out.count + data.count + 4)
        out += crlf
        out += data
        out += crlf
        return out
    }

    static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)
    static let continueLine: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
}

/// Writes a streamed body to the socket as chunks, buffering small writes. For HTTP/1.0
/// clients, which do not know chunked coding, it writes raw bytes and the end of the body is
/// the connection's close (RFC 9112 §6.3).
final class ChunkedSocketWriter: HTTPBodyWriter {
    private let fd: Int32
    private let chunked: Bool
    private let writeTimeout: UInt64
    private var pending: [UInt8] = []
    private(set) var bytesSent = 0
    private var failed = false
    /// Buffered bytes that trigger a send without an explicit flush.
    static let threshold = 16 * 1024

    init(fd: Int32, writeTimeout: UInt64, chunked: Bool = true) {
        self.fd = fd
        self.chunked = chunked
        self.writeTimeout = writeTimeout
    }

    func write(_ bytes: [UInt8]) throws {
        guard !failed else { throw SocketError.closed }
        pending += bytes
        if pending.count >= Self.threshold { try flush() }
    }

    func flush() throws {
        guard !failed else { throw SocketError.closed }
        guard !pending.isEmpty else { return }
        try send(chunked ? HTTPResponseWriter.chunk(pending) : pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Sends what is buffered and the last chunk.
    func finish() throws {
        guard chunked else {
            if !pending.isEmpty { try send(pending) }
            pending = []
            return
        }
        var out = pending.isEmpty ? [] : HTTPResponseWriter.chunk(pending)
        out += HTTPResponseWriter.lastChunk
        pending = []
        try send(out)
    }

    func send(_ bytes: [UInt8]) throws {
        do {
            try Socket.sendAll(fd, bytes, deadline: MonotonicClock.nanos() + writeTimeout)
            bytesSent += bytes.count
        } catch {
            failed = true
            throw error
        }
    }
}
