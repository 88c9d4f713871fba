#if canImport(Glibc)
import Glibc
#endif

/// A response as the test client saw it on the wire.
public struct TestResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// The first value of `name`, case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Failures of the test client.
public enum TestClientError: Error, Equatable {
    case connectFailed(Int32)
    case timedOut
    case closed
    case malformed(String)
}

/// A tiny blocking HTTP/1.1 client over a raw loopback socket. It sends exactly the bytes it is
/// given, so tests can send malformed requests, pipeline, and watch the connection state.
public final class TestClient {
    public let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads time out after `timeout` seconds.
    public init(port: Int, timeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // No close here: every stored property is set, so Swift runs `deinit` (which closes)
        // when this throws. A second close could hit a descriptor another test's thread has
        // just been given (a listening socket, a database file).
        guard result == 0 else { throw TestClientError.connectFailed(errno) }
        setTimeout(timeout)
    }

    deinit { Glibc.close(fd) }

    public func setTimeout(_ seconds: Double) {
        var tv = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends every byte (MSG_NOSIGNAL: a server that closed early is an error, not SIGPIPE).
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { throw TestClientError.closed }
            offset += sent
        }
    }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Closes the socket now (with RST when unread data is pending), as a vanishing client would.
    public func closeNow() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        Glibc.shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Half-closes the write side.
    public func shutdownWrite() { Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Reads one response. `head: true` for a response to HEAD (no body follows).
    public func readResponse(head: Bool = false) throws -> TestResponse {
        let headEnd = try readUntil([13, 10, 13, 10])
        let headText = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeSubrange(0..<(headEnd + 4))
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TestClientError.malformed(headText) }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: " "))
        }
        var response = TestResponse(status: status, headers: headers, body: [])
        if head || status == 204 || status == 304 || (100..<200).contains(status) { return response }
        if let length = response.header("Content-Length").flatMap({ Int($0) }) {
            try fill(length)
            response.body = Array(buffer[0..<length])
            buffer.removeSubrange(0..<length)
        } else if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            response.body = try readChunked()
        } else {
            response.body = readUntilClose()
            buffer = []
        }
        return response
    }

    /// Reads until the server closes (or the read timeout); returns what arrived.
    public func readUntilClose() -> [UInt8] {
        while (try? readMore()) == true {}
        return buffer
    }

    /// True when the server closes the connection (EOF or reset) before `seconds` pass.
    public func isClosedByServer(within seconds: Double = 2) -> Bool {
        setTimeout(seconds)
        defer { setTimeout(5) }
        while true {
            do {
                if try !readMore() { return true }
            } catch TestClientError.timedOut {
                return false
            } catch {
                return true
            }
        }
    }

    // MARK: - Buffer

    /// - Returns: false at EOF.
    @discardableResult
    private func readMore() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(fd, &chunk, chunk.count, 0)
        if count > 0 {
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
        if count == 0 { return false }
        if errno == EAGAIN || errno == EWOULDBLOCK { throw TestClientError.timedOut }
        if errno == ECONNRESET { return false }
        throw TestClientError.closed
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        var searchFrom = 0
        while true {
            if buffer.count >= marker.count {
                for index in searchFrom...(buffer.count - marker.count) where buffer[index] == marker[0] {
                    if Array(buffer[index..<(index + marker.count)]) == marker { return index }
                }
                searchFrom = max(0, buffer.count - marker.count + 1)
            }
            guard try readMore() else { throw TestClientError.closed }
        }
    }

    private func fill(_ count: Int) throws {
        while buffer.count < count {
            guard try readMore() else { throw TestClientError.closed }
        }
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let lineEnd = try readUntil([13, 10])
            let sizeText = String(decoding: buffer[0..<lineEnd], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first.map(String.init) ?? "", radix: 16) else {
                throw TestClientError.malformed("chunk size \(sizeText)")
            }
            buffer.removeSubrange(0..<(lineEnd + 2))
            if size == 0 {
                let trailerEnd = try readUntil([13, 10])
                buffer.removeSubrange(0..<(trailerEnd + 2))
                return body
            }
            try fill(size + 2)
            body += buffer[0..<size]
            buffer.removeSubrange(0..<(size + 2))
        }
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var slice = Substring(self)
        while slice.first == set { slice = slice.dropFirst() }
        while slice.last == set { slice = slice.dropLast() }
        return String(slice)
    }
}
