import FrontlineHTTP
import FrontlineTestSupport
import Logging
import Synchronization

/// Counts handler invocations, to prove malformed input never reaches a handler.
final class CallCounter: Sendable {
    let value = Atomic<Int>(0)
    var count: Int { value.load(ordering: .acquiring) }
}

struct CountingMiddleware: Middleware {
    let counter: CallCounter
    func handle(_ request: HTTPRequest, context: RequestContext,
                next: (HTTPRequest, RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        counter.value.add(1, ordering: .acquiringAndReleasing)
        return try next(request, context)
    }
}

/// An in-process server on port 0 with a small set of routes the live tests use.
final class TestServer {
    let server: HTTPServer
    let calls = CallCounter()
    var port: Int { server.listeningPort }

    init(_ configure: (inout HTTPServer.Configuration) -> Void = { _ in }, routes: (Router) -> Void = { _ in }) throws {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0, workerCount: 4, accessLog: false)
        configure(&configuration)
        let router = Router()
        router.add(middleware: CountingMiddleware(counter: calls))
        router.add(middleware: GzipMiddleware())
        router.get("/hello") { _, _ in .text("hello") }
        router.post("/echo") { request, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: request.body)
        }
        router.get("/items/{id}") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return .json("{\"id\":\(id)}")
        }
        router.delete("/items/{id}") { _, _ in HTTPResponse(status: .noContent) }
        router.get("/big") { _, _ in .text(String(repeating: "frontline ", count: 400)) }
        router.get("/fail") { _, _ in throw TestFailure.boom }
        router.get("/stream") { _, _ in
            HTTPResponse(headers: ["Content-Type": "text/plain"]) { writer in
                for index in 0..<3 {
                    try writer.write("line \(index)\n")
                    try writer.flush()
                }
            }
        }
        router.get("/query") { request, _ in
            .text(request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "|"))
        }
        routes(router)
        server = HTTPServer(configuration: configuration, handler: router.buildHandler(),
                            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try server.start()
        server.waitUntilListening()
    }

    deinit { server.shutdown() }

    func client(timeout: Double = 5) throws -> TestClient { try TestClient(port: port, timeout: timeout) }

    /// One request on a fresh connection.
    func get(_ path: String, headers: String = "") throws -> TestResponse {
        let client = try client()
        try client.send("GET \(path) HTTP/1.1\r\nHost: localhost\r\n\(headers)Connection: close\r\n\r\n")
        return try client.readResponse()
    }
}

enum TestFailure: Error { case boom }
