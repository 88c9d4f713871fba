#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging

extension HTTPServer {
    /// What happened to a connection after one response.
    enum Disposition {
        case keepAlive
        case close
        /// A stream thread owns the connection now.
        case handedOff
    }

    /// Serves a connection this thread owns until it must wait for bytes (park), is closed, or
    /// is handed to a stream thread. Pipelined requests are answered in order.
    func drive(_ connection: HTTPConnection, scratch: UnsafeMutableRawBufferPointer, justWoken: Bool) {
        var mayHaveMore = justWoken
        while true {
            processing: while true {
                let step: HTTPConnection.Step
                do {
                    step = try connection.nextStep(limits: configuration.limits, now: MonotonicClock.nanos())
                } catch {
                    rejectMalformed(connection, error, scratch: scratch)
                    return
                }
                switch step {
                case .needMore:
                    break processing
                case .sendContinue:
                    do {
                        try Socket.sendAll(connection.fd, HTTPResponseWriter.continueLine,
                                           deadline: MonotonicClock.nanos() + configuration.writeTimeout.nanoseconds)
                    } catch {
                        closeConnection(connection)
                        return
                    }
                case .request(let head):
                    switch respond(connection, head, scratch: scratch) {
                    case .keepAlive: continue processing
                    case .close: closeConnection(connection); return
                    case .handedOff: return
                    }
                }
            }
            if !mayHaveMore {
                park(connection)
                return
            }
            switch connection.read(into: scratch) {
            case .data(let count):
                // A short read drained the socket: once these bytes are processed, park without
                // another recv that would only say EAGAIN (ONESHOT re-arming is level-triggered).
                mayHaveMore = count == scratch.count
            case .wouldBlock:
                park(connection)
                return
            case .eof, .failed:
                closeConnection(connection)
                return
            }
        }
    }

    private func park(_ connection: HTTPConnection) {
        if stopping.load(ordering: .acquiring) && !connection.hasPartialRequest {
            closeConnection(connection)
            return
        }
        let deadline = connection.deadline(configuration)
        if !table.park(connection, deadline: deadline, partial: connection.hasPartialRequest) {
            closeConnection(connection)
        }
    }

    private func rejectMalformed(_ connection: HTTPConnection, _ error: HTTPParseError, scratch: UnsafeMutableRawBufferPointer) {
        let requestID = nextRequestID()
        let bytes = errorBytes(error, requestID: requestID)
        try? Socket.sendAll(connection.fd, bytes, deadline: MonotonicClock.nanos() + 1_000_000_000)
        metrics.record(route: nil, status: error.status.code, seconds: 0, bytes: bytes.count, parseError: true)
        if configuration.accessLog {
            logger.info("- - \(error.status.code) \(bytes.count)B 0.000ms id=\(requestID) from=\(connection.remoteAddress) reason=\"\(error.reason)\"")
        }
        // Send our FIN first, then drain what the client already sent: closing a socket with
        // unread bytes makes the kernel send RST, which can destroy the error response in flight.
        Glibc.shutdown(connection.fd, Int32(SHUT_WR))
        var drained = 0
        while drained < 1 << 20 {
            let count = recv(connection.fd, scratch.baseAddress, scratch.count, Int32(MSG_DONTWAIT))
            if count <= 0 { break }
            drained += count
        }
        closeConnection(connection)
    }

    // MARK: - One exchange

    private func respond(_ connection: HTTPConnection, _ head: RequestHead, scratch: UnsafeMutableRawBufferPointer) -> Disposition {
        let start = MonotonicClock.nanos()
        let request = head.request
        let requestID = Self.saneRequestID(request.headers["X-Request-Id"]) ?? nextRequestID()
        var logger = self.logger
        logger[metadataKey: "request_id"] = .string(requestID)
        let context = RequestContext(requestID: requestID, logger: logger, startNanos: start)
        var response = invokeHandler(request, context: context)

        connection.requestsServed += 1
        // An HTTP/1.0 client cannot read a chunked stream: it gets raw bytes ended by our close.
        let closeDelimited = response.isStreaming && request.version == .http1_0
        let keepAlive = head.keepAlive && !stopping.load(ordering: .relaxed) && !closeDelimited
            && connection.requestsServed < configuration.maxRequestsPerConnection
        finalize(&response, request: request, requestID: requestID, keepAlive: keepAlive)

        if case .stream(let producer) = response.body, request.method != .head {
            return startStream(connection, response: response, producer: producer, request: request,
                               requestID: requestID, start: start, keepAlive: keepAlive)
        }
        var bytes = HTTPResponseWriter.head(status: response.status, headers: response.headers)
        if request.method != .head, case .bytes(let body) = response.body { bytes += body }
        let sent: Bool
        do {
            try Socket.sendAll(connection.fd, bytes, deadline: MonotonicClock.nanos() + configuration.writeTimeout.nanoseconds)
            sent = true
        } catch {
            sent = false
        }
        connection.lastActivity = MonotonicClock.nanos()
        finishExchange(request, response, requestID: requestID, bytes: bytes.count, start: start)
        return sent && keepAlive ? .keepAlive : .close
    }

