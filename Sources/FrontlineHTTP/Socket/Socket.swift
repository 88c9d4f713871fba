#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// Thin wrappers over the Glibc socket calls the server needs; file descriptors are plain `Int32`.
enum Socket {
    /// Opens a listening TCP socket on `host`:`port` (IPv4 or IPv6 literal or name; port 0 picks one).
    /// - Returns: the descriptor and the bound port.
    static func listen(host: String, port: Int, backlog: Int32) throws(SocketError) -> (fd: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .failed(operation: "getaddrinfo(\(host))", errno: status, message: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var lastError = SocketError.failed(operation: "bind", errno: 0, message: "no address")
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            if fd < 0 { lastError = .makeFailed("socket"); continue }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            if info.pointee.ai_family == AF_INET6 {
                // "::" should also accept IPv4 (dual stack), whatever the sysctl default says.
                var zero: Int32 = 0
                setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &zero, socklen_t(MemoryLayout<Int32>.size))
            }
            guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                lastError = .makeFailed("bind(\(host):\(port))"); close(fd); continue
            }
            guard Glibc.listen(fd, backlog) == 0 else { lastError = .makeFailed("listen"); close(fd); continue }
            return (fd, boundPort(fd))
        }
        throw lastError
    }

    static func boundPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        return describe(storage).port
    }

    /// `ip:port` (or `[ip]:port`) and the port of a socket address.
    static func describe(_ storage: sockaddr_storage) -> (text: String, port: Int) {
        var storage = storage
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var addr = address.pointee.sin_addr
                    inet_ntop(AF_INET, &addr, &buffer, socklen_t(buffer.count))
                    let port = Int(UInt16(bigEndian: address.pointee.sin_port))
                    return (cString(buffer) + ":\(port)", port)
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var addr = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &addr, &buffer, socklen_t(buffer.count))
                    let port = Int(UInt16(bigEndian: address.pointee.sin6_port))
                    return ("[" + cString(buffer) + "]:\(port)", port)
                }
            }
        default:
            return ("", 0)
        }
    }

    static func cString(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Disables Nagle: a response is one write, so there is nothing to coalesce, and Nagle plus
    /// delayed ACK would add 40 ms per response (SWIFT-LINUX.md (c)).
    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Sends every byte on a non-blocking socket, waiting for writability up to `deadline`
    /// (monotonic ns). Always `MSG_NOSIGNAL`: a closed peer is an error, not SIGPIPE.
    static func sendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, deadline: UInt64) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let sent = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if sent > 0 { offset += sent; continue }
            if sent < 0 && errno == EINTR { continue }
            if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                try waitWritable(fd, deadline: deadline)
                continue
            }
            throw .makeFailed("send")
        }
    }

    static func sendAll(_ fd: Int32, _ bytes: [UInt8], deadline: UInt64) throws(SocketError) {
        let result: SocketError? = bytes.withUnsafeBytes { raw in
            do throws(SocketError) { try sendAll(fd, raw, deadline: deadline); return nil } catch { return error }
        }
        if let result { throw result }
    }

    static func waitWritable(_ fd: Int32, deadline: UInt64) throws(SocketError) {
        while true {
            let now = MonotonicClock.nanos()
            guard now < deadline else { throw .timedOut(operation: "send") }
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let waitMs = Int32(min((deadline - now) / 1_000_000 + 1, 60_000))
            let ready = poll(&pfd, 1, waitMs)
            if ready > 0 {
                if pfd.revents & Int16(POLLERR | POLLHUP) != 0 { throw .closed }
                return
            }
            if ready < 0 && errno != EINTR { throw .makeFailed("poll") }
        }
    }

    /// Best-effort single non-blocking send, for 503s to connections we will not serve.
    static func trySend(_ fd: Int32, _ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
    }
}
