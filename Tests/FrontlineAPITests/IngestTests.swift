import Foundation
import FrontlineHTTP
import Testing

/// Writes through the real server: single and bulk ingest, gzip, duplicates, delete, auth.
@Suite struct IngestTests {
    static let zaranj = "Taliban fighters captured Zaranj, the capital of Nimroz province, on Friday, officials said."

    @Test func single_201ThenDuplicate200() throws {
        let api = try LiveAPI()
        let article: [String: Any] = ["url": "https://example.org/zaranj", "title": "Zaranj falls", "text": Self.zaranj,
                                      "published_at": "2021-08-06", "source": "Reuters"]
        let created = try api.postJSON(article)
        #expect(created.status == 201, "\(created.text)")
        let body = try JSON.object(created.body)
        #expect(body["duplicate"] as? Bool == false)
        let stored = try #require(body["article"] as? [String: Any])
        let id = try #require(stored["id"] as? Int)
        #expect(created.header("Location") == "/api/articles/\(id)")
        #expect(stored["published_at"] as? String == "2021-08-06T00:00:00Z")
        #expect(body["reports"] is [[String: Any]])
        let again = try api.postJSON(article)
        #expect(again.status == 200)
        let duplicate = try JSON.object(again.body)
        #expect(duplicate["duplicate"] as? Bool == true)
        #expect((duplicate["article"] as? [String: Any])?["id"] as? Int == id)
        // Same text under another URL is still the same article (content hash).
        var copy = article
        copy["url"] = "https://mirror.example.org/zaranj"
        #expect(try api.postJSON(copy).status == 200)
        #expect(try api.all("/api/articles").count == 1)
    }

