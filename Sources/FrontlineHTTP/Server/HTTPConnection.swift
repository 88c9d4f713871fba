#if canImport(Glibc)
import Glibc
#endif

/// One client connection: its socket, read buffer and framing state.
///
/// `@unchecked Sendable` because ownership, not a lock, protects it: exactly one thread holds a
/// connection at a time. `ConnectionTable.checkout` hands it to a worker (or the reaper) under the
/// table's mutex, and only that thread touches it until it parks it again or closes it.
final class HTTPConnection: @unchecked Sendable {
    enum Phase {
        case idle
        case head(startedAt: UInt64)
        case body(RequestHead, ChunkedDecoder, [UInt8], startedAt: UInt64)
    }

    /// What `nextStep` found in the buffer.
    enum Step {
        case needMore
        case sendContinue
        case request(RequestHead)
    }

    enum ReadResult {
        case data(Int)
        case wouldBlock
        case eof
        case failed
    }

    let id: UInt64
    let fd: Int32
    let remoteAddress: String
    private(set) var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0
    private(set) var phase: Phase = .idle
    var requestsServed = 0
    var lastActivity: UInt64
    private var continueSent = false

    init(id: UInt64, fd: Int32, remoteAddress: String, now: UInt64) {
        self.id = id
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.lastActivity = now
    }

    /// True while part of a request has arrived (a timeout then answers 408).
    var hasPartialRequest: Bool {
        if case .idle = phase { return start < buffer.count }
        return true
    }

    /// When this connection should be cut off if nothing completes.
    func deadline(_ configuration: HTTPServer.Configuration) -> UInt64 {
        switch phase {
        case .idle:
            if start < buffer.count { return MonotonicClock.nanos() + configuration.headerTimeout.nanoseconds }
            let timeout = requestsServed == 0 ? configuration.headerTimeout : configuration.idleTimeout
            return lastActivity + timeout.nanoseconds
        case .head(let startedAt):
            return startedAt + configuration.headerTimeout.nanoseconds
        case .body(_, _, _, let startedAt):
            return startedAt + configuration.bodyTimeout.nanoseconds
        }
    }

    /// Reads what the socket has into the buffer, through the worker's scratch space.
    func read(into scratch: UnsafeMutableRawBufferPointer) -> ReadResult {
        while true {
            let count = recv(fd, scratch.baseAddress, scratch.count, 0)
            if count > 0 {
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
                return .data(count)
            }
            if count == 0 { return .eof }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK ? .wouldBlock : .failed
        }
    }

    /// Advances the framing state over buffered bytes.
    /// - Throws: `HTTPParseError`; the caller answers it and closes.
    func nextStep(limits: HTTPParserLimits, now: UInt64) throws(HTTPParseError) -> Step {
        switch phase {
        case .idle, .head:
            start = HTTPRequestParser.skipEmptyLines(buffer, from: start)
            guard start < buffer.count else { compact(); return .needMore }
            if case .idle = phase { phase = .head(startedAt: now) }
            guard let headEnd = try HTTPRequestParser.scanHead(buffer, start: start, scanned: &scanned, limits: limits) else {
                return .needMore
            }
            var head = try HTTPRequestParser.parseHead(buffer[start..<headEnd], limits: limits, remoteAddress: remoteAddress)
            start = headEnd
            scanned = headEnd
            if head.framing == .none {
                phase = .idle
                compact()
                return .request(head)
            }
            head.request.remoteAddress = remoteAddress
            phase = .body(head, ChunkedDecoder(), [], startedAt: now)
            continueSent = false
            return try nextStep(limits: limits, now: now)
        case .body(var head, var decoder, var body, let startedAt):
            switch head.framing {
            case .length(let length):
                if buffer.count - start >= length {
                    head.request.body = Array(buffer[start..<(start + length)])
                    start += length
                    return finishBody(head)
                }
            case .chunked:
                phase = .idle  // drop our reference so `body` is uniquely owned while it grows
                start = try decoder.decode(buffer, from: start, into: &body, limits: limits)
                if decoder.isComplete {
                    head.request.body = body
                    return finishBody(head)
                }
                phase = .body(head, decoder, body, startedAt: startedAt)
                compact()
            case .none:
                return finishBody(head)
            }
            if head.expectsContinue && !continueSent {
                continueSent = true
                return .sendContinue
            }
            return .needMore
        }
    }

    private func finishBody(_ head: RequestHead) -> Step {
        phase = .idle
        scanned = start
        compact()
        return .request(head)
    }

    /// Drops consumed bytes; gives back large buffers so idle connections stay small.
    private func compact() {
        if start >= buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 16 * 1024)
            start = 0
            scanned = 0
        } else if start > 64 * 1024 && start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
    }
}
