import Foundation
import FrontlineHTTP
import FrontlineTestSupport
import Testing

/// A temporary `public/` directory with a file, a subdirectory, and a secret beside it that
/// must never be reachable (also through a symlink planted inside).
final class StaticFixture {
    let base: URL
    let root: URL

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-static-\(UUID().uuidString)")
        root = base.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try Data("<h1>home</h1>".utf8).write(to: root.appendingPathComponent("index.html"))
        try Data("console.log(1)".utf8).write(to: root.appendingPathComponent("app.js"))
        try Data("body{}".utf8).write(to: root.appendingPathComponent("docs/style.css"))
        try Data("hidden".utf8).write(to: root.appendingPathComponent(".env"))
        try Data("top secret".utf8).write(to: base.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("escape.txt").path,
                                                   withDestinationPath: base.appendingPathComponent("secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("up").path, withDestinationPath: base.path)
    }

    deinit { try? FileManager.default.removeItem(at: base) }
}

@Suite struct StaticFileTests {
    @Test func staticFiles_haveTypesEtagAndCacheControl() throws {
        let fixture = try StaticFixture()
        let server = try TestServer(routes: { $0.setFallback(StaticFileHandler(root: fixture.root.path)) })
        let index = try server.get("/")
        #expect(index.status == 200)
        #expect(index.text == "<h1>home</h1>")
        #expect(index.header("Content-Type") == "text/html; charset=utf-8")
        #expect(index.header("Cache-Control") == "no-cache")
        let script = try server.get("/app.js")
        #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(script.header("Cache-Control") == "public, max-age=300")
        let css = try server.get("/docs/style.css")
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")
        #expect(css.text == "body{}")
    }

    @Test func ifNoneMatch_gives304() throws {
        let fixture = try StaticFixture()
        let server = try TestServer(routes: { $0.setFallback(StaticFileHandler(root: fixture.root.path)) })
        let first = try server.get("/app.js")
        let etag = try #require(first.header("ETag"))
        let second = try server.get("/app.js", headers: "If-None-Match: \"other\", \(etag)\r\n")
        #expect(second.status == 304)
        #expect(second.body.isEmpty)
        #expect(second.header("ETag") == etag)
        let changed = try server.get("/app.js", headers: "If-None-Match: \"other\"\r\n")
        #expect(changed.status == 200)
    }

    @Test(arguments: [
        "/../secret.txt", "/%2e%2e/secret.txt", "/docs/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
        "/docs%2f..%2f..%2fsecret.txt", "/..%5csecret.txt", "/docs\\..\\..\\secret.txt", "/escape.txt",
        "/up/secret.txt", "/.env", "/%2eenv", "/app.js%00.png", "/nothing-here",
    ])
    func traversalAttempts_get404(_ path: String) throws {
        let fixture = try StaticFixture()
        let server = try TestServer(routes: { $0.setFallback(StaticFileHandler(root: fixture.root.path)) })
        let client = try server.client()
        try client.send("GET \(path) HTTP/1.1\r\nHost: a\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 404 || response.status == 400)
        #expect(!response.text.contains("top secret"))
        #expect(!response.text.contains("hidden"))
    }

    @Test func headOnStaticFile_hasLengthAndNoBody() throws {
        let fixture = try StaticFixture()
        let server = try TestServer(routes: { $0.setFallback(StaticFileHandler(root: fixture.root.path)) })
        let client = try server.client()
        try client.send("HEAD /app.js HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
        let head = try client.readResponse(head: true)
        #expect(head.header("Content-Length") == "14")
        #expect(try client.readResponse().text == "hello")
    }
}
