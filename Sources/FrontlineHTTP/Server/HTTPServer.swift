// Concurrency model (measured in SWIFT-LINUX.md (c) and BENCHMARKS.md "HTTP"):
//
// One accept thread, one shared epoll instance, a fixed pool of worker threads and a reaper.
// Idle keep-alive connections cost no thread: each sits in epoll registered EPOLLIN|EPOLLONESHOT.
// Every worker blocks in `epoll_wait` on the same instance; the kernel wakes one waiter at a
// time, which takes up to 8 ready sockets (fewer context switches; the rest go back to epoll for
// another worker as soon as one handler of the batch has taken over 1 ms), and ONESHOT
// guarantees a connection is served by one worker at a time. That worker reads, parses, runs the synchronous handler (which may block on SQLite),
// writes the response with one send, and re-arms the socket. There is no hand-off queue between
// an event loop and the workers, so an active connection costs about what it costs in a
// thread-per-connection server (recv, send, epoll_ctl, epoll_wait), while 10,000 idle ones
// cost a few hundred bytes each instead of a thread stack each.
//
// Streaming bodies (CSV exports, Server-Sent Events) run on a thread of their own (capped by
// `maxStreams`), so a long-lived stream never holds a worker. The reaper thread closes parked
// connections past their header, body or idle deadline (408 when a request was partial).
// Responses are written with one `send` (head and body together), `TCP_NODELAY`, `MSG_NOSIGNAL`.

#if canImport(Glibc)
import Glibc
#endif
import CLinux
import Foundation
import Logging
import Synchronization

/// Our HTTP/1.1 server on POSIX sockets.
public final class HTTPServer: Sendable {
    public let configuration: Configuration
    public let metrics: HTTPMetrics
    let handler: any HTTPHandler
    let logger: Logger
    let date = HTTPDate()

    private let listenFD = Atomic<Int32>(-1)
    private let port = Atomic<Int>(0)
    let epollFD: Int32
    let stopFD: Int32
    let table: ConnectionTable
    let stopping = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    let activeStreams = Atomic<Int>(0)
    private let nextID = Atomic<UInt64>(1)
    let requestIDPrefix: String
    private let requestCounter = Atomic<UInt64>(0)
    private let threads = WaitGroup()
    private let listening = WaitGroup()
    let streams = WaitGroup()

    /// - Parameters:
    ///   - configuration: host, port, limits, timeouts, pool sizes.
    ///   - handler: usually `router.buildHandler()`.
    ///   - metrics: counters to update (share it with the `/metrics` route).
    ///   - logger: receives the access log and errors.
    public init(configuration: Configuration = Configuration(), handler: any HTTPHandler,
                metrics: HTTPMetrics = HTTPMetrics(), logger: Logger = Logger(label: "frontline.http")) {
        self.configuration = configuration
        self.handler = handler
        self.metrics = metrics
        self.logger = logger
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        stopFD = eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        table = ConnectionTable(epollFD: epollFD)
        requestIDPrefix = String(UInt32.random(in: 0x1000_0000...0xFFFF_FFFF), radix: 16)
        listening.enter()
    }

    // Worker closures hold `self`, so this runs only once every thread has exited.
    deinit {
        if epollFD >= 0 { close(epollFD) }
        if stopFD >= 0 { close(stopFD) }
    }

    /// The bound port once `start()` returned (useful with port 0).
    public var listeningPort: Int { port.load(ordering: .acquiring) }

    /// Binds, raises the open-files limit, and starts the accept, worker and reaper threads.
    /// - Throws: `SocketError` when the address cannot be bound.
    public func start() throws {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        guard epollFD >= 0, stopFD >= 0 else { throw SocketError.makeFailed("epoll_create1/eventfd") }
        raiseOpenFileLimit()
        let fd: Int32, boundPort: Int
        do {
            (fd, boundPort) = try Socket.listen(host: configuration.host, port: configuration.port, backlog: 4096)
        } catch {
            started.store(false, ordering: .releasing)
            throw error
        }
        listenFD.store(fd, ordering: .releasing)
        port.store(boundPort, ordering: .releasing)

        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = 0
        epoll_ctl(epollFD, EPOLL_CTL_ADD, stopFD, &event)

        for index in 0..<max(1, configuration.workerCount) {
            spawn("http-worker-\(index)") { self.workerLoop() }
        }
        spawn("http-accept") { self.acceptLoop(fd) }
        spawn("http-reaper") { self.reaperLoop() }
        logger.info("listening on \(configuration.host):\(boundPort) (\(configuration.workerCount) workers, cap \(configuration.maxConnections) connections)")
        listening.leave()
    }

    /// Blocks until `start()` has bound the socket (or `seconds` pass).
    public func waitUntilListening(seconds: Double = 10) {
        listening.wait(seconds: seconds)
    }

    /// Stops accepting, closes idle connections, lets in-flight requests finish (up to
    /// `shutdownGracePeriod`), then cuts off what remains and stops every thread.
    public func shutdown() {
        guard started.load(ordering: .acquiring), !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let fd = listenFD.exchange(-1, ordering: .acquiringAndReleasing)
        if fd >= 0 { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
        for entry in table.takeParked() { closeConnection(entry.connection) }
        let deadline = MonotonicClock.nanos() + configuration.shutdownGracePeriod.nanoseconds
        while table.count > 0 && MonotonicClock.nanos() < deadline { usleep(5_000) }
        if table.count > 0 || activeStreams.load(ordering: .acquiring) > 0 {
            logger.warning("shutdown: cutting off \(table.count) connections after the grace period")
            table.shutDownBusy()
        }
        streams.wait(seconds: 5)
        var one: UInt64 = 1
        _ = Glibc.write(stopFD, &one, 8)
        threads.wait(seconds: 5)
        if fd >= 0 { close(fd) }
        logger.info("server stopped")
    }

    /// `start()`, then block the calling thread until `shutdown()` completes.
    public func run() throws {
        try start()
        threads.wait(seconds: .greatestFiniteMagnitude)
    }

    // MARK: - Threads

    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        threads.enter()
        let thread = Thread { [threads] in
            body()
            threads.leave()
        }
        thread.name = name
        thread.stackSize = 512 * 1024
        thread.start()
    }

