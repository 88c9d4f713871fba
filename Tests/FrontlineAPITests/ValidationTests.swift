import Foundation
import Testing

/// Every validation error answers the JSON envelope with the right status, code and field.
@Suite struct ValidationTests {
    static let shared: LiveAPI = try! LiveAPI(function: "ValidationTests")

    struct Case: CustomTestStringConvertible, Sendable {
        let target: String
        let status: Int
        let code: String
        let field: String?
        var testDescription: String { target }
    }

    static let cases: [Case] = [
        Case(target: "/api/events?colour=red", status: 400, code: "unknown_parameter", field: "colour"),
        Case(target: "/api/articles?sort=asc", status: 400, code: "unknown_parameter", field: "sort"),
        Case(target: "/api/events?from=2021-13-01", status: 400, code: "invalid_parameter", field: "from"),
        Case(target: "/api/events?to=yesterday", status: 400, code: "invalid_parameter", field: "to"),
        Case(target: "/api/events?from=2021-02-30", status: 400, code: "invalid_parameter", field: "from"),
        Case(target: "/api/events?from=2021-08-15&to=2021-08-01", status: 400, code: "invalid_parameter", field: "from"),
        Case(target: "/api/articles?from=2021-08-15&to=2021-08-01", status: 400, code: "invalid_parameter", field: "from"),
        Case(target: "/api/events?limit=0", status: 400, code: "invalid_parameter", field: "limit"),
        Case(target: "/api/events?limit=501", status: 400, code: "invalid_parameter", field: "limit"),
        Case(target: "/api/events?limit=ten", status: 400, code: "invalid_parameter", field: "limit"),
        Case(target: "/api/events?cursor=not-a-cursor", status: 400, code: "invalid_parameter", field: "cursor"),
        Case(target: "/api/events?province=narnia", status: 400, code: "invalid_parameter", field: "province"),
        Case(target: "/api/articles?province=narnia", status: 400, code: "invalid_parameter", field: "province"),
        Case(target: "/api/events?city=atlantis", status: 400, code: "invalid_parameter", field: "city"),
        Case(target: "/api/events?actor=martians", status: 400, code: "invalid_parameter", field: "actor"),
        Case(target: "/api/events?type=picnic", status: 400, code: "invalid_parameter", field: "type"),
        Case(target: "/api/events?status=rumoured", status: 400, code: "invalid_parameter", field: "status"),
        Case(target: "/api/events?disputed=maybe", status: 400, code: "invalid_parameter", field: "disputed"),
        Case(target: "/api/events?min_sources=-1", status: 400, code: "invalid_parameter", field: "min_sources"),
        Case(target: "/api/events?source=no-such-outlet", status: 400, code: "invalid_parameter", field: "source"),
        Case(target: "/api/events?format=xml", status: 400, code: "invalid_parameter", field: "format"),
        Case(target: "/api/events?type=capture&type=assault", status: 400, code: "invalid_parameter", field: "type"),
        Case(target: "/api/articles?q=%21%21%21", status: 400, code: "invalid_parameter", field: "q"),
        Case(target: "/api/provinces?at=2021-8-1", status: 400, code: "invalid_parameter", field: "at"),
        Case(target: "/api/provinces/narnia", status: 404, code: "not_found", field: nil),
        Case(target: "/api/events/abc", status: 404, code: "not_found", field: nil),
        Case(target: "/api/articles/0", status: 404, code: "not_found", field: nil),
        Case(target: "/api/events?to=", status: 400, code: "invalid_parameter", field: "to"),
        Case(target: "/api/events?province=", status: 400, code: "invalid_parameter", field: "province"),
        Case(target: "/api/events/12345", status: 404, code: "not_found", field: nil),
        Case(target: "/api/timeline?bucket=week", status: 400, code: "invalid_parameter", field: "bucket"),
        Case(target: "/api/timeline?from=2000-01-01&to=2021-01-01", status: 400, code: "invalid_parameter", field: "from"),
        Case(target: "/api/changes?since=zzz", status: 400, code: "invalid_parameter", field: "since"),
        Case(target: "/api/stream?since=-4", status: 400, code: "invalid_parameter", field: "since"),
    ]

    @Test(arguments: cases)
    func rejected(_ check: Case) throws {
        let response = try Self.shared.get(check.target)
        #expect(response.status == check.status, "\(response.text)")
        #expect(response.header("Content-Type") == "application/json")
        let error = try #require(try JSON.object(response.body)["error"] as? [String: Any])
        #expect(error["code"] as? String == check.code)
        #expect(error["field"] as? String == check.field)
        #expect((error["message"] as? String)?.isEmpty == false)
    }

    @Test func cursorOfAnotherListing_isRejected() throws {
        // An articles cursor is not an events cursor.
        let api = Self.shared
        let article: [String: Any] = ["text": "Taliban fighters entered Zaranj on Friday, officials said.", "published_at": "2021-08-06"]
        for index in 0..<3 {
            var copy = article
            copy["url"] = "https://example.org/\(index)"
            copy["text"] = "\(article["text"]!) Report \(index)."
            #expect(try api.postJSON(copy).status == 201)
        }
        let page = try api.object("/api/articles?limit=1")
        let cursor = try #require(page["next_cursor"] as? String)
        let response = try api.get("/api/events?cursor=\(cursor)")
        #expect(response.status == 400)
        #expect((try JSON.object(response.body)["error"] as? [String: Any])?["field"] as? String == "cursor")
    }

    @Test func methodNotAllowed_namesTheAllowedMethods() throws {
        let response = try Self.shared.send("PUT", "/api/events")
        #expect(response.status == 405)
        #expect(response.header("Allow")?.contains("GET") == true)
        let options = try Self.shared.send("OPTIONS", "/api/articles")
        #expect(options.status == 204)
        #expect(options.header("Allow")?.contains("POST") == true)
        let head = try Self.shared.send("HEAD", "/api/events")
        #expect(head.status == 200)
        #expect(head.header("ETag") != nil)
    }
}
