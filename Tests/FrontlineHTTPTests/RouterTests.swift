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
