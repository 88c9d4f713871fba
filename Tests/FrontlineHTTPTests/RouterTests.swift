import FrontlineHTTP
import Logging
import Testing

@Suite struct RouterTests {
    let context = RequestContext(requestID: "t", logger: Logger(label: "t", factory: { _ in SwiftLogNoOpLogHandler() }))

    @Test func literalSegmentsWinOverParameters() throws {
        let router = Router()
        router.get("/api/events/{id}") { _, context in .text("id=\(try context.parameters.require("id"))") }
        router.get("/api/events/latest") { _, _ in .text("latest") }
        let handler = router.buildHandler()
        #expect(handler.respond(to: HTTPRequest(method: .get, path: "/api/events/latest"), context: context).bodyBytes == Array("latest".utf8))
        #expect(handler.respond(to: HTTPRequest(method: .get, path: "/api/events/7"), context: context).bodyBytes == Array("id=7".utf8))
        #expect(handler.respond(to: HTTPRequest(method: .get, path: "/api/events/7/extra"), context: context).status == .notFound)
    }

    @Test func headFallsBackToGet_andRoutePatternIsReported() {
        let router = Router()
        router.get("/items/{id}") { _, _ in .text("x") }
        let response = router.buildHandler().respond(to: HTTPRequest(method: .head, path: "/items/3"), context: context)
        #expect(response.status == .ok)
        #expect(response.routePattern == "/items/{id}")
    }

    @Test func middlewareRunsInOrderAroundTheHandler() {
        struct Tag: Middleware {
            let name: String
            func handle(_ request: HTTPRequest, context: RequestContext,
                        next: (HTTPRequest, RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
                var response = try next(request, context)
                response.headers.add("X-Order", name)
                return response
            }
        }
        let router = Router()
        router.add(middleware: Tag(name: "outer"))
        router.add(middleware: Tag(name: "inner"))
        router.get("/") { _, _ in .text("x") }
        let response = router.buildHandler().respond(to: HTTPRequest(method: .get, path: "/"), context: context)
        #expect(response.headers.values(for: "x-order") == ["inner", "outer"])
    }

    @Test func routeMiddleware_guardsMatchedRoutesOnly() {
        struct Deny: Middleware {
            func handle(_ request: HTTPRequest, context: RequestContext,
                        next: (HTTPRequest, RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
                throw HTTPError(status: .unauthorized, code: "unauthorized", message: "no")
            }
        }
        let router = Router()
        router.add(routeMiddleware: Deny()) { method, _ in method == .post }
        router.get("/items") { _, _ in .text("list") }
        router.post("/items") { _, _ in .text("stored") }
        let handler = router.buildHandler()
        #expect(handler.respond(to: HTTPRequest(method: .get, path: "/items"), context: context).status == .ok)
        #expect(handler.respond(to: HTTPRequest(method: .post, path: "/items"), context: context).status == .unauthorized)
        // No route for PUT: 405 with Allow, the guard never runs.
        let put = handler.respond(to: HTTPRequest(method: .put, path: "/items"), context: context)
        #expect(put.status.code == 405)
        #expect(put.headers["Allow"]?.contains("POST") == true)
        #expect(handler.respond(to: HTTPRequest(method: .post, path: "/nothing"), context: context).status.code == 404)
    }
}

@Suite struct RequestTargetTests {
    @Test func targetInitializer_decodesPathAndQuery() {
        let request = HTTPRequest(target: "/api/events/%31?type=capture&type=assault&q=kunduz+city")
        #expect(request.path == "/api/events/1")
        #expect(request.queryValues("type") == ["capture", "assault"])
        #expect(request.queryValue("q") == "kunduz city")
        #expect(request.target == "/api/events/%31?type=capture&type=assault&q=kunduz+city")
    }
}

@Suite struct CORSTests {
    let context = RequestContext(requestID: "t", logger: Logger(label: "t", factory: { _ in SwiftLogNoOpLogHandler() }))

    func handler() -> any HTTPHandler {
        let router = Router()
        router.add(middleware: CORSMiddleware(allowedOrigins: ["https://dash.example"]))
        router.get("/api/events") { _, _ in .json("[]") }
        return router.buildHandler()
    }

    @Test func allowedOrigin_getsHeaders_otherOriginsDoNot() {
        let allowed = handler().respond(to: HTTPRequest(target: "/api/events", headers: ["Origin": "https://dash.example"]), context: context)
        #expect(allowed.headers["Access-Control-Allow-Origin"] == "https://dash.example")
        #expect(allowed.headers["Vary"] == "Origin")
        let other = handler().respond(to: HTTPRequest(target: "/api/events", headers: ["Origin": "https://evil.example"]), context: context)
        #expect(other.headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test func preflight_isAnsweredWithoutHittingTheRoute() {
        let request = HTTPRequest(method: .options, target: "/api/events",
                                  headers: ["Origin": "https://dash.example", "Access-Control-Request-Method": "POST"])
        let response = handler().respond(to: request, context: context)
        #expect(response.status == .noContent)
        #expect(response.headers["Access-Control-Allow-Methods"]?.contains("POST") == true)
    }
}