    private func acceptLoop(_ fd: Int32) {
        while !stopping.load(ordering: .relaxed) {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let client = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept4(fd, $0, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
            if client < 0 {
                if stopping.load(ordering: .relaxed) { break }
                if errno == EMFILE || errno == ENFILE {
                    logger.error("accept: out of file descriptors")
                    usleep(10_000)
                }
                continue
            }
            if stopping.load(ordering: .relaxed) { close(client); break }
            if table.count >= configuration.maxConnections {
                metrics.connectionRejected()
                Socket.trySend(client, rejectionBytes())
                close(client)
                continue
            }
            Socket.setNoDelay(client)
            let now = MonotonicClock.nanos()
            let connection = HTTPConnection(
                id: nextID.wrappingAdd(1, ordering: .relaxed).oldValue, fd: client,
                remoteAddress: Socket.describe(storage).text, now: now)
            metrics.connectionOpened()
            if !table.insert(connection, deadline: now + configuration.headerTimeout.nanoseconds) {
                metrics.connectionClosed()
                close(client)
            }
        }
    }

    private func workerLoop() {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { scratch.deallocate() }
        var events = [epoll_event](repeating: epoll_event(), count: Self.eventsPerWake)
        while true {
            let ready = Int(epoll_wait(epollFD, &events, Int32(Self.eventsPerWake), -1))
            if ready <= 0 { continue }
            let wokeAt = MonotonicClock.nanos()
            for index in 0..<ready {
                let id = events[index].data.u64
                if id == 0 {
                    if stopping.load(ordering: .acquiring) { return }
                    continue
                }
                guard let connection = table.checkout(id) else { continue }
                if index > 0 && MonotonicClock.nanos() - wokeAt > Self.batchBudgetNanos {
                    // An earlier handler was slow: give the rest back to epoll (re-arming a
                    // readable socket wakes an idle worker at once) instead of making them wait.
                    if !table.park(connection, deadline: connection.deadline(configuration), partial: connection.hasPartialRequest) {
                        closeConnection(connection)
                    }
                    continue
                }
                drive(connection, scratch: scratch, justWoken: true)
            }
        }
    }

    /// Ready connections one worker takes per `epoll_wait`. Serving a few per wake-up saves
    /// context switches (+16% req/s at 64 connections, BENCHMARKS.md); `batchBudgetNanos` bounds
    /// what a slow (say, SQLite-bound) handler can add to the others' latency.
    static let eventsPerWake = 8
    static let batchBudgetNanos: UInt64 = 1_000_000

    private func reaperLoop() {
        let tick = min(configuration.headerTimeout, configuration.bodyTimeout, configuration.idleTimeout) / 4
        let sleepMillis = Int32(max(0.005, min(tick, 0.5)) * 1000)
        while !stopping.load(ordering: .relaxed) {
            // Sleeping in poll() on the stop eventfd lets shutdown wake the reaper at once.
            var wake = pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&wake, 1, sleepMillis)
            for entry in table.takeExpired(now: MonotonicClock.nanos()) {
                if entry.partial {
                    Socket.trySend(entry.connection.fd, errorBytes(HTTPParseError(status: .requestTimeout, reason: "request not received in time")))
                }
                close(entry.connection.fd)
                metrics.connectionClosed()
            }
        }
    }

    // MARK: - Helpers

    func closeConnection(_ connection: HTTPConnection) {
        table.remove(connection.id)
        close(connection.fd)
        metrics.connectionClosed()
    }

    func nextRequestID() -> String {
        let count = requestCounter.wrappingAdd(1, ordering: .relaxed).oldValue
        return requestIDPrefix + "-" + String(count, radix: 16)
    }

    private func rejectionBytes() -> [UInt8] {
        errorBytes(HTTPParseError(status: .serviceUnavailable, reason: "too many connections"), code: "service_unavailable")
    }

    /// The full response for a connection-level error, server headers included.
    func errorBytes(_ error: HTTPParseError, code: String? = nil, requestID: String? = nil) -> [UInt8] {
        let body = HTTPError(status: error.status, code: code ?? error.code, message: error.reason).jsonBody
        var headers = serverHeaders(requestID: requestID ?? nextRequestID())
        headers.add("Content-Type", "application/json")
        headers.add("Cache-Control", "no-store")
        headers.add("Content-Length", String(body.count))
        headers.add("Connection", "close")
        return HTTPResponseWriter.head(status: error.status, headers: headers) + body
    }

    func serverHeaders(requestID: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add("Date", date.now())
        headers.add("Server", configuration.serverName)
        headers.add("X-Request-Id", requestID)
        headers.add("X-Content-Type-Options", "nosniff")
        // Nothing we serve is meant to be framed by another site (clickjacking).
        headers.add("Content-Security-Policy", "frame-ancestors 'none'")
        return headers
    }

    /// Raises RLIMIT_NOFILE's soft limit to the hard limit so the connection cap is reachable.
    private func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let before = limit.rlim_cur
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        logger.info("open files limit: soft \(before) -> \(limit.rlim_cur), hard \(limit.rlim_max)")
        if Int(limit.rlim_cur) < configuration.maxConnections + 64 {
            logger.warning("open files limit \(limit.rlim_cur) is below the connection cap \(configuration.maxConnections)")
        }
    }
}