    func invokeHandler(_ request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        handler.respond(to: request, context: context)
    }

    /// Adds the headers the server owns and the framing headers.
    private func finalize(_ response: inout HTTPResponse, request: HTTPRequest, requestID: String, keepAlive: Bool) {
        var headers = serverHeaders(requestID: requestID)
        for field in response.headers where !Self.ownedHeaders.contains(field.name.lowercased()) {
            headers.add(field.name, field.value)
        }
        if response.status.allowsBody && !headers.contains("Content-Type") {
            headers.add("Content-Type", "application/octet-stream")
        }
        // A response that states no caching policy (writes, 204s, streams) must not be stored:
        // caches may otherwise reuse it heuristically (RFC 9111 §4.2.2).
        if !headers.contains("Cache-Control") { headers.add("Cache-Control", "no-store") }
        switch response.body {
        case .bytes(let body):
            if response.status.allowsBody { headers.add("Content-Length", String(body.count)) }
            if !response.status.allowsBody { response.body = .bytes([]) }
        case .stream:
            if request.version != .http1_0 { headers.add("Transfer-Encoding", "chunked") }
        }
        if !keepAlive {
            headers.add("Connection", "close")
        } else if request.version == .http1_0 {
            headers.add("Connection", "keep-alive")
        }
        response.headers = headers
    }

    static let ownedHeaders: Set<String> = ["date", "server", "x-request-id", "x-content-type-options",
                                            "content-length", "transfer-encoding", "connection"]

    func finishExchange(_ request: HTTPRequest, _ response: HTTPResponse, requestID: String, bytes: Int, start: UInt64) {
        let seconds = Double(MonotonicClock.nanos() - start) / 1e9
        metrics.record(route: response.routePattern, status: response.status.code, seconds: seconds, bytes: bytes)
        if configuration.accessLog {
            let millis = (seconds * 1_000_000).rounded() / 1000
            logger.info("\(request.method) \(HTTPSyntax.escapedForLog(request.target, limit: 256)) \(response.status.code) \(bytes)B \(millis)ms id=\(requestID)")
        }
    }

    // MARK: - Streams

    private func startStream(_ connection: HTTPConnection, response: HTTPResponse, producer: @escaping HTTPResponse.StreamProducer,
                             request: HTTPRequest, requestID: String, start: UInt64, keepAlive: Bool) -> Disposition {
        guard activeStreams.wrappingAdd(1, ordering: .acquiringAndReleasing).oldValue < configuration.maxStreams else {
            activeStreams.subtract(1, ordering: .relaxed)
            var busy = HTTPError(status: .serviceUnavailable, code: "too_many_streams",
                                 message: "Too many streaming responses; retry later").response
            finalize(&busy, request: request, requestID: requestID, keepAlive: false)
            let bytes = HTTPResponseWriter.head(status: busy.status, headers: busy.headers) + (busy.bodyBytes ?? [])
            try? Socket.sendAll(connection.fd, bytes, deadline: MonotonicClock.nanos() + configuration.writeTimeout.nanoseconds)
            finishExchange(request, busy, requestID: requestID, bytes: bytes.count, start: start)
            return .close
        }
        streams.enter()
        let thread = Thread { [self] in
            defer {
                activeStreams.subtract(1, ordering: .relaxed)
                streams.leave()
            }
            let writer = ChunkedSocketWriter(fd: connection.fd, writeTimeout: configuration.writeTimeout.nanoseconds,
                                             chunked: request.version != .http1_0)
            var completed = false
            do {
                try writer.send(HTTPResponseWriter.head(status: response.status, headers: response.headers))
                try producer(writer)
                try writer.finish()
                completed = true
            } catch {
                logger.debug("stream ended early: \(error)", metadata: ["request_id": .string(requestID)])
            }
            connection.lastActivity = MonotonicClock.nanos()
            finishExchange(request, response, requestID: requestID, bytes: writer.bytesSent, start: start)
            guard completed && keepAlive else {
                closeConnection(connection)
                return
            }
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 16)
            defer { scratch.deallocate() }
            drive(connection, scratch: scratch, justWoken: false)
        }
        thread.name = "http-stream"
        thread.stackSize = 512 * 1024
        thread.start()
        return .handedOff
    }

    /// A client-sent `X-Request-Id` is kept when it is short and plain.
    static func saneRequestID(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 128 else { return nil }
        let ok = value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
        }
        return ok ? value : nil
    }
}
