import Foundation
import FrontlineTestSupport
import Testing

/// Reads over one server loaded with the demo set and, when ../shared/seeds is present, the five
/// seeds (read-only tests share it).
@Suite struct ReadEndpointTests {
    static let seedCount = RepositoryPaths.seeds == nil ? 0 : 5

    static let shared: LiveAPI = {
        let api = try! LiveAPI(demo: true, function: "ReadEndpointTests")
        for seed in seedCount == 0 ? [] : try! LiveAPI.seedSubmissions() {
            let response = try! api.postJSON(seed)
            precondition(response.status == 201, "seed ingest: \(response.status) \(response.text)")
        }
        return api
    }()

    var api: LiveAPI { Self.shared }

    @Test func demoAndSeeds_areAllStored() throws {
        let demoFiles = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.config.appendingPathComponent("demo").path)
            .filter { $0.hasSuffix(".json") }
        let articles = try api.all("/api/articles", limit: 500)
        #expect(articles.count == demoFiles.count + Self.seedCount)
        #expect(Set(articles.compactMap { $0["id"] as? Int }).count == articles.count)
        let events = try api.all("/api/events", limit: 500)
        #expect(!events.isEmpty)
        for event in events {
            #expect(event["type"] is String)
            #expect(event["first_reported_at"] is String)
            #expect(event["updated_at"] is String)
            #expect((event["report_count"] as? Int ?? 0) >= 1)
        }
    }

    @Test(arguments: ["/api/articles", "/api/events", "/api/events?type=capture", "/api/articles?q=taliban"])
    func pagination_givesEveryRowExactlyOnce(_ target: String) throws {
        let whole = try api.object(target + (target.contains("?") ? "&" : "?") + "limit=500")["data"] as? [[String: Any]] ?? []
        let paged = try api.all(target, limit: 3)
        let wholeIDs = whole.compactMap { $0["id"] as? Int }
        let pagedIDs = paged.compactMap { $0["id"] as? Int }
        #expect(!wholeIDs.isEmpty)
        #expect(pagedIDs == wholeIDs)
        #expect(Set(pagedIDs).count == pagedIDs.count)
    }

    @Test func eventFilters_compose() throws {
        let all = try api.all("/api/events", limit: 500)
        let captures = try api.all("/api/events?type=capture", limit: 500)
        #expect(captures.allSatisfy { $0["type"] as? String == "capture" })
        #expect(captures.count == all.filter { $0["type"] as? String == "capture" }.count)
        let balkh = try api.all("/api/events?type=capture&province=balkh&actor=taliban", limit: 500)
        #expect(!balkh.isEmpty)
        #expect(balkh.allSatisfy { $0["province"] as? String == "balkh" && $0["actor"] as? String == "taliban" })
        let ranged = try api.all("/api/events?from=2021-08-10&to=2021-08-12", limit: 500)
        #expect(ranged.allSatisfy { ($0["date"] as? String).map { $0 >= "2021-08-10" && $0 <= "2021-08-12" } ?? false })
        #expect(ranged.count == all.filter { ($0["date"] as? String).map { $0 >= "2021-08-10" && $0 <= "2021-08-12" } ?? false }.count)
        let multi = try api.all("/api/events?min_sources=2", limit: 500)
        #expect(multi.allSatisfy { ($0["source_count"] as? Int ?? 0) >= 2 })
        let disputed = try api.all("/api/events?disputed=true", limit: 500)
        #expect(disputed.allSatisfy { $0["disputed"] as? Bool == true && $0["dispute"] is [String: Any] })
        let confirmed = try api.all("/api/events?status=confirmed", limit: 500)
        #expect(confirmed.allSatisfy { $0["status"] as? String == "confirmed" })
        if let source = all.first?["sources"] as? [String], let slug = source.first {
            let bySource = try api.all("/api/events?source=\(slug)", limit: 500)
            #expect(!bySource.isEmpty)
            #expect(bySource.allSatisfy { ($0["sources"] as? [String] ?? []).contains(slug) })
        }
    }

    @Test func eventDetail_hasReportsWithEvidenceAndArticles() throws {
        let event = try #require(try api.all("/api/events?type=capture", limit: 500).first)
        let id = try #require(event["id"] as? Int)
        let detail = try api.object("/api/events/\(id)")
        let reports = try #require(detail["reports"] as? [[String: Any]])
        #expect(reports.count == detail["report_count"] as? Int)
        for report in reports {
            let evidence = try #require(report["evidence"] as? [String: Any])
            #expect((evidence["sentence"] as? String)?.isEmpty == false)
            let article = try #require(report["article"] as? [String: Any])
            #expect(article["id"] is Int)
        }
        #expect(try api.get("/api/events/99999999").status == 404)
    }

    @Test func articleSearch_hasSnippetsWithMarks() throws {
        let page = try api.object("/api/articles?q=surrender")
        let items = try #require(page["data"] as? [[String: Any]])
        #expect(!items.isEmpty)
        for item in items {
            let snippet = try #require(item["snippet"] as? String)
            #expect(snippet.contains("<mark>"))
            #expect(item["rank"] is Double || item["rank"] is Int)
        }
        let detail = try api.object("/api/articles/\(try #require(items[0]["id"] as? Int))")
        #expect((detail["text"] as? String)?.isEmpty == false)
        #expect(detail["reports"] is [[String: Any]])
        #expect(detail["tallies"] is [[String: Any]])
        #expect(detail["quotes"] is [[String: Any]])
        #expect(detail["sources_cited"] is [String])
        #expect(try api.get("/api/articles/424242").status == 404)
    }

    @Test func articleFilters() throws {
        let all = try api.all("/api/articles", limit: 500)
        let august = try api.all("/api/articles?from=2021-08-10&to=2021-08-12", limit: 500)
        let expected = all.filter { ($0["published_at"] as? String).map { $0 >= "2021-08-10" && $0 < "2021-08-13" } ?? false }
        #expect(august.count == expected.count)
        #expect(!august.isEmpty)
        let sourceIDs = all.compactMap { ($0["source"] as? [String: Any])?["id"] as? String }
        let source = try #require(sourceIDs.first)
        let bySource = try api.all("/api/articles?source=\(source)", limit: 500)
        #expect(bySource.allSatisfy { ($0["source"] as? [String: Any])?["id"] as? String == source })
        let balkh = try api.all("/api/articles?province=balkh", limit: 500)
        #expect(!balkh.isEmpty && balkh.count < all.count)
    }

    @Test func provinces_all34WithCapitalsAndStatus() throws {
        let page = try api.object("/api/provinces?at=2021-08-15")
        #expect(page["at"] as? String == "2021-08-15")
        let provinces = try #require(page["data"] as? [[String: Any]])
        #expect(provinces.count == 34)
        for province in provinces {
            let capital = try #require(province["capital"] as? [String: Any], "\(province["id"] ?? "?")")
            #expect(capital["lat"] is Double)
            #expect(["government", "contested", "taliban", "unknown"].contains(province["status"] as? String ?? ""))
            #expect((province["iso_code"] as? String)?.hasPrefix("AF-") == true)
        }
        let detail = try api.object("/api/provinces/nimroz")
        #expect(detail["timeline"] is [[String: Any]])
        #expect(detail["events"] is [[String: Any]])
        #expect(try api.get("/api/provinces/narnia").status == 404)
    }

    @Test func sources_withTrackRecord() throws {
        let list = try api.object("/api/sources")
        let sources = try #require(list["data"] as? [[String: Any]])
        let publisher = try #require(sources.first { ($0["article_count"] as? Int ?? 0) > 0 })
        let detail = try api.object("/api/sources/\(try #require(publisher["id"] as? String))")
        let record = try #require(detail["track_record"] as? [String: Any])
        #expect(record["reports"] is Int)
        #expect(record["agree_with_consensus"] is Int)
        #expect(record["first_to_report"] is Int)
        #expect(try api.get("/api/sources/no-such-outlet").status == 404)
    }

    @Test func timeline_perDayWithHeldCounts() throws {
        let timeline = try api.object("/api/timeline?from=2021-08-01&to=2021-08-16")
        let days = try #require(timeline["data"] as? [[String: Any]])
        #expect(days.count == 16)
        for day in days {
            let held = try #require(day["held"] as? [String: Int])
            #expect(held.values.reduce(0, +) == 34)
        }
        let last = try #require(days.last?["held"] as? [String: Int])
        #expect((last["taliban"] ?? 0) > 0)
        let span = try api.object("/api/timeline")
        #expect(span["from"] is String && span["to"] is String)
    }

    @Test func changesFeed_isMonotonicAndResumable() throws {
        let first = try api.object("/api/changes?limit=5")
        let items = try #require(first["data"] as? [[String: Any]])
        #expect(items.count == 5)
        let seqs = items.compactMap { $0["seq"] as? Int }
        #expect(seqs == seqs.sorted())
        let cursor = try #require(first["next_cursor"] as? String)
        let second = try api.object("/api/changes?limit=5&since=\(cursor)")
        let next = try #require(second["data"] as? [[String: Any]])
        #expect((next.first?["seq"] as? Int ?? 0) > (seqs.last ?? 0))
        let bySeq = try api.object("/api/changes?limit=1&since=\(seqs[0])")
        #expect(((bySeq["data"] as? [[String: Any]])?.first?["seq"] as? Int) == seqs[1])
    }

    @Test func csvAndNDJSON_roundTripTheJSONRows() throws {
        let json = try api.all("/api/events", limit: 500)
        let csv = try api.get("/api/events?format=csv")
        #expect(csv.status == 200)
        #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        let rows = CSV.parse(csv.text)
        #expect(rows.first == ["id", "type", "province", "city", "actor", "date", "date_precision", "date_from", "date_to",
                               "status", "disputed", "dispute_reason", "report_count", "source_count", "sources",
                               "first_reported_at", "updated_at"])
        #expect(rows.count == json.count + 1)
        for (row, object) in zip(rows.dropFirst(), json) {
            #expect(row[0] == String(object["id"] as? Int ?? -1))
            #expect(row[1] == object["type"] as? String)
            #expect(row[14] == (object["sources"] as? [String] ?? []).joined(separator: ";"))
        }
        let accept = try api.get("/api/articles", headers: [("Accept", "text/csv")])
        let articleRows = CSV.parse(accept.text)
        let articles = try api.all("/api/articles", limit: 500)
        #expect(articleRows.count == articles.count + 1)
        for (row, object) in zip(articleRows.dropFirst(), articles) {
            #expect(row[2] == (object["title"] as? String ?? ""))
        }
        let ndjson = try api.get("/api/events?format=ndjson")
        #expect(ndjson.header("Content-Type") == "application/x-ndjson")
        let lines = try JSON.lines(ndjson.body)
        #expect(lines.map { $0["id"] as? Int } == json.map { $0["id"] as? Int })
        #expect(lines.map { $0["date"] as? String } == json.map { $0["date"] as? String })
        let capped = try JSON.lines(try api.get("/api/articles?format=ndjson&limit=3").body)
        #expect(capped.count == 3)
    }

    @Test func etags_give304UntilTheDataChanges() throws {
        for target in ["/api/events", "/api/provinces?at=2021-08-14", "/api/articles/1", "/api/sources", "/api/timeline"] {
            let first = try api.get(target)
            let etag = try #require(first.header("ETag"), "\(target)")
            #expect(etag.hasPrefix("W/\""))
            let again = try api.get(target, headers: [("If-None-Match", etag)])
            #expect(again.status == 304, "\(target)")
            #expect(again.header("ETag") == etag)
        }
        let gzipped = try api.get("/api/events?limit=100", headers: [("Accept-Encoding", "gzip")])
        #expect(gzipped.header("Content-Encoding") == "gzip")
        let tag = try #require(gzipped.header("ETag"))
        #expect(try api.get("/api/events?limit=100", headers: [("If-None-Match", tag), ("Accept-Encoding", "gzip")]).status == 304)
        #expect(try api.get("/api/events", headers: [("If-None-Match", "W/\"v0-j\"")]).status == 200)
    }
}
