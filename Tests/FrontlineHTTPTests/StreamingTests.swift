import FrontlineHTTP
import FrontlineTestSupport
import Synchronization
import Testing

@Suite struct StreamingTests {
    @Test func serverSentEvents_stopWhenTheClientLeaves_andDoNotHoldAWorker() throws {
        let stopped = Atomic<Bool>(false)
        let server = try TestServer({ $0.workerCount = 1; $0.writeTimeout = 1 }, routes: { router in
            router.get("/events") { _, _ in
                HTTPResponse(headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-store"]) { writer in
                    defer { stopped.store(true, ordering: .releasing) }
                    var id = 0
                    while true {
                        id += 1
                        try writer.write("id: \(id)\nevent: tick\ndata: {\"n\":\(id)}\n\n")
                        try writer.flush()
                        // Paces the producer like a real event source; the test itself never sleeps.
                        _ = waitFor(seconds: 0.01) { false }
                    }
                }
            }
        })
        let stream = try server.client()
        try stream.send("GET /events HTTP/1.1\r\nHost: a\r\n\r\n")
        let head = try stream.readResponse(head: true)
        #expect(head.status == 200)
        #expect(head.header("Transfer-Encoding") == "chunked")
        #expect(head.header("Content-Type") == "text/event-stream")

        // The only worker is free while the stream runs.
        let other = try server.client()
        try other.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try other.readResponse().text == "hello")

        let stillRunning = !stopped.load(ordering: .acquiring)
        #expect(stillRunning)
        stream.closeNow()
        #expect(waitFor(seconds: 5) { stopped.load(ordering: .acquiring) })
    }

    @Test func streamsOverTheCap_get503() throws {
        let release = Atomic<Bool>(false)
        let server = try TestServer({ $0.maxStreams = 1 }, routes: { router in
            router.get("/hold") { _, _ in
                HTTPResponse(headers: ["Content-Type": "text/plain"]) { writer in
                    try writer.write("start\n")
                    try writer.flush()
                    _ = waitFor(seconds: 5) { release.load(ordering: .acquiring) }
                }
            }
        })
        let first = try server.client()
        try first.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try first.readResponse(head: true).status == 200)
        let second = try server.client()
        try second.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n")
        let rejected = try second.readResponse()
        #expect(rejected.status == 503)
        #expect(rejected.text.contains("too_many_streams"))
        release.store(true, ordering: .releasing)
    }

    @Test func headOnAStream_sendsHeadersOnly() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("HEAD /stream HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
        let head = try client.readResponse(head: true)
        #expect(head.status == 200)
        #expect(try client.readResponse().text == "hello")
    }
}

@Suite struct WorkerPoolTests {
    @Test func aBlockedHandler_doesNotDelayOtherConnections() throws {
        let release = Atomic<Bool>(false)
        let entered = Atomic<Int>(0)
        let server = try TestServer({ $0.workerCount = 2 }, routes: { router in
            router.get("/block") { _, _ in
                entered.add(1, ordering: .releasing)
                // Stands in for a slow SQLite query; released by the test.
                _ = waitFor(seconds: 5) { release.load(ordering: .acquiring) }
                return .text("unblocked")
            }
        })
        let slow = try server.client()
        let fast = try (0..<8).map { _ in try server.client() }
        try slow.send("GET /block HTTP/1.1\r\nHost: a\r\n\r\n")
        // The fast requests go out only once the handler holds its worker (checking afterwards
        // raced with the slow request's dispatch when the fast ones finished first).
        #expect(waitFor(seconds: 5) { entered.load(ordering: .acquiring) == 1 })
        for client in fast { try client.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n") }
        for client in fast { #expect(try client.readResponse().text == "hello") }
        #expect(entered.load(ordering: .acquiring) == 1)
        release.store(true, ordering: .releasing)
        #expect(try slow.readResponse().text == "unblocked")
    }
}

@Suite struct ListeningTests {
    @Test func dualStackHost_acceptsIPv4Clients_whenTheHostHasIPv6() throws {
        let server: TestServer
        do {
            server = try TestServer { $0.host = "::" }
        } catch {
            return  // no IPv6 on this host: nothing to check
        }
        #expect(server.port > 0)
        #expect(try server.get("/hello").text == "hello")
    }

    @Test func portInUse_failsWithTheOSError() throws {
        let first = try TestServer()
        let second = HTTPServer(configuration: HTTPServer.Configuration(host: "127.0.0.1", port: first.port), handler: Router().buildHandler())
        #expect(throws: SocketError.self) { try second.start() }
    }
}

@Suite struct HTTP10StreamingTests {
    @Test func streamToHTTP10Client_isRawAndEndsWithClose() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("GET /stream HTTP/1.0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.header("Transfer-Encoding") == nil)
        #expect(response.header("Connection") == "close")
        #expect(response.text == "line 0\nline 1\nline 2\n")
    }
}