    @Test(arguments: [
        (#"{"title": "no text"}"#, "text"),
        (#"{"text": "   "}"#, "text"),
        (#"{"text": 42}"#, "text"),
        (#"{"text": "Kabul.", "published_at": "15 August"}"#, "published_at"),
        (#"{"text": "Kabul.", "url": "ftp://x"}"#, "url"),
        (#"{"text": "Kabul.", "title": ["a"]}"#, "title"),
        (#"{"text": "Kabul.", "author": "me"}"#, "author"),
        (#"[1, 2]"#, nil),
        (#"{"text": "unterminated"#, nil),
    ] as [(String, String?)])
    func invalidBody_422NamingTheField(_ body: String, _ field: String?) throws {
        let api = try LiveAPI(function: "invalidBody")
        let response = try api.send("POST", "/api/articles", headers: [("Content-Type", "application/json")], body: Array(body.utf8))
        #expect(response.status == 422, "\(response.text)")
        let error = try #require(try JSON.object(response.body)["error"] as? [String: Any])
        #expect(error["code"] as? String == "invalid_body")
        #expect(error["field"] as? String == field)
    }

    @Test func wrongContentType_415() throws {
        let api = try LiveAPI()
        let response = try api.send("POST", "/api/articles", headers: [("Content-Type", "text/plain")], body: Array("Kabul".utf8))
        #expect(response.status == 415)
        #expect(try api.send("POST", "/api/articles", body: Array("{}".utf8)).status == 415)
    }

    /// A full disk (the file capped at its size) refuses writes with 507 and stores nothing;
    /// reads keep working, and ingest resumes once there is room (RELIABILITY.md case 27).
    @Test func fullDatabase_gets507_readsKeepWorking_andIngestResumes() throws {
        let api = try LiveAPI()
        let json = [("Content-Type", "application/json")]
        let first = #"{"url": "https://example.org/a", "text": "Taliban fighters captured Zaranj on Friday.", "published_at": "2021-08-07"}"#
        #expect(try api.send("POST", "/api/articles", headers: json, body: Array(first.utf8)).status == 201)
        let pages = try api.app.database.pageCount()
        try api.app.database.capPages(pages)
        // Longer than the free pages inside the file (tables dropped by migrations leave some).
        let free = try api.app.database.freePages()
        let long = String(repeating: "Fighting went on around the city for hours. ", count: 400 + free * (try api.app.database.pageSize()) / 40)
        let second = #"{"url": "https://example.org/b", "text": "Taliban fighters captured Sheberghan on Saturday. \#(long)", "published_at": "2021-08-08"}"#
        let refused = try api.send("POST", "/api/articles", headers: json, body: Array(second.utf8))
        #expect(refused.status == 507, "\(refused.text)")
        #expect(refused.header("Retry-After") == "30")
        let bulk = try api.send("POST", "/api/articles", headers: [("Content-Type", "application/x-ndjson")],
                                body: Array((second + "\n").utf8))
        #expect(bulk.status == 507, "\(bulk.text)")
        let listed = try api.send("GET", "/api/articles")
        #expect(listed.status == 200)
        #expect((try JSON.object(listed.body)["data"] as? [Any])?.count == 1)
        try api.app.database.capPages(1 << 30)
        #expect(try api.send("POST", "/api/articles", headers: json, body: Array(second.utf8)).status == 201)
        #expect(try api.app.database.integrityProblems() == [])
    }

    @Test func bulkNDJSON_keepsGoodLinesAndReportsBadOnes() throws {
        let api = try LiveAPI()
        let lines = [
            #"{"url": "https://example.org/1", "text": "Taliban fighters captured Sheberghan on Saturday.", "published_at": "2021-08-07"}"#,
            #"{"url": "https://example.org/2", "text": "Taliban fighters attacked Kunduz on Sunday.", "published_at": "2021-08-08"}"#,
            #"{"text": }"#,
            "",
            #"{"url": "https://example.org/3", "published_at": "2021-08-08"}"#,
            #"{"url": "https://example.org/4", "text": "Government forces repelled an attack on Lashkar Gah.", "published_at": "2021-08-05"}"#,
            #"{"url": "https://example.org/1", "text": "Taliban fighters captured Sheberghan on Saturday.", "published_at": "2021-08-07"}"#,
        ]
        let response = try api.send("POST", "/api/articles", headers: [("Content-Type", "application/x-ndjson")],
                                    body: Array(lines.joined(separator: "\n").utf8))
        #expect(response.status == 200, "\(response.text)")
        let summary = try JSON.object(response.body)
        #expect(summary["accepted"] as? Int == 3)
        #expect(summary["duplicates"] as? Int == 1)
        let rejected = try #require(summary["rejected"] as? [[String: Any]])
        #expect(rejected.compactMap { $0["line"] as? Int } == [3, 5])
        #expect((rejected.last?["reason"] as? String)?.hasPrefix("text") == true)
        #expect((summary["ids"] as? [Int])?.count == 3)
        #expect(try api.all("/api/articles").count == 3)
    }

    @Test func bulkGzip_isDecompressed_andABombGets413StoringNothing() throws {
        let api = try LiveAPI(maxDecompressed: 1 << 20)
        let ndjson = (0..<20).map { #"{"url": "https://example.org/\#($0)", "text": "Taliban fighters attacked Herat, report \#($0).", "published_at": "2021-08-0\#($0 % 9 + 1)"}"# }
            .joined(separator: "\n")
        let gzipped = Gzip.compress(Array(ndjson.utf8))
        let ok = try api.send("POST", "/api/articles", headers: [("Content-Type", "application/x-ndjson"), ("Content-Encoding", "gzip")],
                              body: gzipped)
        #expect(ok.status == 200, "\(ok.text)")
        #expect(try JSON.object(ok.body)["accepted"] as? Int == 20)
        // 64 MiB of one repeated line compresses to a few dozen KiB.
        let line = Array((#"{"text": "Taliban fighters attacked Herat again."}"# + "\n").utf8)
        var big: [UInt8] = []
        big.reserveCapacity(64 << 20)
        while big.count < 64 << 20 { big += line }
        let bomb = Gzip.compress(big, level: 9)
        #expect(bomb.count < 1 << 20)
        let refused = try api.send("POST", "/api/articles", headers: [("Content-Type", "application/x-ndjson"), ("Content-Encoding", "gzip")],
                                   body: bomb)
        #expect(refused.status == 413)
        #expect((try JSON.object(refused.body)["error"] as? [String: Any])?["code"] as? String == "payload_too_large")
        #expect(try api.all("/api/articles", limit: 500).count == 20)
        let corrupt = try api.send("POST", "/api/articles", headers: [("Content-Type", "application/x-ndjson"), ("Content-Encoding", "gzip")],
                                   body: [0x1f, 0x8b, 1, 2, 3])
        #expect(corrupt.status == 400)
    }

    @Test func delete_removesTheArticleAndItsContribution() throws {
        let api = try LiveAPI()
        let created = try api.postJSON(["text": Self.zaranj, "published_at": "2021-08-06"])
        let id = try #require((try JSON.object(created.body)["article"] as? [String: Any])?["id"] as? Int)
        let eventsBefore = try api.all("/api/events")
        #expect(!eventsBefore.isEmpty)
        #expect(try api.send("DELETE", "/api/articles/\(id)").status == 204)
        #expect(try api.get("/api/articles/\(id)").status == 404)
        #expect(try api.send("DELETE", "/api/articles/\(id)").status == 404)
        #expect(try api.all("/api/events").isEmpty)
        let changes = try #require(try api.object("/api/changes?limit=500")["data"] as? [[String: Any]])
        #expect(changes.contains { $0["entity"] as? String == "article" && $0["action"] as? String == "deleted" && $0["id"] as? Int == id })
    }

    @Test func etag_changesWithTheData_andStarNeverHidesA404() throws {
        let api = try LiveAPI()
        #expect(try api.postJSON(["text": Self.zaranj, "published_at": "2021-08-06"]).status == 201)
        let before = try api.get("/api/events")
        let etag = try #require(before.header("ETag"))
        #expect(try api.get("/api/events", headers: [("If-None-Match", etag)]).status == 304)
        #expect(try api.postJSON(["text": "Taliban fighters captured Sheberghan on Saturday.", "published_at": "2021-08-07"]).status == 201)
        let after = try api.get("/api/events", headers: [("If-None-Match", etag)])
        #expect(after.status == 200)
        #expect(after.header("ETag") != etag)
        #expect(try api.get("/api/events/987654", headers: [("If-None-Match", "*")]).status == 404)
        #expect(try api.get("/api/articles/1", headers: [("If-None-Match", "*")]).status == 304)
    }

    @Test func extract_storesNothing() throws {
        let api = try LiveAPI()
        let response = try api.send("POST", "/api/extract", headers: [("Content-Type", "application/json")],
                                    body: Array(#"{"text": "Taliban fighters captured Zaranj on Friday.", "published_at": "2021-08-06"}"#.utf8))
        #expect(response.status == 200, "\(response.text)")
        let result = try JSON.object(response.body)
        #expect(result["extractor_version"] is String)
        #expect(result["reports"] is [[String: Any]])
        #expect(try api.all("/api/articles").isEmpty)
        #expect(try api.send("POST", "/api/extract", headers: [("Content-Type", "application/json")], body: Array("{}".utf8)).status == 422)
    }

    @Test func tokenConfigured_writesNeedTheBearerToken() throws {
        let api = try LiveAPI(token: "s3cret-token")
        let article: [String: Any] = ["text": Self.zaranj]
        let missing = try api.postJSON(article)
        #expect(missing.status == 401)
        #expect(missing.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        #expect((try JSON.object(missing.body)["error"] as? [String: Any])?["code"] as? String == "unauthorized")
        let wrong = try api.postJSON(article, token: "s3cret-tokeN")
        #expect(wrong.status == 401)
        #expect(wrong.header("WWW-Authenticate")?.contains("invalid_token") == true)
        #expect(try api.postJSON(article, token: "s3cret").status == 401)
        #expect(try api.send("DELETE", "/api/articles/1").status == 401)
        // A method no route has is 405 whoever asks, not 401.
        #expect(try api.send("PUT", "/api/articles", headers: [("Content-Type", "application/json")], body: Array("{}".utf8)).status == 405)
        #expect(try api.get("/api/articles").status == 200)
        #expect(try api.postJSON(article, token: "s3cret-token").status == 201)
        #expect(try api.send("DELETE", "/api/articles/1", headers: [("Authorization", "Bearer s3cret-token")]).status == 204)
    }

    @Test func noTokenOnLoopback_writesAreOpen_butANetworkBindIsReadOnly() throws {
        let open = try LiveAPI()
        #expect(try open.postJSON(["text": Self.zaranj]).status == 201)
        let exposed = try LiveAPI(host: "0.0.0.0")
        let refused = try exposed.postJSON(["text": Self.zaranj])
        #expect(refused.status == 403)
        #expect((try JSON.object(refused.body)["error"] as? [String: Any])?["code"] as? String == "read_only")
        #expect(try exposed.get("/api/articles").status == 200)
    }
}
